import type { ProcessModel } from '../model/index.js';
import { activate } from './behaviours/registry.js';
import { leave } from './behaviours/flow.js';
import type { Effect } from './effects.js';
import { Execution } from './execution.js';
import { initialState, type InstanceState } from './state.js';
import type { Variables } from './variables.js';

/**
 * The pure interpreter: a command + the current state in, the next state + effects out.
 * It never touches the database or the clock (`now` is passed in), so a command can be
 * retried or replayed and gives the same result.
 */
export type StepResult = { ok: true; state: InstanceState; effects: Effect[] } | { ok: false; reason: StepRefusal };

export type StepRefusal = 'not-active' | 'no-such-element-instance' | 'element-has-incident';

export function startInstance(model: ProcessModel, variables: Variables, now: Date): StepResult {
  const execution = new Execution(model, initialState(variables), now);
  execution.history({ type: 'instance.started', elementId: model.id, elementType: 'process', ...(model.name ? { elementName: model.name } : {}) });
  if (Object.keys(variables).length > 0) execution.history({ type: 'variables.set', data: { variables } });
  execution.schedule(() => activate(execution, execution.node(model.noneStartId), undefined));
  return finish(execution);
}

/** Finishes a waiting element (a user task or a job) with variables merged into the process scope. */
export function completeWaitingElement(model: ProcessModel, state: InstanceState, elementInstanceId: string, variables: Variables, now: Date): StepResult {
  if (state.status !== 'active') return { ok: false, reason: 'not-active' };
  const execution = new Execution(model, structuredClone(state), now);
  const waiting = execution.state.waiting.find((instance) => instance.id === elementInstanceId);
  if (!waiting) return { ok: false, reason: 'no-such-element-instance' };
  if (waiting.state === 'incident') return { ok: false, reason: 'element-has-incident' };
  execution.release(elementInstanceId);
  if (Object.keys(variables).length > 0) {
    Object.assign(execution.state.variables, variables);
    execution.history({ type: 'variables.set', elementId: waiting.elementId, elementInstanceId, data: { variables } });
  }
  const node = execution.node(waiting.elementId);
  execution.schedule(() => leave(execution, node, elementInstanceId));
  return finish(execution);
}

function finish(execution: Execution): StepResult {
  execution.run();
  const { state } = execution;
  if (state.waiting.length === 0 && Object.keys(state.joins).length === 0 && state.status === 'active') {
    state.status = 'completed';
    execution.history({ type: 'instance.completed', elementId: execution.model.id, elementType: 'process' });
  }
  return { ok: true, state, effects: execution.effects };
}
