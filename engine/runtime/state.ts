import type { Variables } from './variables.js';

/**
 * Everything the engine knows about one running process instance, as plain JSON: the
 * database stores it as is, and the interpreter is a function of it (same state + same
 * command = same result), which is what makes restarts and replays safe.
 */
export interface InstanceState {
  status: InstanceStatus;
  /** Counter for element-instance ids, so ids are deterministic within an instance. */
  nextId: number;
  /** Process-scope variables. */
  variables: Variables;
  /** Element instances that wait for something outside the engine (a task, a job). */
  waiting: ElementInstance[];
  /** Parallel joins: for each gateway, the incoming flows whose tokens have arrived. */
  joins: Record<string, string[]>;
}

export type InstanceStatus = 'active' | 'completed' | 'terminated';

export interface ElementInstance {
  id: string;
  elementId: string;
  /** 'incident' while an incident blocks it. */
  state: 'waiting' | 'incident';
}

export function initialState(variables: Variables): InstanceState {
  return { status: 'active', nextId: 1, variables: { ...variables }, waiting: [], joins: {} };
}
