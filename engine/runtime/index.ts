export type { Effect, HistoryEvent, HistoryEventType, IncidentCreated, JobCreated, UserTaskCreated } from './effects.js';
export { completeWaitingElement, startInstance, type StepRefusal, type StepResult } from './interpreter.js';
export type { ElementInstance, InstanceState, InstanceStatus } from './state.js';
export { isPlainObject, type Json, type Variables } from './variables.js';
