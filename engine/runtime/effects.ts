import type { Json, Variables } from './variables.js';

/**
 * What a command did, in order. The interpreter does no I/O (DESIGN §3): the store turns
 * these into rows in the command's transaction. engine/runtime/CONTRACT.md says what the
 * store must do with each one.
 */
export type Effect =
  | HistoryEffect
  | UserTaskCreated
  | UserTaskCanceled
  | JobCreated
  | JobCanceled
  | TimerCreated
  | TimerCanceled
  | MessageSubscriptionOpened
  | MessageSubscriptionClosed
  | SignalSubscriptionOpened
  | SignalSubscriptionClosed
  | SignalThrown
  | MessageThrown
  | ChildInstanceRequested
  | ChildInstanceCancelRequested
  | DecisionRequested
  | ErrorPropagated
  | EscalationPropagated
  | IncidentCreated
  | IncidentResolved;

export interface HistoryEffect {
  type: 'history';
  event: HistoryEvent;
}

export interface HistoryEvent {
  type: HistoryEventType;
  elementId?: string;
  elementType?: string;
  elementName?: string;
  elementInstanceId?: string;
  data?: { [key: string]: Json };
}

export type HistoryEventType =
  | 'instance.started'
  | 'instance.completed'
  | 'instance.canceled'
  | 'instance.terminated'
  | 'instance.suspended'
  | 'instance.resumed'
  | 'instance.modified'
  | 'instance.migrated'
  | 'element.activated'
  | 'element.completed'
  | 'element.terminated'
  | 'sequenceFlow.taken'
  | 'variables.set'
  | 'boundary.triggered'
  | 'timer.fired'
  /** A non-interrupting cycle's next repetition could not be counted: this firing was its last (data: errorType, message, messageZh). */
  | 'timer.cycleStopped'
  | 'message.correlated'
  | 'signal.received'
  | 'signal.thrown'
  | 'message.thrown'
  | 'error.thrown'
  | 'error.caught'
  | 'escalation.thrown'
  | 'escalation.caught'
  | 'link.thrown'
  | 'compensation.thrown'
  | 'incident.created'
  | 'incident.resolved'
  | 'multiInstance.runAdded'
  | 'multiInstance.runRemoved'
  /** Written by the store when it evaluated a called decision (engine/dmn): decision, version, inputs, matched rules, outputs. */
  | 'decision.evaluated';

/** A user task row to create; its element instance waits until `completeWaitingElement`. */
export interface UserTaskCreated {
  type: 'userTask.created';
  elementInstanceId: string;
  elementId: string;
  name?: string;
  department?: string;
  /** The unit that handles the task (a bureau's town branch), when routing named one. */
  unit?: string;
  /** The task's region (the unit's); absent: the case's. */
  regionCode?: string;
  regionPath?: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate?: string;
  followUpDate?: string;
  /** 0–100, 50 unless zeebe:priorityDefinition says otherwise: the inbox is sorted by it. */
  priority: number;
  /** zeebe:taskHeaders of the user task. */
  headers?: Record<string, string>;
  /** zeebe:properties of the element: custom metadata. */
  properties?: Record<string, string>;
  formKey?: string;
  formId?: string;
}

/** The task's element was terminated (boundary event, cancel, token moved): close the task row. */
export interface UserTaskCanceled {
  type: 'userTask.canceled';
  elementInstanceId: string;
  elementId: string;
}

/**
 * A job for a worker (service, send, business-rule tasks; message throw events with a task
 * definition). `variables` are those visible to the element (its scope chain, merged).
 */
export interface JobCreated {
  type: 'job.created';
  elementInstanceId: string;
  elementId: string;
  jobType: string;
  retries: number;
  headers: Record<string, string>;
  variables: Variables;
  /** An execution listener's job ('start' or 'end'), not the element's own work. */
  listenerEventType?: 'start' | 'end';
  /** zeebe:properties of the element: custom metadata. */
  properties?: Record<string, string>;
}

/** The job's element was terminated: the job must no longer be activated or completed. */
export interface JobCanceled {
  type: 'job.canceled';
  elementInstanceId: string;
  elementId: string;
}

/**
 * A timer to fire at `dueAt` (ISO 8601 instant) by calling `triggerTimer(…, timerId, …)`.
 * `timerId` is unique within the instance. Repetitions of a cycle are new timer.created
 * effects returned by `triggerTimer`; the store only deletes the fired row.
 */
export interface TimerCreated {
  type: 'timer.created';
  timerId: string;
  /** The element instance the timer belongs to (the waiting catch event, the activity a boundary is attached to, or the scope of an event subprocess). */
  elementInstanceId: string;
  /** The timer event (catch event, boundary event, event-subprocess start). */
  elementId: string;
  dueAt: string;
  /** Repetitions still to come after this one for a cycle (null: unbounded). Informational. */
  repetitionsLeft?: number | null;
}

export interface TimerCanceled {
  type: 'timer.canceled';
  timerId: string;
  elementInstanceId: string;
  elementId: string;
}

/**
 * A message subscription (receive task, message catch, message boundary, event-subprocess message
 * start). A published message with `messageName` and `correlationKey` is delivered by calling
 * `correlateMessage(model, state, elementInstanceId, elementId, variables, now)`.
 */
export interface MessageSubscriptionOpened {
  type: 'messageSubscription.opened';
  elementInstanceId: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
  interrupting: boolean;
}

export interface MessageSubscriptionClosed {
  type: 'messageSubscription.closed';
  elementInstanceId: string;
  elementId: string;
  messageName: string;
}

/** A signal subscription; a broadcast signal is delivered by `triggerSignal(…, elementInstanceId, elementId, …)`. */
export interface SignalSubscriptionOpened {
  type: 'signalSubscription.opened';
  elementInstanceId: string;
  elementId: string;
  signalName: string;
  interrupting: boolean;
}

export interface SignalSubscriptionClosed {
  type: 'signalSubscription.closed';
  elementInstanceId: string;
  elementId: string;
  signalName: string;
}

/** A signal throw/end event fired: broadcast it (to every subscription and signal start event) after the command commits or in the same transaction. */
export interface SignalThrown {
  type: 'signal.thrown';
  elementInstanceId: string;
  elementId: string;
  signalName: string;
  variables: Variables;
}

/** A message throw/end event without a job definition: publish the message. */
export interface MessageThrown {
  type: 'message.thrown';
  elementInstanceId: string;
  elementId: string;
  messageName: string;
  correlationKey: string;
  variables: Variables;
}

/**
 * A call activity wants a child instance of `processId` in the same department, of the version its binding names
 * (the latest, the one deployed with the calling process, or the newest with `versionTag`). Start it in the same transaction with these variables; when it
 * completes call `completeCallActivity(parentModel, parentState, elementInstanceId, childVariables, now)`.
 * Start the child with `startInstance(childModel, variables, now, {calledBy: {instanceId, elementInstanceId}})`.
 */
export interface ChildInstanceRequested {
  type: 'childInstance.requested';
  elementInstanceId: string;
  elementId: string;
  processId: string;
  bindingType: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
  variables: Variables;
  businessKey?: string;
}

/**
 * A business rule task calls a DMN decision (zeebe:calledDecision): the store finds the
 * decision (binding `latest`, `deployment` or `versionTag`), evaluates it in the same
 * transaction with these variables, records the evaluation on the trail, then calls
 * `completeDecision(model, state, elementInstanceId, result, now)`, or
 * `decisionFailed(model, state, elementInstanceId, message, messageZh, now)` (an incident).
 */
export interface DecisionRequested {
  type: 'decision.requested';
  elementInstanceId: string;
  elementId: string;
  decisionId: string;
  bindingType: 'latest' | 'deployment' | 'versionTag';
  versionTag?: string;
  resultVariable: string;
  variables: Variables;
}

/** The call activity was terminated: cancel the child instance it started (`cancelInstance` on the child). */
export interface ChildInstanceCancelRequested {
  type: 'childInstance.cancelRequested';
  elementInstanceId: string;
  elementId: string;
}

/**
 * An error no boundary of this (child) instance caught, in an instance started by a call
 * activity: the child is terminated; deliver it to the parent with
 * `throwError(parentModel, parentState, calledBy.elementInstanceId, errorCode, errorMessage, variables, now)`.
 */
export interface ErrorPropagated {
  type: 'error.propagated';
  calledBy: { instanceId: string; elementInstanceId: string };
  errorCode: string;
  errorMessage: string;
  variables: Variables;
}

/**
 * An escalation nobody in this (child) instance caught, in an instance started by a call
 * activity: the child goes on; deliver it to the parent with
 * `escalate(parentModel, parentState, calledBy.elementInstanceId, escalationCode, now)`.
 */
export interface EscalationPropagated {
  type: 'escalation.propagated';
  calledBy: { instanceId: string; elementInstanceId: string };
  escalationCode: string;
}

export type IncidentType =
  | 'EXPRESSION_FAILED'
  | 'NO_FLOW_TAKEN'
  | 'UNHANDLED_ERROR'
  | 'TIMER_FAILED'
  | 'CALENDAR_FAILED'
  | 'JOB_NO_RETRIES'
  | 'CHILD_TERMINATED'
  | 'CALLED_ELEMENT_ERROR'
  | 'ROUTING_FAILED'
  /** A called DMN decision is missing, or its evaluation failed (a UNIQUE table with several matches, a missing input…). */
  | 'DECISION_EVALUATION_ERROR'
  /** The command ran COMMAND_STEP_BUDGET steps without reaching a wait state (runtime/execution.ts). */
  | 'STEP_BUDGET_EXCEEDED';

export interface IncidentCreated {
  type: 'incident.created';
  elementInstanceId: string;
  elementId: string;
  errorType: IncidentType;
  message: string;
  messageZh: string;
}

/** `retryIncident` resolved the incident of this element instance (mark the incident row resolved). */
export interface IncidentResolved {
  type: 'incident.resolved';
  elementInstanceId: string;
  elementId: string;
}
