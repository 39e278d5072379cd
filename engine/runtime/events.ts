import type { FlowNode } from '../model/index.js';
import type { Execution } from './execution.js';
import { activateElement, completeElement, terminateChildren, terminateElement } from './lifecycle.js';
import { ROOT_ID, type ElementInstanceState, type Subscription } from './state.js';
import { closeSubscriptions, isEventSubProcessStart } from './subscriptions.js';
import type { Variables } from './variables.js';

/**
 * An event happened for an open subscription (message, signal, timer, condition): the
 * catch event completes, the event gateway decides, the boundary event interrupts or runs
 * beside, the event subprocess starts.
 */
export function triggerSubscription(execution: Execution, owner: ElementInstanceState, subscription: Subscription, variables: Variables): void {
  const eventNode = execution.node(subscription.elementId);
  if (owner.elementId === eventNode.id && owner.id !== ROOT_ID) {
    closeSubscriptions(execution, owner);
    owner.phase = 'active';
    completeElement(execution, owner, variables);
    return;
  }
  const ownerNode = owner.id === ROOT_ID ? undefined : execution.node(owner.elementId);
  if (ownerNode?.kind === 'eventBasedGateway') {
    // First event wins: the other targets' subscriptions close with the gateway.
    closeSubscriptions(execution, owner);
    owner.phase = 'active';
    const flowId = ownerNode.outgoing.find((id) => execution.model.flows.get(id)?.targetId === eventNode.id);
    completeElement(execution, owner, {}, flowId ? [flowId] : [], { triggeredWith: variables });
    return;
  }
  if (eventNode.kind === 'boundaryEvent') {
    execution.nodeEvent('boundary.triggered', owner, { boundaryEventId: eventNode.id, interrupting: subscription.interrupting });
    const parentId = owner.parentId as string;
    if (subscription.interrupting) terminateElement(execution, owner);
    activateElement(execution, eventNode, parentId, { triggeredWith: variables });
    return;
  }
  if (isEventSubProcessStart(execution, subscription)) {
    startEventSubProcess(execution, owner, eventNode, subscription.interrupting, variables);
  }
}

/** Starts an event subprocess in its hosting scope; an interrupting one ends everything else there first. */
function startEventSubProcess(execution: Execution, scope: ElementInstanceState, start: FlowNode, interrupting: boolean, variables: Variables): void {
  const eventSubProcess = execution.node(start.scopeId);
  if (interrupting) {
    scope.interrupted = true;
    terminateChildren(execution, scope.id);
    closeSubscriptions(execution, scope, (subscription) => isEventSubProcessStart(execution, subscription));
  }
  activateElement(execution, eventSubProcess, scope.id, { triggeredWith: variables, triggeredStartId: start.id });
}

/**
 * Throws a BPMN error from an element instance: walking out from it, the first scope that can
 * catch it does: at each scope its error event subprocesses, then the error boundary events
 * attached to it; a specific error code wins over a catch-all. The walk stops at a scope an
 * interrupting event subprocess has taken over. Returns false when nothing caught it.
 */
export function throwError(execution: Execution, thrower: ElementInstanceState, errorCode: string, errorMessage: string, variables: Variables): boolean {
  execution.nodeEvent('error.thrown', thrower, { errorCode, errorMessage });
  const found = findErrorCatch(execution, thrower, errorCode);
  if (!found) return false;
  execution.nodeEvent('error.caught', found.at, { errorCode, catchEventId: found.event.id });
  if (found.kind === 'eventSubProcess') {
    startEventSubProcess(execution, found.at, found.event, true, variables);
    return true;
  }
  const parentId = found.at.parentId as string;
  terminateElement(execution, found.at);
  activateElement(execution, found.event, parentId, { triggeredWith: variables });
  return true;
}

/**
 * Where an error thrown at `thrower` is caught in this instance, changing nothing: walking out from it, at each scope
 * its error event subprocesses, then the error boundary events attached to it (Zeebe: "1. event subprocesses 2.
 * boundary events": the boundary is outside the scope, the event subprocess inside). The walk stops at a scope an
 * interrupting event subprocess has taken over.
 */
export function findErrorCatch(execution: Execution, thrower: ElementInstanceState, errorCode: string): { kind: 'eventSubProcess' | 'boundary'; at: ElementInstanceState; event: FlowNode } | undefined {
  for (let current: ElementInstanceState | undefined = thrower; current; current = current.parentId ? execution.instance(current.parentId) : undefined) {
    if (current.interrupted) break;
    if (current !== thrower && isScope(execution, current)) {
      const start = pick(eventSubProcessStarts(execution, current), 'error', errorCode);
      if (start) return { kind: 'eventSubProcess', at: current, event: start };
    }
    const node = current.id === ROOT_ID ? undefined : execution.node(current.elementId);
    if (node && !current.inner && node.boundaryIds.length > 0) {
      const boundary = pick(node.boundaryIds.map((id) => execution.node(id)), 'error', errorCode);
      if (boundary) return { kind: 'boundary', at: current, event: boundary };
    }
  }
  return undefined;
}

/**
 * Throws an escalation: caught like an error, but a non-interrupting catch runs beside and an
 * uncaught escalation is only recorded, or, in an instance started by a call activity, passed
 * to that call activity (BPMN 2.0 §10.4.6: escalations propagate to the calling process).
 * Returns whether the thrower is still alive.
 */
export function throwEscalation(execution: Execution, thrower: ElementInstanceState, escalationCode: string): boolean {
  execution.nodeEvent('escalation.thrown', thrower, { escalationCode });
  if (catchEscalation(execution, thrower, escalationCode, false)) return execution.instance(thrower.id) !== undefined;
  const calledBy = execution.state.calledBy;
  if (calledBy) execution.emit({ type: 'escalation.propagated', calledBy, escalationCode });
  return true;
}

/**
 * An escalation that came up from the child instance a call activity started: the call
 * activity's own boundary events catch it first, then the scopes around it; uncaught, it goes
 * on up when this instance was itself called.
 */
export function escalateFromCallActivity(execution: Execution, callActivity: ElementInstanceState, escalationCode: string): void {
  execution.nodeEvent('escalation.thrown', callActivity, { escalationCode, fromCalledInstance: true });
  if (catchEscalation(execution, callActivity, escalationCode, true)) return;
  const calledBy = execution.state.calledBy;
  if (calledBy) execution.emit({ type: 'escalation.propagated', calledBy, escalationCode });
}

/** Walks out from `from`; its own boundaries count only when it is a call activity passing one on. */
function catchEscalation(execution: Execution, from: ElementInstanceState, escalationCode: string, ownBoundaries: boolean): boolean {
  for (let current: ElementInstanceState | undefined = from; current; current = current.parentId ? execution.instance(current.parentId) : undefined) {
    if (current.interrupted) break;
    const node = current.id === ROOT_ID ? undefined : execution.node(current.elementId);
    // As for errors: the scope's event subprocesses first, then the boundary events attached to it.
    if (current !== from && isScope(execution, current)) {
      const start = pick(eventSubProcessStarts(execution, current), 'escalation', escalationCode);
      if (start) {
        execution.nodeEvent('escalation.caught', current, { escalationCode, catchEventId: start.id });
        // Camunda 8 writes no variable when it catches an escalation: the code is in the history (escalation.caught),
        // and a process variable of the same name (a model may well have one) is left as it was.
        startEventSubProcess(execution, current, start, start.interrupting, {});
        return true;
      }
    }
    if (node && (current !== from || ownBoundaries) && !current.inner && node.boundaryIds.length > 0) {
      const boundary = pick(node.boundaryIds.map((id) => execution.node(id)), 'escalation', escalationCode);
      if (boundary) {
        execution.nodeEvent('escalation.caught', current, { escalationCode, catchEventId: boundary.id });
        const parentId = current.parentId as string;
        if (boundary.interrupting) terminateElement(execution, current);
        activateElement(execution, boundary, parentId, { triggeredWith: {} });
        return true;
      }
    }
  }
  return false;
}

function pick(candidates: FlowNode[], type: 'error' | 'escalation', code: string): FlowNode | undefined {
  const matching = candidates.filter((candidate) => candidate.event?.type === type);
  const codeOf = (node: FlowNode) => (node.event?.type === 'error' ? node.event.errorCode : node.event?.type === 'escalation' ? node.event.escalationCode : undefined);
  return matching.find((node) => codeOf(node) === code) ?? matching.find((node) => codeOf(node) === undefined);
}

function eventSubProcessStarts(execution: Execution, scope: ElementInstanceState): FlowNode[] {
  const scopeElementId = scope.id === ROOT_ID ? execution.model.id : scope.elementId;
  const starts: FlowNode[] = [];
  for (const eventSubProcessId of execution.model.scopes.get(scopeElementId)?.eventSubProcessIds ?? []) {
    const startId = execution.model.scopes.get(eventSubProcessId)?.noneStartId;
    if (startId) starts.push(execution.node(startId));
  }
  return starts;
}

function isScope(execution: Execution, instance: ElementInstanceState): boolean {
  if (instance.id === ROOT_ID) return true;
  if (instance.body) return false;
  const kind = execution.node(instance.elementId).kind;
  return kind === 'subProcess' || kind === 'eventSubProcess' || kind === 'transaction';
}
