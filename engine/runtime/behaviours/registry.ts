import type { ElementKind } from '../../model/index.js';
import { adHocSubProcess } from './ad-hoc-sub-process.js';
import type { Behaviour } from './behaviour.js';
import { businessRuleTask } from './business-rule-task.js';
import { callActivity } from './call-activity.js';
import { catchEvent } from './catch-event.js';
import { endEvent } from './end-event.js';
import { eventBasedGateway } from './event-based-gateway.js';
import { exclusiveGateway } from './exclusive-gateway.js';
import { inclusiveGateway } from './inclusive-gateway.js';
import { jobTask } from './job-task.js';
import { parallelGateway } from './parallel-gateway.js';
import { passThrough } from './pass-through.js';
import { scriptTask } from './script-task.js';
import { eventSubProcess, subProcess } from './sub-process.js';
import { throwEvent } from './throw-event.js';
import { userTask } from './user-task.js';

const BEHAVIOURS: Record<ElementKind, Behaviour> = {
  startEvent: passThrough,
  boundaryEvent: passThrough,
  task: passThrough,
  manualTask: passThrough,
  endEvent,
  intermediateThrowEvent: throwEvent,
  intermediateCatchEvent: catchEvent,
  receiveTask: catchEvent,
  userTask,
  serviceTask: jobTask,
  sendTask: jobTask,
  businessRuleTask,
  scriptTask,
  subProcess,
  eventSubProcess,
  transaction: subProcess,
  adHocSubProcess,
  callActivity,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway,
};

export function behaviourOf(kind: ElementKind): Behaviour {
  return BEHAVIOURS[kind];
}
