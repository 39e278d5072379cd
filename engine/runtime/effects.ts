import type { Json, Variables } from './variables.js';

/**
 * What a command did, in order. The interpreter does no I/O (DESIGN §3): the store turns
 * these into rows in the command's transaction.
 */
export type Effect = HistoryEffect | UserTaskCreated | JobCreated | IncidentCreated;

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
  | 'element.activated'
  | 'element.completed'
  | 'sequenceFlow.taken'
  | 'variables.set'
  | 'incident.created';

export interface UserTaskCreated {
  type: 'userTask.created';
  elementInstanceId: string;
  elementId: string;
  name?: string;
  department?: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate?: string;
  formKey?: string;
}

export interface JobCreated {
  type: 'job.created';
  elementInstanceId: string;
  elementId: string;
  jobType: string;
  retries: number;
  headers: Record<string, string>;
  variables: Variables;
}

export interface IncidentCreated {
  type: 'incident.created';
  elementInstanceId: string;
  elementId: string;
  errorType: 'EXPRESSION_FAILED' | 'NO_FLOW_TAKEN';
  message: string;
  messageZh: string;
}
