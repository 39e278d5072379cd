import type { Variables } from './variables.js';

/**
 * Everything the engine knows about one running process instance, as plain JSON: the
 * database stores it as is, and the interpreter is a function of it (same state + same
 * command = same result), which is what makes restarts and replays safe.
 */
export interface InstanceState {
  status: InstanceStatus;
  /** Counter for element-instance and timer ids, so ids are deterministic within an instance. */
  nextId: number;
  /** Process-scope variables. */
  variables: Variables;
  /** Read-only view for readers: the leaf element instances that wait for something outside the engine. */
  waiting: ElementInstance[];
  /** Joins (parallel, inclusive): `${scopeInstanceId}/${gatewayId}` → the incoming flows whose tokens have arrived. */
  joins: Record<string, string[]>;
  /** Every live element instance by id: the scope tree (ROOT_ID is the process itself). */
  elements: Record<string, ElementInstanceState>;
  /** Open timers by timer id. */
  timers: Record<string, TimerState>;
  /** Set when a call activity started this instance. */
  calledBy?: { instanceId: string; elementInstanceId: string };
}

export type InstanceStatus = 'active' | 'completed' | 'terminated' | 'canceled' | 'suspended';

/** The id of the process instance's own scope in `elements`. */
export const ROOT_ID = 'process';

export interface ElementInstance {
  id: string;
  elementId: string;
  /** 'incident' while an incident blocks it. */
  state: 'waiting' | 'incident';
}

export interface ElementInstanceState {
  id: string;
  elementId: string;
  /** The flow scope's element instance; absent only for the root. */
  parentId?: string;
  phase: 'activating' | 'active' | 'waiting' | 'incident';
  /** The multi-instance body of a looping element (its runs are its children). */
  body?: true;
  /** One run of a multi-instance element. */
  inner?: true;
  /** 1-based run number of a multi-instance run or a standard loop iteration. */
  loopCounter?: number;
  /** Local variables of this scope (input mappings, input element, loop counter). */
  variables?: Variables;
  /** Event subscriptions owned by this instance: its own catch, its boundary events, the event subprocesses it hosts. */
  subscriptions?: Subscription[];
  /** Multi-instance body progress. */
  multi?: MultiInstanceState;
  /** The element was entered by an event that already happened (event gateway, boundary, event-subprocess start). */
  triggeredWith?: Variables;
  /**
   * A scope an interrupting event subprocess has taken over: an error or escalation thrown in that
   * event subprocess is not caught here or further out in this instance (Zeebe's rule), so an
   * error event subprocess never catches its own error again and again.
   */
  interrupted?: true;
  /** For an event subprocess: the start event that triggered it. */
  triggeredStartId?: string;
  /**
   * The execution listener whose job the element waits for (waitsFor 'job'): the start listeners
   * run before the element does anything, the end listeners before it is left by `flowIds`.
   */
  listener?: { event: 'start' | 'end'; index: number; flowIds?: string[] };
  /** What the element waits for outside the interpreter, so termination can close it. */
  waitsFor?: 'userTask' | 'job' | 'child' | 'compensation' | 'decision';
  /** For a compensation handler: the throw event (or cancel end event) waiting for it. */
  compensating?: string;
  /**
   * For a scope: completed activities that can be compensated, in completion order, each with
   * the local variables it ran with (a multi-instance activity: one entry per completed run,
   * with its input element and loopCounter). Plain ids are entries written before variables were kept.
   */
  compensable?: CompensationRecord[];
  incident?: IncidentState;
  /** The element's element.activated history entry is written. */
  logged?: true;
}

export type CompensationRecord = string | { elementId: string; variables?: Variables };

export interface Subscription {
  /** The event element (catch event, boundary event, event-subprocess start, event-gateway target). */
  elementId: string;
  kind: 'message' | 'signal' | 'timer' | 'conditional';
  name?: string;
  correlationKey?: string;
  timerId?: string;
  interrupting: boolean;
  /** Conditional events fire when the condition becomes true, not while it stays true. */
  satisfied?: boolean;
}

export interface TimerState {
  elementInstanceId: string;
  elementId: string;
  dueAt: string;
  /** For a cycle: the interval text and the repetitions still to come after this one (null: unbounded). */
  cycle?: { interval: string; repetitionsLeft: number | null };
}

export interface MultiInstanceState {
  items: Variables[string][];
  total: number;
  completed: number;
  terminated: number;
  /** Index of the next run to start (sequential). */
  next: number;
}

export interface IncidentState {
  errorType: string;
  message: string;
  messageZh: string;
  /** What retryIncident re-runs. */
  retry: 'activate' | 'complete' | 'wait' | 'child';
  /** Variables of a completion that failed on its output mappings. */
  variables?: Variables;
}

export function initialState(variables: Variables, processId: string): InstanceState {
  return {
    status: 'active',
    nextId: 1,
    variables: { ...variables },
    waiting: [],
    joins: {},
    elements: { [ROOT_ID]: { id: ROOT_ID, elementId: processId, phase: 'active' } },
    timers: {},
  };
}
