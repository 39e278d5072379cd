import type { FlowNode } from '../model/index.js';
import type { Execution } from './execution.js';
import { activateElement, completeElement, terminateChildren, terminateElement } from './lifecycle.js';
import type { ElementInstanceState } from './state.js';

/**
 * Compensation (BPMN 2.0 §10.6): an activity with a compensation boundary event is recorded in
 * its scope when it completes; a compensation throw event runs the handlers of the recorded
 * activities in reverse order of completion and waits for them. A transaction's cancel end
 * event ends what still runs in the transaction, compensates what completed there and leaves
 * through the cancel boundary event.
 */
export function rememberForCompensation(execution: Execution, instance: ElementInstanceState, node: FlowNode): void {
  if (instance.inner || !instance.parentId) return;
  const scope = execution.instance(instance.parentId);
  if (!scope) return;
  if (node.compensationHandlerId) (scope.compensable ??= []).push(node.id);
  // A completed subprocess without its own handler is compensated through its inner activities.
  else if (instance.compensable?.length) (scope.compensable ??= []).push(...instance.compensable);
}

/** Runs the handlers for a compensation throw (or a cancel end event); false when there was nothing to compensate. */
export function startCompensation(execution: Execution, thrower: ElementInstanceState, activityRef?: string): boolean {
  const scope = thrower.parentId ? execution.instance(thrower.parentId) : undefined;
  const recorded = scope?.compensable ?? [];
  const chosen = activityRef ? recorded.filter((id) => id === activityRef) : [...recorded];
  if (!scope || chosen.length === 0) return false;
  scope.compensable = activityRef ? recorded.filter((id) => id !== activityRef) : [];
  if (scope.compensable.length === 0) delete scope.compensable;
  execution.nodeEvent('compensation.thrown', thrower, { activities: chosen });
  thrower.phase = 'waiting';
  thrower.waitsFor = 'compensation';
  for (const elementId of chosen.reverse()) {
    const handlerId = execution.node(elementId).compensationHandlerId;
    if (handlerId) activateElement(execution, execution.node(handlerId), scope.id, { compensating: thrower.id });
  }
  return true;
}

/** A handler finished: when it was the last one for its thrower, the thrower goes on. */
export function compensationHandlerDone(execution: Execution, throwerId: string): void {
  const thrower = execution.instance(throwerId);
  if (!thrower || thrower.waitsFor !== 'compensation') return;
  for (const id in execution.state.elements) if (execution.state.elements[id].compensating === throwerId) return;
  delete thrower.waitsFor;
  thrower.phase = 'active';
  const node = execution.node(thrower.elementId);
  if (node.event?.type === 'cancel') return leaveTransaction(execution, thrower);
  completeElement(execution, thrower, {}, node.kind === 'endEvent' ? [] : undefined);
}

/** Cancel end event: stop the rest of the transaction, compensate it, then leave through the cancel boundary. */
export function cancelTransaction(execution: Execution, cancelEnd: ElementInstanceState): void {
  terminateChildren(execution, cancelEnd.parentId as string, cancelEnd.id);
  if (!startCompensation(execution, cancelEnd)) leaveTransaction(execution, cancelEnd);
}

function leaveTransaction(execution: Execution, cancelEnd: ElementInstanceState): void {
  const transaction = execution.instance(cancelEnd.parentId as string);
  if (!transaction?.parentId) return;
  const node = execution.node(transaction.elementId);
  const boundary = node.boundaryIds.map((id) => execution.node(id)).find((candidate) => candidate.event?.type === 'cancel');
  const parentId = transaction.parentId;
  execution.nodeEvent('boundary.triggered', transaction, { boundaryEventId: boundary?.id ?? null, interrupting: true });
  terminateElement(execution, transaction);
  if (boundary) activateElement(execution, boundary, parentId);
}
