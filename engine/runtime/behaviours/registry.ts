import type { ElementKind, FlowNode } from '../../model/index.js';
import type { Execution } from '../execution.js';
import type { Behaviour } from './behaviour.js';
import { endEvent } from './end-event.js';
import { exclusiveGateway } from './exclusive-gateway.js';
import { parallelGateway } from './parallel-gateway.js';
import { passThrough } from './pass-through.js';
import { serviceTask } from './service-task.js';
import { userTask } from './user-task.js';

const BEHAVIOURS: Record<ElementKind, Behaviour> = {
  startEvent: passThrough,
  task: passThrough,
  manualTask: passThrough,
  endEvent,
  userTask,
  serviceTask,
  exclusiveGateway,
  parallelGateway,
};

/** A token arrives at an element: a new element instance is activated. */
export function activate(execution: Execution, node: FlowNode, arrivedVia: string | undefined): void {
  const elementInstanceId = execution.newElementInstanceId();
  // A join records arrivals without being "activated" each time; it logs when it fires.
  if (node.kind !== 'parallelGateway' || node.incoming.length <= 1) execution.nodeEvent('element.activated', node, elementInstanceId);
  BEHAVIOURS[node.kind].activate(execution, node, elementInstanceId, arrivedVia);
}
