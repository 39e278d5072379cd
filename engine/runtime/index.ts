export type {
  ChildInstanceCancelRequested,
  ChildInstanceRequested,
  Effect,
  ErrorPropagated,
  HistoryEffect,
  HistoryEvent,
  HistoryEventType,
  IncidentCreated,
  IncidentResolved,
  IncidentType,
  JobCanceled,
  JobCreated,
  MessageSubscriptionClosed,
  MessageSubscriptionOpened,
  MessageThrown,
  SignalSubscriptionClosed,
  SignalSubscriptionOpened,
  SignalThrown,
  TimerCanceled,
  TimerCreated,
  UserTaskCanceled,
  UserTaskCreated,
} from './effects.js';
export { completeWaitingElement, startInstance, type StepRefusal, type StepResult } from './interpreter.js';
export type { ElementInstance, InstanceState, InstanceStatus } from './state.js';
export { isPlainObject, type Json, type Variables } from './variables.js';
