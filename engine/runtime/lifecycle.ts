import type { FeelExpression } from '../expressions/index.js';
import type { FlowNode, VariableMapping } from '../model/index.js';
import { behaviourOf } from './behaviours/registry.js';
import { evaluateCondition } from './conditions.js';
import { hasConditionalOutgoing, selectFlows } from './flow-selection.js';
import type { Execution } from './execution.js';
import { compensationHandlerDone, rememberForCompensation } from './compensation.js';
import { createListenerJob } from './behaviours/jobs.js';
import { activateBody, advanceBody, completionReached, recordOutput } from './multi-instance.js';
import { ROOT_ID, type ElementInstanceState } from './state.js';
import { closeSubscriptions, openBoundarySubscriptions } from './subscriptions.js';
import { setPath } from './variable-paths.js';
import type { Variables } from './variables.js';

/**
 * The element lifecycle every behaviour shares (Zeebe's BpmnElementProcessor steps):
 * activate (input mappings, boundary subscriptions, the behaviour), complete (output
 * mappings, loops, outgoing flows, the scope's own completion) and terminate.
 */
export interface ActivationOptions {
  inner?: boolean;
  loopCounter?: number;
  locals?: Variables;
  triggeredWith?: Variables;
  triggeredStartId?: string;
  /** A compensation handler run for this (waiting) compensation throw or cancel end event. */
  compensating?: string;
}

const ACTIVITY_KINDS = new Set(['task', 'manualTask', 'userTask', 'serviceTask', 'sendTask', 'businessRuleTask', 'scriptTask', 'receiveTask', 'subProcess', 'callActivity', 'transaction', 'adHocSubProcess']);

/** A token arrives at an element: a new element instance exists at once, its behaviour runs in turn. */
export function activateElement(execution: Execution, node: FlowNode, parentId: string, options: ActivationOptions = {}): ElementInstanceState {
  const instance: ElementInstanceState = { id: execution.newId(), elementId: node.id, parentId, phase: 'activating' };
  if (node.multiInstance && !options.inner) instance.body = true;
  if (options.inner) instance.inner = true;
  if (options.loopCounter !== undefined) instance.loopCounter = options.loopCounter;
  if (options.locals) instance.variables = { ...options.locals };
  if (options.triggeredWith) instance.triggeredWith = options.triggeredWith;
  if (options.triggeredStartId) instance.triggeredStartId = options.triggeredStartId;
  if (options.compensating) instance.compensating = options.compensating;
  execution.state.elements[instance.id] = instance;
  execution.schedule(() => enter(execution, instance.id), { instanceId: instance.id });
  return instance;
}

export function enter(execution: Execution, id: string): void {
  const instance = execution.instance(id);
  if (!instance || instance.phase !== 'activating') return;
  const node = execution.node(instance.elementId);
  if (!instance.logged) {
    instance.logged = true;
    execution.nodeEvent('element.activated', instance);
  }
  if (instance.body) return activateBody(execution, instance, node);
  if (node.loop?.testBefore) {
    const again = loopCondition(execution, instance, node);
    if (instance.incident) return;
    // A test-before loop whose condition is false does not run the activity (again).
    if (!again) return finishElement(execution, instance, node, undefined);
  }
  const inputs = applyMappings(execution, node.inputs, execution.visible(instance.id));
  if (!inputs.ok) {
    execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Input mapping '${inputs.target}' of '${node.id}': ${inputs.message}`, `“${node.id}”的输入映射“${inputs.target}”：${inputs.messageZh}`, 'activate');
    return;
  }
  if (Object.keys(inputs.values).length > 0) {
    instance.variables = { ...instance.variables, ...inputs.values };
    execution.variablesChanged = true;
  }
  // Camunda 8: start listeners after the input mappings, before the element subscribes to or evaluates anything.
  if (node.listeners?.start.length) return runListener(execution, instance, node, 'start', 0);
  activateAfterStartListeners(execution, instance, node);
}

/** The element does its work: boundary subscriptions, then its behaviour. */
function activateAfterStartListeners(execution: Execution, instance: ElementInstanceState, node: FlowNode): void {
  if (!instance.inner && node.boundaryIds.length > 0) {
    const opened = openBoundarySubscriptions(execution, instance, node);
    if (!opened.ok) {
      closeSubscriptions(execution, instance);
      execution.raiseIncident(instance, opened.errorType, opened.message, opened.messageZh, 'activate');
      return;
    }
  }
  instance.phase = 'active';
  behaviourOf(node.kind).activate(execution, node, instance);
}

/**
 * An element finished its work: output mappings (or propagation of the variables), then
 * loops, outgoing flows and the completion of its scope.
 */
export function completeElement(execution: Execution, instance: ElementInstanceState, variables: Variables = {}, flowIds?: readonly string[], targetOptions?: ActivationOptions): void {
  const node = execution.node(instance.elementId);
  if (!instance.body) {
    if (node.outputs.length > 0) {
      // Camunda 8: with output mappings, what the job, task or message completes with becomes the element's own
      // variables, and the mappings read them there. So when a mapping fails, setting the variable on the element
      // (or on the process, for a name the completion did not bring) and retrying the incident uses the fix.
      if (Object.keys(variables).length > 0) {
        instance.variables = { ...instance.variables, ...variables };
        execution.variablesChanged = true;
      }
      const outputs = applyMappings(execution, node.outputs, execution.visible(instance.id));
      if (!outputs.ok) {
        execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Output mapping '${outputs.target}' of '${node.id}': ${outputs.message}`, `“${node.id}”的输出映射“${outputs.target}”：${outputs.messageZh}`, 'complete');
        return;
      }
      execution.propagate(instance.parentId, outputs.values);
    } else if (Object.keys(variables).length > 0) {
      // Camunda 8: merged from the activity's own scope outwards, so a local of the activity (an input mapping, a
      // multi-instance run's input or output element) takes the value of its name and nothing leaks above it.
      execution.propagate(instance.id, variables);
    }
    if (instance.inner && !recordOutput(execution, instance, node, variables)) return;
  }
  closeSubscriptions(execution, instance);
  delete instance.waitsFor;
  if (node.loop && !instance.inner && !instance.body) {
    const counter = instance.loopCounter ?? 1;
    const withinMaximum = node.loop.maximum === undefined || counter < node.loop.maximum;
    // Test-after: the condition decides here; test-before: the next iteration's entry decides.
    const again = withinMaximum && (node.loop.testBefore || loopCondition(execution, instance, node));
    if (execution.instance(instance.id)?.phase === 'incident') return;
    if (again) {
      execution.nodeEvent('element.completed', instance);
      delete execution.state.elements[instance.id];
      activateElement(execution, node, instance.parentId as string, { loopCounter: counter + 1 });
      return;
    }
  }
  // Camunda 8: end listeners after the output mappings, before the element is left (a multi-instance body has none: its runs do).
  if (!instance.body && node.listeners?.end.length) return runListener(execution, instance, node, 'end', 0, flowIds);
  finishElement(execution, instance, node, flowIds, targetOptions, variables);
}

/** Waits for the job of the element's `index`-th execution listener of `event`. */
function runListener(execution: Execution, instance: ElementInstanceState, node: FlowNode, event: 'start' | 'end', index: number, flowIds?: readonly string[]): void {
  const listener = node.listeners?.[event][index];
  if (!listener) return;
  instance.listener = { event, index, ...(flowIds ? { flowIds: [...flowIds] } : {}) };
  if (!createListenerJob(execution, node, instance, listener, event, event === 'start' ? 'activate' : 'complete')) delete instance.listener;
}

/**
 * An execution listener's job completed. A start listener's variables become local variables
 * of the element, an end listener's go to its scope like output mappings (Camunda 8); then the
 * next listener runs, or the element goes on: it does its work, or it is left.
 */
export function listenerJobDone(execution: Execution, instance: ElementInstanceState, variables: Variables): void {
  const node = execution.node(instance.elementId);
  const listener = instance.listener;
  if (!listener) return;
  delete instance.listener;
  delete instance.waitsFor;
  instance.phase = listener.event === 'start' ? 'activating' : 'active';
  if (listener.event === 'start') for (const [name, value] of Object.entries(variables)) execution.setLocal(instance.id, name, value);
  else if (Object.keys(variables).length > 0) execution.propagate(instance.parentId, variables);
  if (listener.index + 1 < (node.listeners?.[listener.event].length ?? 0)) return runListener(execution, instance, node, listener.event, listener.index + 1, listener.flowIds);
  if (listener.event === 'start') return activateAfterStartListeners(execution, instance, node);
  finishElement(execution, instance, node, listener.flowIds);
}

/** `flowIds` undefined: the element's outgoing flows, chosen by their conditions for an activity that has some. */
function finishElement(execution: Execution, instance: ElementInstanceState, node: FlowNode, flowIds: readonly string[] | undefined, targetOptions?: ActivationOptions, variables: Variables = {}): void {
  const parentId = instance.parentId as string;
  if (instance.inner) {
    const body = execution.instance(parentId);
    execution.nodeEvent('element.completed', instance);
    rememberForCompensation(execution, instance, node);
    // The completion condition sees the finished run's own variables (Zeebe evaluates it in the run's scope).
    const completion = body ? completionReached(execution, body, node, instance) : undefined;
    delete execution.state.elements[instance.id];
    if (body) advanceBody(execution, body, node, completion);
    return;
  }
  if (!flowIds && ACTIVITY_KINDS.has(node.kind) && hasConditionalOutgoing(execution, node)) {
    const selected = selectFlows(execution, node, parentId, false);
    if (!selected.ok) return execution.raiseIncident(instance, selected.errorType, selected.message, selected.messageZh, 'complete', variables);
    flowIds = selected.flowIds;
  }
  flowIds ??= node.outgoing;
  execution.nodeEvent('element.completed', instance);
  rememberForCompensation(execution, instance, node);
  delete execution.state.elements[instance.id];
  if (instance.compensating) return compensationHandlerDone(execution, instance.compensating);
  for (const flowId of flowIds) take(execution, flowId, parentId, targetOptions);
  checkScopeCompletion(execution, parentId);
}

/** Sends a token down a sequence flow: into a join's waiting room, or to a new element instance. */
export function take(execution: Execution, flowId: string, scopeId: string, options?: ActivationOptions): void {
  const flow = execution.model.flows.get(flowId);
  if (!flow) return;
  execution.history({ type: 'sequenceFlow.taken', elementId: flow.id, elementType: 'sequenceFlow', ...(flow.name ? { elementName: flow.name } : {}) });
  const target = execution.node(flow.targetId);
  if (isJoin(target)) {
    const key = joinKey(scopeId, target.id);
    (execution.state.joins[key] ??= []).push(flow.id);
    if (target.kind === 'parallelGateway') tryParallelJoin(execution, scopeId, target);
    return;
  }
  activateElement(execution, target, scopeId, options);
}

export function isJoin(node: FlowNode): boolean {
  return (node.kind === 'parallelGateway' || node.kind === 'inclusiveGateway') && node.incoming.length > 1;
}

export function joinKey(scopeId: string, gatewayId: string): string {
  return `${scopeId}/${gatewayId}`;
}

/** A parallel join fires when a token waits on every incoming flow; it consumes one per flow. */
function tryParallelJoin(execution: Execution, scopeId: string, gateway: FlowNode): void {
  const key = joinKey(scopeId, gateway.id);
  const arrived = execution.state.joins[key];
  if (!gateway.incoming.every((flowId) => arrived.includes(flowId))) return;
  for (const flowId of gateway.incoming) arrived.splice(arrived.indexOf(flowId), 1);
  if (arrived.length === 0) delete execution.state.joins[key];
  activateElement(execution, gateway, scopeId);
}

/**
 * Inclusive joins fire once no other token of their scope can still reach an incoming flow
 * without a token. Checked when every step has settled, so tokens in flight are counted.
 */
export function fireInclusiveJoins(execution: Execution): boolean {
  let fired = false;
  for (const key of Object.keys(execution.state.joins)) {
    const slash = key.indexOf('/');
    const scopeId = key.slice(0, slash);
    const gateway = execution.model.elements.get(key.slice(slash + 1));
    if (!gateway || gateway.kind !== 'inclusiveGateway') continue;
    const arrived = execution.state.joins[key];
    const positions = new Set(execution.children(scopeId).map((child) => child.elementId));
    for (const other of Object.keys(execution.state.joins)) {
      if (other !== key && other.startsWith(`${scopeId}/`)) positions.add(other.slice(slash + 1));
    }
    const missing = gateway.incoming.filter((flowId) => !arrived.includes(flowId));
    const blocked = missing.some((flowId) => (gateway.reachableFrom?.[flowId] ?? []).some((id) => positions.has(id)));
    if (blocked) continue;
    const consumed = new Set(arrived);
    for (const flowId of consumed) arrived.splice(arrived.indexOf(flowId), 1);
    if (arrived.length === 0) delete execution.state.joins[key];
    activateElement(execution, gateway, scopeId);
    fired = true;
  }
  return fired;
}

/** A scope whose last token is gone completes (a subprocess leaves, the process ends). */
export function checkScopeCompletion(execution: Execution, scopeId: string): void {
  const scope = execution.instance(scopeId);
  if (!scope || scope.phase !== 'active' || scope.body) return;
  if (scope.id !== ROOT_ID && execution.node(scope.elementId).kind === 'adHocSubProcess') return checkAdHocCompletion(execution, scope);
  if (execution.hasChildren(scopeId)) return;
  const prefix = `${scopeId}/`;
  for (const key in execution.state.joins) if (key.startsWith(prefix)) return;
  if (scopeId === ROOT_ID) return completeProcess(execution);
  const node = execution.node(scope.elementId);
  if (node.kind === 'subProcess' || node.kind === 'eventSubProcess' || node.kind === 'transaction') completeElement(execution, scope);
}

/**
 * An ad-hoc subprocess with a completion condition is done when it holds (the remaining
 * inner elements are terminated when cancelRemainingInstances, else it waits for them); without
 * one, when nothing inside is active any more.
 */
function checkAdHocCompletion(execution: Execution, scope: ElementInstanceState): void {
  const node = execution.node(scope.elementId);
  const condition = node.adHoc?.completionCondition;
  const busy = execution.hasChildren(scope.id);
  if (!condition) {
    if (!busy) completeElement(execution, scope);
    return;
  }
  const result = evaluateCondition(execution, condition, scope.id);
  if (!result.ok) {
    execution.raiseIncident(scope, 'EXPRESSION_FAILED', `Completion condition of '${node.id}': ${result.message}`, `“${node.id}”的完成条件：${result.messageZh}`, 'complete');
    return;
  }
  if (result.value !== true) return;
  if (busy && node.adHoc?.cancelRemainingInstances === false) return;
  terminateChildren(execution, scope.id);
  completeElement(execution, scope);
}

export function completeProcess(execution: Execution): void {
  const root = execution.instance(ROOT_ID);
  if (root) closeSubscriptions(execution, root);
  execution.state.elements = {};
  execution.state.joins = {};
  execution.state.status = 'completed';
  execution.history({ type: 'instance.completed', elementId: execution.model.id, elementType: 'process' });
}

/** Terminates an element instance and everything inside it, closing what waits outside. */
export function terminateElement(execution: Execution, instance: ElementInstanceState): void {
  for (const child of execution.children(instance.id)) terminateElement(execution, child);
  const prefix = `${instance.id}/`;
  for (const key of Object.keys(execution.state.joins)) if (key.startsWith(prefix)) delete execution.state.joins[key];
  closeSubscriptions(execution, instance);
  const key = { elementInstanceId: instance.id, elementId: instance.elementId };
  if (instance.waitsFor === 'userTask') execution.emit({ type: 'userTask.canceled', ...key });
  if (instance.waitsFor === 'job') execution.emit({ type: 'job.canceled', ...key });
  if (instance.waitsFor === 'child') execution.emit({ type: 'childInstance.cancelRequested', ...key });
  if (instance.incident) execution.emit({ type: 'incident.resolved', ...key });
  if (instance.id === ROOT_ID) return;
  execution.nodeEvent('element.terminated', instance);
  delete execution.state.elements[instance.id];
}

/** Terminates every child of a scope (an interrupting event, a terminate end event). */
export function terminateChildren(execution: Execution, scopeId: string, except?: string): void {
  for (const child of execution.children(scopeId)) if (child.id !== except) terminateElement(execution, child);
  const prefix = `${scopeId}/`;
  for (const key of Object.keys(execution.state.joins)) if (key.startsWith(prefix)) delete execution.state.joins[key];
}

type Mapped = { ok: true; values: Variables } | { ok: false; target: string; message: string; messageZh: string };

/** Evaluates mappings in order; each later source sees the earlier targets (as Zeebe does). */
function applyMappings(execution: Execution, mappings: readonly VariableMapping[], context: Variables): Mapped {
  if (mappings.length === 0) return { ok: true, values: {} };
  const values: Variables = {};
  let scope = context;
  for (const mapping of mappings) {
    const result = mapping.source.evaluate(scope, execution.now, execution.feelBudget);
    if (!result.ok) return { ok: false, target: mapping.target, message: result.message, messageZh: result.messageZh };
    const head = mapping.target.split('.')[0];
    if (head !== mapping.target && !(head in values) && head in context) values[head] = context[head];
    setPath(values, mapping.target, result.value);
    scope = { ...context, ...values };
  }
  return { ok: true, values };
}

/** A standard loop's condition with `loopCounter` visible; a failure is an incident on the element. */
function loopCondition(execution: Execution, instance: ElementInstanceState, node: FlowNode): boolean {
  const condition: FeelExpression | undefined = node.loop?.condition;
  if (!condition) return true;
  const result = evaluateCondition(execution, condition, instance.id, { loopCounter: instance.loopCounter ?? 1 });
  if (!result.ok) {
    execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Loop condition of '${node.id}': ${result.message}`, `“${node.id}”的循环条件：${result.messageZh}`, node.loop?.testBefore ? 'activate' : 'complete');
    return false;
  }
  return result.value === true;
}
