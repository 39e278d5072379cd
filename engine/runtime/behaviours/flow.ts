import type { FlowNode } from '../../model/index.js';
import type { Execution } from '../execution.js';
import { activate } from './registry.js';

/** Completes an element and sends a token down each of the given flows. */
export function leave(execution: Execution, node: FlowNode, elementInstanceId: string, flowIds: readonly string[] = node.outgoing): void {
  execution.nodeEvent('element.completed', node, elementInstanceId);
  for (const flowId of flowIds) take(execution, flowId);
}

export function take(execution: Execution, flowId: string): void {
  const flow = execution.model.flows.get(flowId);
  if (!flow) return;
  execution.history({ type: 'sequenceFlow.taken', elementId: flow.id, elementType: 'sequenceFlow', ...(flow.name ? { elementName: flow.name } : {}) });
  execution.schedule(() => activate(execution, execution.node(flow.targetId), flow.id));
}
