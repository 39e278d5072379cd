import type { ModelProblem, ProcessModel, TimerDefinition } from '../model/index.js';
import { behaviourOf } from './behaviours/registry.js';
import { throwOrFail } from './behaviours/throwing.js';
import { cloneJson } from './clone.js';
import { evaluateConditionals } from './conditionals.js';
import type { Effect, IncidentType } from './effects.js';
import { escalateFromCallActivity, findErrorCatch, triggerSubscription } from './events.js';
import { Execution } from './execution.js';
import { activateElement, checkScopeCompletion, completeElement, enter, fireInclusiveJoins, listenerJobDone, terminateChildren, terminateElement } from './lifecycle.js';
import { addRun, advanceBody, removeRun } from './multi-instance.js';
import type { RuntimeServices } from './services.js';
import { initialState, ROOT_ID, type ElementInstanceState, type InstanceState } from './state.js';
import { closeSubscriptions, openBoundarySubscriptions, openEventSubProcessSubscriptions } from './subscriptions.js';
import { nextRepetition, scheduleTimer } from './timers.js';
import type { Json, Variables } from './variables.js';

/**
 * The pure interpreter: a command + the current state in, the next state + effects out.
 * It never touches the database or the clock (`now` is passed in), so a command can be
 * retried or replayed and gives the same result. The input state is never mutated.
 * engine/runtime/CONTRACT.md lists what the store does with each command and effect.
 */
export type StepResult = { ok: true; state: InstanceState; effects: Effect[] } | { ok: false; reason: StepRefusal; message?: string; messageZh?: string };

export type StepRefusal =
  | 'not-active'
  | 'suspended'
  | 'no-such-element-instance'
  | 'element-has-incident'
  | 'no-such-timer'
  | 'no-such-subscription'
  | 'no-incident'
  | 'no-such-element'
  | 'invalid-modification'
  | 'migration-unmapped'
  | 'no-such-start-event'
  | 'start-failed'
  | 'listener-job';

type Refusal = Extract<StepResult, { ok: false }>;

const refuse = (reason: StepRefusal, message?: string, messageZh?: string): Refusal => ({ ok: false, reason, ...(message ? { message } : {}), ...(messageZh ? { messageZh } : {}) });

export interface StartOptions {
  /** A message, timer or signal start event (default: the none start event). */
  startEventId?: string;
  /** The call activity that started this instance. */
  calledBy?: { instanceId: string; elementInstanceId: string };
  services?: RuntimeServices;
}

export function startInstance(model: ProcessModel, variables: Variables, now: Date, options: StartOptions = {}): StepResult {
  const startId = options.startEventId ?? model.noneStartId;
  const start = startId ? model.elements.get(startId) : undefined;
  const implicit = !options.startEventId && !model.noneStartId ? (model.scopes.get(model.id)?.implicitStartIds ?? []) : [];
  if (implicit.length === 0 && (!start || start.kind !== 'startEvent' || start.scopeId !== model.id)) {
    return refuse('no-such-start-event', `Process '${model.id}' has no start event '${startId ?? '(none start)'}'`, `流程“${model.id}”没有启动事件“${startId ?? '（空启动事件）'}”`);
  }
  const state = initialState(variables, model.id);
  if (options.calledBy) state.calledBy = { ...options.calledBy };
  const execution = new Execution(model, state, now, options.services);
  execution.history({ type: 'instance.started', elementId: model.id, elementType: 'process', ...(model.name ? { elementName: model.name } : {}), ...(options.startEventId ? { data: { startEventId: options.startEventId } } : {}) });
  if (Object.keys(variables).length > 0) {
    execution.history({ type: 'variables.set', data: { variables } });
    execution.variablesChanged = true;
  }
  const opened = openEventSubProcessSubscriptions(execution, state.elements[ROOT_ID], model.id);
  if (!opened.ok) return refuse('start-failed', opened.message, opened.messageZh);
  if (start) activateElement(execution, start, ROOT_ID);
  else for (const id of implicit) activateElement(execution, execution.node(id), ROOT_ID);
  return finish(execution);
}

/** A user task or a job is done; the variables pass the element's output mappings. */
export function completeWaitingElement(model: ProcessModel, state: InstanceState, elementInstanceId: string, variables: Variables, now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const waiting = waitingFor(execution, elementInstanceId, ['userTask', 'job']);
  if (!waiting.ok) return waiting;
  const instance = waiting.instance;
  if (Object.keys(variables).length > 0) {
    execution.history({ type: 'variables.set', elementId: instance.elementId, elementInstanceId, data: { variables } });
  }
  if (instance.listener) {
    listenerJobDone(execution, instance, variables);
    return finish(execution);
  }
  delete instance.waitsFor;
  instance.phase = 'active';
  completeElement(execution, instance, variables);
  return finish(execution);
}

/** A worker threw a BPMN error for a job (or a child instance passed one up to its call activity). */
export function throwError(model: ProcessModel, state: InstanceState, elementInstanceId: string, errorCode: string, errorMessage: string, variables: Variables, now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const waiting = waitingFor(execution, elementInstanceId, ['job', 'child']);
  if (!waiting.ok) return waiting;
  if (waiting.instance.listener) {
    return refuse('listener-job', 'An execution listener job cannot throw a BPMN error (as in Camunda 8): complete it, or fail it to raise an incident', '执行监听器作业不能抛出 BPMN 错误（与 Camunda 8 相同）：请完成该作业，或报告失败以产生事件');
  }
  delete waiting.instance.waitsFor;
  waiting.instance.phase = 'active';
  throwOrFail(execution, waiting.instance, errorCode, errorMessage, variables);
  return finish(execution);
}

export const throwJobError = throwError;

/** Whether an error of this code thrown at `elementInstanceId` would be caught in this instance (a pure question). */
export function catchesError(model: ProcessModel, state: InstanceState, elementInstanceId: string, errorCode: string): boolean {
  const execution = new Execution(model, state, new Date(0));
  const from = execution.instance(elementInstanceId);
  return from !== undefined && findErrorCatch(execution, from, errorCode) !== undefined;
}

/**
 * A child instance passed up an escalation it did not catch: the call activity's boundary
 * events and the scopes around it get their chance. A non-interrupting catch leaves the call
 * activity (and its child) running.
 */
export function escalate(model: ProcessModel, state: InstanceState, elementInstanceId: string, escalationCode: string, now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const waiting = waitingFor(execution, elementInstanceId, ['child']);
  if (!waiting.ok) return waiting;
  escalateFromCallActivity(execution, waiting.instance, escalationCode);
  return finish(execution);
}

export function triggerTimer(model: ProcessModel, state: InstanceState, timerId: string, now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const timer = execution.state.timers[timerId];
  const owner = timer ? execution.instance(timer.elementInstanceId) : undefined;
  const subscription = owner?.subscriptions?.find((candidate) => candidate.timerId === timerId);
  if (!timer || !owner || !subscription) return refuse('no-such-timer', `No open timer '${timerId}'`, `没有未关闭的定时器“${timerId}”`);
  delete execution.state.timers[timerId];
  delete subscription.timerId;
  const eventNode = execution.node(subscription.elementId);
  execution.history({ type: 'timer.fired', elementId: eventNode.id, elementType: eventNode.kind, elementInstanceId: owner.id === ROOT_ID ? undefined : owner.id, data: { timerId, dueAt: timer.dueAt } });
  const cycle = timer.cycle;
  const repeats = cycle && (cycle.repetitionsLeft === null || cycle.repetitionsLeft > 0);
  if (cycle && repeats && !subscription.interrupting && eventNode.event?.type === 'timer') {
    // A non-interrupting cycle keeps its subscription: the next repetition is armed first.
    const next = nextRepetition(new Date(timer.dueAt), cycle.interval, eventNode.event.timer, execution.services, eventNode.id, execution.now);
    if (next.ok) {
      const nextId = `t${execution.newId()}`;
      const repetitionsLeft = cycle.repetitionsLeft === null ? null : cycle.repetitionsLeft - 1;
      const dueAt = next.dueAt.toISOString();
      execution.state.timers[nextId] = { elementInstanceId: owner.id, elementId: eventNode.id, dueAt, cycle: { interval: cycle.interval, repetitionsLeft } };
      subscription.timerId = nextId;
      execution.emit({ type: 'timer.created', timerId: nextId, elementInstanceId: owner.id, elementId: eventNode.id, dueAt, repetitionsLeft });
    } else {
      // This firing goes on; the cycle ends here, and the trail says why (a working-day cycle past the published
      // holidays): not an incident, which would hold up the work the cycle only watches.
      execution.history({
        type: 'timer.cycleStopped',
        elementId: eventNode.id,
        elementType: eventNode.kind,
        elementInstanceId: owner.id === ROOT_ID ? undefined : owner.id,
        data: { timerId, errorType: next.errorType, message: next.message, messageZh: next.messageZh },
      });
    }
  }
  triggerSubscription(execution, owner, subscription, {});
  return finish(execution);
}

export function correlateMessage(model: ProcessModel, state: InstanceState, elementInstanceId: string, elementId: string, variables: Variables, now: Date, services?: RuntimeServices): StepResult {
  return deliver(model, state, elementInstanceId, elementId, 'message', variables, now, services);
}

export function triggerSignal(model: ProcessModel, state: InstanceState, elementInstanceId: string, elementId: string, variables: Variables, now: Date, services?: RuntimeServices): StepResult {
  return deliver(model, state, elementInstanceId, elementId, 'signal', variables, now, services);
}

function deliver(model: ProcessModel, state: InstanceState, elementInstanceId: string, elementId: string, kind: 'message' | 'signal', variables: Variables, now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const owner = execution.instance(elementInstanceId);
  const subscription = owner?.subscriptions?.find((candidate) => candidate.elementId === elementId && candidate.kind === kind);
  if (!owner || !subscription) {
    return refuse('no-such-subscription', `No open ${kind} subscription of '${elementId}' on element instance ${elementInstanceId}`, `元素实例 ${elementInstanceId} 上没有“${elementId}”的${kind === 'message' ? '消息' : '信号'}订阅`);
  }
  const eventNode = execution.node(elementId);
  execution.history({
    type: kind === 'message' ? 'message.correlated' : 'signal.received',
    elementId,
    elementType: eventNode.kind,
    ...(owner.id === ROOT_ID ? {} : { elementInstanceId: owner.id }),
    data: { name: subscription.name ?? '', ...(subscription.correlationKey !== undefined ? { correlationKey: subscription.correlationKey } : {}), variables },
  });
  triggerSubscription(execution, owner, subscription, variables);
  return finish(execution);
}

/** The child instance of a call activity completed with these process variables. */
export function completeCallActivity(model: ProcessModel, state: InstanceState, elementInstanceId: string, childVariables: Variables, now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const waiting = waitingFor(execution, elementInstanceId, ['child']);
  if (!waiting.ok) return waiting;
  const instance = waiting.instance;
  const node = execution.node(instance.elementId);
  delete instance.waitsFor;
  instance.phase = 'active';
  // With output mappings the child's variables are only their context; without, they propagate when asked to.
  const variables = node.outputs.length > 0 || node.calledElement?.propagateAllChildVariables !== false ? childVariables : {};
  completeElement(execution, instance, variables);
  return finish(execution);
}

/**
 * The store evaluated the decision a business rule task called: the result goes to the result
 * variable (a local variable of the task, then through its output mappings; without output
 * mappings it goes up to the scopes, as in Camunda 8).
 */
export function completeDecision(model: ProcessModel, state: InstanceState, elementInstanceId: string, result: Json, now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const waiting = waitingFor(execution, elementInstanceId, ['decision']);
  if (!waiting.ok) return waiting;
  const instance = waiting.instance;
  const node = execution.node(instance.elementId);
  const variables = { [node.calledDecision?.resultVariable ?? 'result']: result };
  execution.history({ type: 'variables.set', elementId: instance.elementId, elementInstanceId, data: { variables } });
  delete instance.waitsFor;
  instance.phase = 'active';
  completeElement(execution, instance, variables);
  return finish(execution);
}

/** The called decision is missing or its evaluation failed: an incident; resolving it evaluates again. */
export function decisionFailed(model: ProcessModel, state: InstanceState, elementInstanceId: string, message: string, messageZh: string, now: Date): StepResult {
  const begun = begin(model, state, now);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const waiting = waitingFor(execution, elementInstanceId, ['decision']);
  if (!waiting.ok) return waiting;
  delete waiting.instance.waitsFor;
  execution.raiseIncident(waiting.instance, 'DECISION_EVALUATION_ERROR', message, messageZh, 'activate');
  return finish(execution);
}

/** The child was canceled from outside: the call activity cannot go on without a person deciding. */
export function childTerminated(model: ProcessModel, state: InstanceState, elementInstanceId: string, now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const waiting = waitingFor(execution, elementInstanceId, ['child']);
  if (!waiting.ok) return waiting;
  delete waiting.instance.waitsFor;
  execution.raiseIncident(waiting.instance, 'CHILD_TERMINATED', `The instance called by '${waiting.instance.elementId}' was terminated`, `“${waiting.instance.elementId}”调用的子流程实例已被终止`, 'child');
  return finish(execution);
}

/** Marks a waiting element as blocked by an incident the store detected (a job out of retries, a called process not deployed). */
export function raiseIncident(model: ProcessModel, state: InstanceState, elementInstanceId: string, errorType: Extract<IncidentType, 'JOB_NO_RETRIES' | 'CALLED_ELEMENT_ERROR'>, message: string, messageZh: string, now: Date): StepResult {
  const begun = begin(model, state, now);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const waiting = waitingFor(execution, elementInstanceId, errorType === 'JOB_NO_RETRIES' ? ['job'] : ['child']);
  if (!waiting.ok) return waiting;
  if (errorType === 'CALLED_ELEMENT_ERROR') delete waiting.instance.waitsFor;
  execution.raiseIncident(waiting.instance, errorType, message, messageZh, errorType === 'JOB_NO_RETRIES' ? 'wait' : 'child');
  return finish(execution);
}

/** Re-runs what failed (after variables were fixed); a job incident simply waits for its job again. */
export function retryIncident(model: ProcessModel, state: InstanceState, elementInstanceId: string, now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const instance = execution.instance(elementInstanceId);
  const incident = instance?.incident;
  if (!instance || !incident) return refuse('no-incident', `Element instance ${elementInstanceId} has no incident`, `元素实例 ${elementInstanceId} 没有事件（incident）`);
  delete instance.incident;
  execution.emit({ type: 'incident.resolved', elementInstanceId, elementId: instance.elementId });
  execution.nodeEvent('incident.resolved', instance, { errorType: incident.errorType });
  const node = execution.node(instance.elementId);
  switch (incident.retry) {
    case 'activate':
      instance.phase = 'activating';
      delete instance.waitsFor;
      execution.schedule(() => enter(execution, instance.id), { instanceId: instance.id });
      break;
    case 'complete':
      instance.phase = 'active';
      if (instance.body && instance.multi) {
        instance.multi.completed--;
        advanceBody(execution, instance, node);
      } else {
        completeElement(execution, instance, incident.variables ?? {});
      }
      break;
    case 'wait':
      instance.phase = 'waiting';
      break;
    case 'child':
      instance.phase = 'active';
      behaviourOf('callActivity').activate(execution, node, instance);
      break;
  }
  return finish(execution);
}

export function cancelInstance(model: ProcessModel, state: InstanceState, now: Date): StepResult {
  if (state.status !== 'active' && state.status !== 'suspended') return refuse('not-active');
  const execution = new Execution(model, normalize(cloneJson(state), model), now);
  terminateChildren(execution, ROOT_ID);
  const root = execution.instance(ROOT_ID);
  if (root) closeSubscriptions(execution, root);
  execution.state.elements = {};
  execution.state.joins = {};
  execution.state.timers = {};
  execution.state.status = 'canceled';
  execution.history({ type: 'instance.canceled', elementId: model.id, elementType: 'process' });
  return settle(execution);
}

export function suspendInstance(model: ProcessModel, state: InstanceState, now: Date): StepResult {
  if (state.status !== 'active') return refuse(state.status === 'suspended' ? 'suspended' : 'not-active');
  const execution = new Execution(model, normalize(cloneJson(state), model), now);
  execution.state.status = 'suspended';
  execution.history({ type: 'instance.suspended', elementId: model.id, elementType: 'process' });
  return settle(execution);
}

export function resumeInstance(model: ProcessModel, state: InstanceState, now: Date): StepResult {
  if (state.status !== 'suspended') return refuse('not-active', 'The instance is not suspended', '实例未挂起');
  const execution = new Execution(model, normalize(cloneJson(state), model), now);
  execution.state.status = 'active';
  execution.history({ type: 'instance.resumed', elementId: model.id, elementType: 'process' });
  return settle(execution);
}

/**
 * Sets variables from a scope (the process when undefined), as Camunda 8's SetVariables: propagated by default,
 * each to the nearest scope from there up that has it, else to the process; `local` keeps them all on the scope.
 * Conditional events are evaluated again.
 */
export function setVariables(model: ProcessModel, state: InstanceState, elementInstanceId: string | undefined, variables: Variables, now: Date, services?: RuntimeServices, options: { local?: boolean } = {}): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const scopeId = elementInstanceId ?? ROOT_ID;
  if (!execution.instance(scopeId)) return refuse('no-such-element-instance', `No element instance ${scopeId}`, `元素实例 ${scopeId} 不存在`);
  if (options.local) for (const [name, value] of Object.entries(variables)) execution.setLocal(scopeId, name, value);
  else execution.propagate(scopeId, variables);
  execution.history({ type: 'variables.set', ...(scopeId === ROOT_ID ? {} : { elementInstanceId: scopeId }), data: { variables, ...(options.local ? { local: true } : {}) } });
  return finish(execution);
}

export interface Modification {
  terminate: string[];
  activate: Array<{ elementId: string; variables?: Variables }>;
}

/**
 * Moves tokens: terminates element instances and activates elements (in an active instance
 * of their flow scope, created on the way when there is none). 驳回 (send back) is built on this.
 */
export function modifyInstance(model: ProcessModel, state: InstanceState, modification: Modification, now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  for (const id of modification.terminate) {
    if (id === ROOT_ID || !execution.instance(id)) return refuse('invalid-modification', `No active element instance ${id}`, `没有活动的元素实例 ${id}`);
  }
  for (const { elementId } of modification.activate) {
    const node = model.elements.get(elementId);
    if (!node || node.kind === 'boundaryEvent' || (node.kind === 'startEvent' && node.scopeId !== model.id && model.elements.get(node.scopeId)?.kind === 'eventSubProcess')) {
      return refuse('invalid-modification', `Element '${elementId}' cannot be activated`, `元素“${elementId}”不能被激活`);
    }
  }
  execution.history({ type: 'instance.modified', elementId: model.id, elementType: 'process', data: { terminate: modification.terminate, activate: modification.activate.map((entry) => entry.elementId) } });
  const parents = new Set<string>();
  for (const id of modification.terminate) {
    const instance = execution.instance(id);
    if (!instance) continue;
    if (instance.parentId) parents.add(instance.parentId);
    terminateElement(execution, instance);
  }
  for (const { elementId, variables } of modification.activate) {
    const node = execution.node(elementId);
    const scopeId = ensureScope(execution, node.scopeId);
    if (variables && Object.keys(variables).length > 0) execution.propagate(scopeId, variables);
    activateElement(execution, node, scopeId);
  }
  for (const parentId of parents) checkScopeCompletion(execution, parentId);
  return finish(execution);
}

/** The instance of a flow scope to activate into: an active one, else one created (without running its start event). */
function ensureScope(execution: Execution, scopeElementId: string): string {
  if (scopeElementId === execution.model.id) return ROOT_ID;
  const existing = Object.values(execution.state.elements).find((instance) => instance.elementId === scopeElementId && !instance.body && instance.phase === 'active');
  if (existing) return existing.id;
  const node = execution.node(scopeElementId);
  const parentId = ensureScope(execution, node.scopeId);
  const scope: ElementInstanceState = { id: execution.newId(), elementId: node.id, parentId, phase: 'active', logged: true };
  execution.state.elements[scope.id] = scope;
  execution.nodeEvent('element.activated', scope);
  openEventSubProcessSubscriptions(execution, scope, node.id);
  return scope.id;
}

/**
 * Moves an instance to another version of its process. Every active element maps to the
 * element of the same id unless `mapping` says otherwise; an element without a target is
 * refused, naming it. Subscriptions and timers are closed and opened again on the new model.
 */
export function migrateInstance(oldModel: ProcessModel, newModel: ProcessModel, state: InstanceState, mapping: Record<string, string>, now: Date, services?: RuntimeServices): StepResult {
  if (state.status !== 'active') return refuse(state.status === 'suspended' ? 'suspended' : 'not-active');
  const working = normalize(cloneJson(state), oldModel);
  const targetOf = (elementId: string) => mapping[elementId] ?? (newModel.elements.has(elementId) ? elementId : undefined);
  const problems: string[] = [];
  const problemsZh: string[] = [];
  for (const instance of Object.values(working.elements)) {
    if (instance.id === ROOT_ID) continue;
    const target = targetOf(instance.elementId);
    const oldNode = oldModel.elements.get(instance.elementId);
    const newNode = target ? newModel.elements.get(target) : undefined;
    if (!newNode) {
      problems.push(`'${instance.elementId}' has no target in the new version`);
      problemsZh.push(`“${instance.elementId}”在新版本中没有对应元素`);
    } else if (oldNode && oldNode.kind !== newNode.kind) {
      problems.push(`'${instance.elementId}' (${oldNode.kind}) cannot become '${newNode.id}' (${newNode.kind})`);
      problemsZh.push(`“${instance.elementId}”（${oldNode.kind}）不能迁移为“${newNode.id}”（${newNode.kind}）`);
    } else if (Boolean(oldNode?.multiInstance) !== Boolean(newNode.multiInstance)) {
      problems.push(`'${instance.elementId}' would change its multi-instance characteristics`);
      problemsZh.push(`“${instance.elementId}”的多实例设置在新版本中不同`);
    }
  }
  for (const key of Object.keys(working.joins)) {
    const gatewayId = key.slice(key.indexOf('/') + 1);
    if (!targetOf(gatewayId)) {
      problems.push(`tokens waiting at join '${gatewayId}' have no target`);
      problemsZh.push(`在汇聚网关“${gatewayId}”等待的令牌没有对应元素`);
    }
  }
  if (problems.length > 0) return refuse('migration-unmapped', `The instance cannot be migrated: ${problems.join('; ')}`, `实例无法迁移：${problemsZh.join('；')}`);

  const execution = new Execution(newModel, working, now, services);
  execution.preservedTimers = new Map();
  for (const instance of Object.values(working.elements)) {
    for (const subscription of instance.subscriptions ?? []) {
      const timer = subscription.timerId ? working.timers[subscription.timerId] : undefined;
      const target = targetOf(subscription.elementId);
      if (timer && target) execution.preservedTimers.set(`${instance.id}/${target}`, { dueAt: timer.dueAt, ...(timer.cycle ? { cycle: timer.cycle } : {}) });
    }
  }
  for (const instance of Object.values(working.elements)) closeSubscriptions(execution, instance);
  for (const instance of Object.values(working.elements)) {
    instance.elementId = instance.id === ROOT_ID ? newModel.id : (targetOf(instance.elementId) as string);
  }
  const joins: Record<string, string[]> = {};
  for (const [key, arrived] of Object.entries(working.joins)) {
    const slash = key.indexOf('/');
    joins[`${key.slice(0, slash)}/${targetOf(key.slice(slash + 1))}`] = arrived;
  }
  working.joins = joins;
  execution.history({ type: 'instance.migrated', elementId: newModel.id, elementType: 'process', data: { mapping } });
  for (const instance of Object.values(working.elements)) reopenSubscriptions(execution, instance);
  delete execution.preservedTimers;
  return finish(execution);
}

function reopenSubscriptions(execution: Execution, instance: ElementInstanceState): void {
  // An element waiting for an execution listener has not subscribed yet (start) or has left its subscriptions (end).
  if (instance.phase === 'incident' || instance.listener) return;
  const fail = (opened: { ok: false; errorType: IncidentType; message: string; messageZh: string }) => {
    closeSubscriptions(execution, instance);
    execution.raiseIncident(instance, opened.errorType, opened.message, opened.messageZh, 'activate');
  };
  if (instance.id === ROOT_ID) {
    const opened = openEventSubProcessSubscriptions(execution, instance, execution.model.id);
    if (!opened.ok) execution.history({ type: 'incident.created', data: { message: opened.message } });
    return;
  }
  const node = execution.node(instance.elementId);
  if (instance.phase === 'waiting' && (node.kind === 'intermediateCatchEvent' || node.kind === 'receiveTask' || node.kind === 'eventBasedGateway')) {
    instance.phase = 'activating';
    behaviourOf(node.kind).activate(execution, node, instance);
  }
  if (!instance.inner && node.boundaryIds.length > 0 && (instance.body || !node.multiInstance)) {
    const opened = openBoundaryFor(execution, instance);
    if (!opened.ok) return fail(opened);
  }
  if ((node.kind === 'subProcess' || node.kind === 'eventSubProcess' || node.kind === 'transaction') && !instance.body) {
    const opened = openEventSubProcessSubscriptions(execution, instance, node.id);
    if (!opened.ok) return fail(opened);
  }
}

function openBoundaryFor(execution: Execution, instance: ElementInstanceState) {
  return openBoundarySubscriptions(execution, instance, execution.node(instance.elementId));
}

// ── Model queries for the store ──────────────────────────────────────────────

export interface StartEventInfo {
  elementId: string;
  trigger: 'none' | 'message' | 'timer' | 'signal';
  messageName?: string;
  signalName?: string;
}

/** The process-level start events (message and signal names are static at the process level). */
export function startEventsOf(model: ProcessModel): StartEventInfo[] {
  const root = model.scopes.get(model.id);
  const ids = [...(root?.noneStartId ? [root.noneStartId] : []), ...(root?.triggeredStartIds ?? [])];
  return ids.map((id) => {
    const node = model.elements.get(id);
    const event = node?.event;
    if (event?.type === 'message') return { elementId: id, trigger: 'message', ...('static' in event.messageName ? { messageName: event.messageName.static } : {}) };
    if (event?.type === 'signal') return { elementId: id, trigger: 'signal', ...('static' in event.signalName ? { signalName: event.signalName.static } : {}) };
    if (event?.type === 'timer') return { elementId: id, trigger: 'timer' };
    return { elementId: id, trigger: 'none' };
  });
}

export interface StartTimer {
  elementId: string;
  dueAt: string;
  repetitionsLeft: number | null;
}

/**
 * When each timer start event first fires, from `now` (deploy time). One whose schedule cannot be
 * computed (its expression fails, its value is no date, duration or cycle) is a problem for the
 * deployment to refuse, as Zeebe does, never a start event that silently never fires.
 */
export function startTimerSchedule(model: ProcessModel, now: Date, services: RuntimeServices = {}): { timers: StartTimer[]; problems: ModelProblem[] } {
  const execution = new Execution(model, initialState({}, model.id), now, services);
  const timers: StartTimer[] = [];
  const problems: ModelProblem[] = [];
  for (const info of startEventsOf(model)) {
    const event = model.elements.get(info.elementId)?.event;
    if (info.trigger !== 'timer' || event?.type !== 'timer') continue;
    const schedule = scheduleTimerAt(execution, event.timer, info.elementId);
    if (schedule.ok) {
      timers.push({ elementId: info.elementId, dueAt: schedule.dueAt, repetitionsLeft: schedule.repetitionsLeft });
      continue;
    }
    problems.push({
      code: 'timer.startSchedule',
      elementId: info.elementId,
      message: `Timer start event '${info.elementId}' cannot be scheduled at deployment: ${schedule.message}`,
      messageZh: `定时启动事件“${info.elementId}”在部署时无法计算触发时间：${schedule.messageZh}`,
    });
  }
  return { timers, problems };
}

export type NextStartTimer = { ok: true; next?: { dueAt: string; repetitionsLeft: number | null } } | { ok: false; message: string; messageZh: string };

/**
 * The next firing of a timer start event after the one due at `firedDueAt` fired at `now` (no
 * `next`: there is none). An overdue repetition is counted from `now` (see nextRepetition).
 */
export function nextStartTimer(model: ProcessModel, elementId: string, firedDueAt: Date, repetitionsLeft: number | null, now: Date, services: RuntimeServices = {}): NextStartTimer {
  const event = model.elements.get(elementId)?.event;
  if (event?.type !== 'timer' || event.timer.kind !== 'cycle') return { ok: true };
  if (repetitionsLeft !== null && repetitionsLeft <= 0) return { ok: true };
  const execution = new Execution(model, initialState({}, model.id), firedDueAt, services);
  const first = scheduleTimerAt(execution, event.timer, elementId);
  if (!first.ok) return first;
  if (!first.interval) return { ok: true };
  const next = nextRepetition(firedDueAt, first.interval, event.timer, services, elementId, now);
  if (!next.ok) return next;
  return { ok: true, next: { dueAt: next.dueAt.toISOString(), repetitionsLeft: repetitionsLeft === null ? null : repetitionsLeft - 1 } };
}

function scheduleTimerAt(
  execution: Execution,
  timer: TimerDefinition,
  elementId: string,
): { ok: true; dueAt: string; repetitionsLeft: number | null; interval?: string } | { ok: false; message: string; messageZh: string } {
  const schedule = scheduleTimer(execution, timer, undefined, elementId);
  if (!schedule.ok) return { ok: false, message: schedule.message, messageZh: schedule.messageZh };
  return { ok: true, dueAt: schedule.dueAt.toISOString(), repetitionsLeft: schedule.cycle ? schedule.cycle.repetitionsLeft : 0, ...(schedule.cycle ? { interval: schedule.cycle.interval } : {}) };
}

// ── Shared steps ─────────────────────────────────────────────────────────────

function begin(model: ProcessModel, state: InstanceState, now: Date, services?: RuntimeServices): { ok: true; execution: Execution } | Refusal {
  if (state.status === 'suspended') return refuse('suspended', 'The instance is suspended', '实例已挂起');
  if (state.status !== 'active') return refuse('not-active', `The instance is ${state.status}`, `实例已${state.status === 'completed' ? '完成' : '结束'}`);
  return { ok: true, execution: new Execution(model, normalize(cloneState(state), model), now, services) };
}

/** A working copy; `waiting` is derived again when the command settles, so it is not copied. */
function cloneState(state: InstanceState): InstanceState {
  return cloneJson({ ...state, waiting: [] });
}

function waitingFor(execution: Execution, elementInstanceId: string, kinds: Array<NonNullable<ElementInstanceState['waitsFor']>>): { ok: true; instance: ElementInstanceState } | Refusal {
  const instance = execution.instance(elementInstanceId);
  if (!instance || instance.id === ROOT_ID) return refuse('no-such-element-instance', `No element instance ${elementInstanceId}`, `元素实例 ${elementInstanceId} 不存在`);
  if (instance.phase === 'incident') return refuse('element-has-incident', `Element instance ${elementInstanceId} has an incident`, `元素实例 ${elementInstanceId} 存在未解决的事件（incident）`);
  if (instance.phase !== 'waiting' || !instance.waitsFor || !kinds.includes(instance.waitsFor)) {
    return refuse('no-such-element-instance', `Element instance ${elementInstanceId} is not waiting for ${kinds.join(' or ')}`, `元素实例 ${elementInstanceId} 不在等待${kinds.join('或')}`);
  }
  return { ok: true, instance };
}

/** Runs every step until nothing moves: queued activations, inclusive joins, conditional events. */
function finish(execution: Execution): StepResult {
  for (;;) {
    execution.run();
    if (execution.state.status !== 'active') break;
    if (fireInclusiveJoins(execution)) continue;
    if (evaluateConditionals(execution)) continue;
    break;
  }
  return settle(execution);
}

function settle(execution: Execution): StepResult {
  const { state } = execution;
  state.waiting = [];
  for (const instance of Object.values(state.elements)) {
    // A multi-instance body waits through its runs, but an incident of its own (its collection failed) is listed.
    if (instance.id === ROOT_ID || (instance.body && instance.phase !== 'incident')) continue;
    if (instance.phase === 'waiting' || instance.phase === 'incident') state.waiting.push({ id: instance.id, elementId: instance.elementId, state: instance.phase });
  }
  return { ok: true, state, effects: execution.effects };
}

/** States written by the spine's first slice (a flat waiting list) are read into the scope tree. */
function normalize(state: InstanceState, model: ProcessModel): InstanceState {
  if (state.elements) return state;
  const legacy = state as InstanceState & { elements?: InstanceState['elements'] };
  legacy.elements = { [ROOT_ID]: { id: ROOT_ID, elementId: model.id, phase: 'active' } };
  legacy.timers = {};
  const joins: Record<string, string[]> = {};
  for (const [gatewayId, arrived] of Object.entries(state.joins ?? {})) joins[`${ROOT_ID}/${gatewayId}`] = arrived;
  legacy.joins = joins;
  for (const waiting of state.waiting ?? []) {
    const kind = model.elements.get(waiting.elementId)?.kind;
    legacy.elements[waiting.id] = {
      id: waiting.id,
      elementId: waiting.elementId,
      parentId: ROOT_ID,
      phase: waiting.state === 'incident' ? 'incident' : 'waiting',
      logged: true,
      ...(waiting.state === 'incident' ? { incident: { errorType: 'EXPRESSION_FAILED', message: '', messageZh: '', retry: 'activate' as const } } : { waitsFor: kind === 'userTask' ? ('userTask' as const) : ('job' as const) }),
    };
  }
  return legacy;
}

/** 加签: adds a run to the running multi-instance body `bodyInstanceId` (see multi-instance.ts addRun). */
export function addMultiInstanceRun(model: ProcessModel, state: InstanceState, bodyInstanceId: string, item: Variables[string], now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const body = execution.instance(bodyInstanceId);
  if (!body?.body || !body.multi || body.phase !== 'active') return refuse('no-such-element-instance', `No running multi-instance body ${bodyInstanceId}`, `没有运行中的多实例节点 ${bodyInstanceId}`);
  const node = execution.node(body.elementId);
  execution.history({ type: 'multiInstance.runAdded', elementId: node.id, elementType: node.kind, elementInstanceId: body.id, data: { item, total: body.multi.total + 1 } });
  addRun(execution, body, node, item);
  return finish(execution);
}

/** 减签: ends one run of a multi-instance body that is no longer needed (see multi-instance.ts removeRun). */
export function removeMultiInstanceRun(model: ProcessModel, state: InstanceState, runInstanceId: string, now: Date, services?: RuntimeServices): StepResult {
  const begun = begin(model, state, now, services);
  if (!begun.ok) return begun;
  const execution = begun.execution;
  const run = execution.instance(runInstanceId);
  const body = run?.parentId ? execution.instance(run.parentId) : undefined;
  if (!run?.inner || !body?.body || !body.multi) return refuse('no-such-element-instance', `No run ${runInstanceId} of a multi-instance body`, `元素实例 ${runInstanceId} 不是多实例节点的一次运行`);
  const node = execution.node(body.elementId);
  execution.history({ type: 'multiInstance.runRemoved', elementId: node.id, elementType: node.kind, elementInstanceId: run.id, data: { loopCounter: run.loopCounter ?? null, total: body.multi.total } });
  removeRun(execution, run, body, node);
  return finish(execution);
}
