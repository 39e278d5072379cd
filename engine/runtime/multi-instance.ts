import type { FlowNode } from '../model/index.js';
import { evaluateCondition } from './conditions.js';
import type { Execution } from './execution.js';
import { activateElement, completeElement, terminateElement } from './lifecycle.js';
import type { ElementInstanceState } from './state.js';
import { closeSubscriptions, openBoundarySubscriptions } from './subscriptions.js';
import type { Json, Variables } from './variables.js';

/**
 * Multi-instance (会签 countersign and friends), as Zeebe models it: a body instance owns
 * the boundary events and the output collection; each run is a child of the body with its
 * input element and loopCounter as local variables.
 */
export function activateBody(execution: Execution, body: ElementInstanceState, node: FlowNode): void {
  const definition = node.multiInstance;
  if (!definition) return;
  let items: Json[];
  if (definition.inputCollection) {
    const collection = execution.evaluate(definition.inputCollection, body.parentId);
    if (!collection.ok) return incident(execution, body, `Input collection of '${node.id}': ${collection.message}`, `“${node.id}”的输入集合：${collection.messageZh}`);
    if (!Array.isArray(collection.value)) {
      return incident(execution, body, `Input collection of '${node.id}' must be a list, got ${JSON.stringify(collection.value)}`, `“${node.id}”的输入集合必须是列表，实际为 ${JSON.stringify(collection.value)}`);
    }
    items = collection.value;
  } else {
    const cardinality = definition.cardinality ? execution.evaluate(definition.cardinality, body.parentId) : ({ ok: true, value: 0 } as const);
    if (!cardinality.ok) return incident(execution, body, `Loop cardinality of '${node.id}': ${cardinality.message}`, `“${node.id}”的循环基数：${cardinality.messageZh}`);
    if (typeof cardinality.value !== 'number' || !Number.isInteger(cardinality.value) || cardinality.value < 0) {
      return incident(execution, body, `Loop cardinality of '${node.id}' must be a whole number, got ${JSON.stringify(cardinality.value)}`, `“${node.id}”的循环基数必须是非负整数，实际为 ${JSON.stringify(cardinality.value)}`);
    }
    items = Array.from({ length: cardinality.value }, (_, index) => index + 1);
  }
  if (node.boundaryIds.length > 0) {
    const opened = openBoundarySubscriptions(execution, body, node);
    if (!opened.ok) {
      closeSubscriptions(execution, body);
      execution.raiseIncident(body, opened.errorType, opened.message, opened.messageZh, 'activate');
      return;
    }
  }
  body.multi = { items, total: items.length, completed: 0, terminated: 0, next: 0 };
  if (definition.outputCollection) body.variables = { ...body.variables, [definition.outputCollection]: items.map(() => null) };
  body.phase = 'active';
  if (items.length === 0) return completeBody(execution, body, node);
  if (definition.sequential) startRun(execution, body, node, 0);
  else for (let index = 0; index < items.length; index++) startRun(execution, body, node, index);
}

export function startRun(execution: Execution, body: ElementInstanceState, node: FlowNode, index: number): void {
  const multi = body.multi;
  if (!multi) return;
  multi.next = index + 1;
  const locals: Variables = { loopCounter: index + 1 };
  // An output element that names a variable starts as a local null of the run (Zeebe does the same), so what a run
  // writes to it stays in the run: parallel runs do not overwrite one another's, and nothing leaks to the process.
  const outputName = outputVariable(node.multiInstance?.outputElement?.source);
  if (outputName) locals[outputName] = null;
  if (node.multiInstance?.inputElement) locals[node.multiInstance.inputElement] = multi.items[index];
  activateElement(execution, node, body.id, { inner: true, loopCounter: index + 1, locals });
}

/** A run finished: its output element goes into the body's output collection. False when that failed (an incident). */
export function recordOutput(execution: Execution, inner: ElementInstanceState, node: FlowNode, variables: Variables): boolean {
  const definition = node.multiInstance;
  const body = inner.parentId ? execution.instance(inner.parentId) : undefined;
  if (!definition?.outputCollection || !definition.outputElement || !body) return true;
  const value = execution.evaluate(definition.outputElement, inner.id, Object.keys(variables).length > 0 ? variables : undefined);
  if (!value.ok) {
    execution.raiseIncident(inner, 'EXPRESSION_FAILED', `Output element of '${node.id}': ${value.message}`, `“${node.id}”的输出元素：${value.messageZh}`, 'complete', variables);
    return false;
  }
  const collection = body.variables?.[definition.outputCollection];
  if (Array.isArray(collection) && inner.loopCounter !== undefined) collection[inner.loopCounter - 1] = value.value;
  return true;
}

/** A plain variable name as output element (`=result`), else undefined (an expression such as `={ok: ok}`). */
function outputVariable(source: string | undefined): string | undefined {
  const name = /^=?\s*([\p{L}_$][\p{L}\p{N}_$]*)\s*$/u.exec(source ?? '')?.[1];
  return name && !['null', 'true', 'false'].includes(name) ? name : undefined;
}

type Completion = ReturnType<typeof evaluateCondition>;

/**
 * The completion condition after a run: evaluated in that run's scope (its input element, loopCounter and locals
 * are visible, as in Zeebe), with the counts as they are once it has finished. Undefined without a condition.
 */
export function completionReached(execution: Execution, body: ElementInstanceState, node: FlowNode, run: ElementInstanceState): Completion | undefined {
  const multi = body.multi;
  const condition = node.multiInstance?.completionCondition;
  if (!multi || !condition || body.phase !== 'active') return undefined;
  return evaluateCondition(execution, condition, run.id, completionCounts(multi, multi.completed + 1, execution.children(body.id).filter((child) => child.id !== run.id).length));
}

/** What a completion condition counts (Camunda 8's names): `completed` runs finished, `active` still running. */
function completionCounts(multi: NonNullable<ElementInstanceState['multi']>, completed: number, active: number): Variables {
  return { numberOfInstances: multi.total, numberOfActiveInstances: active, numberOfCompletedInstances: completed, numberOfTerminatedInstances: multi.terminated };
}

/**
 * After a run: the completion condition (`completion`, when the finished run's scope evaluated it; else evaluated
 * here in the body's), the next sequential run, or the end of the body.
 */
export function advanceBody(execution: Execution, body: ElementInstanceState, node: FlowNode, completion?: Completion): void {
  const multi = body.multi;
  const definition = node.multiInstance;
  if (!multi || !definition || body.phase !== 'active') return;
  multi.completed++;
  const active = execution.children(body.id);
  if (definition.completionCondition) {
    const done = completion ?? evaluateCondition(execution, definition.completionCondition, body.id, completionCounts(multi, multi.completed, active.length));
    if (!done.ok) {
      execution.raiseIncident(body, 'EXPRESSION_FAILED', `Completion condition of '${node.id}': ${done.message}`, `“${node.id}”的完成条件：${done.messageZh}`, 'complete');
      return;
    }
    if (done.value === true) {
      // e.g. two of three departments approved: the third run is no longer needed.
      for (const run of active) terminateElement(execution, run);
      multi.terminated += active.length;
      return completeBody(execution, body, node);
    }
  }
  if (definition.sequential && multi.next < multi.total) return startRun(execution, body, node, multi.next);
  if (active.length === 0 && multi.next >= multi.total) completeBody(execution, body, node);
}

export function completeBody(execution: Execution, body: ElementInstanceState, node: FlowNode): void {
  const outputCollection = node.multiInstance?.outputCollection;
  if (outputCollection) execution.propagate(body.parentId, { [outputCollection]: body.variables?.[outputCollection] ?? [] });
  completeElement(execution, body);
}

function incident(execution: Execution, body: ElementInstanceState, message: string, messageZh: string): void {
  execution.raiseIncident(body, 'EXPRESSION_FAILED', message, messageZh, 'activate');
}

/**
 * 加签 on a running 会签/或签: one more run with `item` as its input element (a person, a department).
 * A parallel body starts it now; a sequential one runs it after the others.
 */
export function addRun(execution: Execution, body: ElementInstanceState, node: FlowNode, item: Json): void {
  const multi = body.multi;
  if (!multi) return;
  multi.items.push(item);
  multi.total++;
  const outputCollection = node.multiInstance?.outputCollection;
  const collection = outputCollection ? body.variables?.[outputCollection] : undefined;
  if (Array.isArray(collection)) collection.push(null);
  if (!node.multiInstance?.sequential) startRun(execution, body, node, multi.total - 1);
}

/**
 * 减签: a run that is no longer needed ends without counting as completed; the body then goes on
 * as after any run (its completion condition, or its end when nothing is left to run).
 */
export function removeRun(execution: Execution, run: ElementInstanceState, body: ElementInstanceState, node: FlowNode): void {
  const multi = body.multi;
  if (!multi) return;
  terminateElement(execution, run);
  multi.terminated++;
  // advanceBody counts a completed run; this one was removed, so take that count back first.
  multi.completed--;
  advanceBody(execution, body, node);
}
