import type { FlowNode } from '../model/index.js';
import type { Execution } from './execution.js';
import { activateElement, completeElement, terminateChildren, terminateElement } from './lifecycle.js';
import type { CompensationRecord, ElementInstanceState } from './state.js';
import type { Variables } from './variables.js';

/**
 * Compensation (BPMN 2.0 §10.6): an activity with a compensation boundary event is recorded in
 * its scope when it completes, with the variables it ran with; a compensation throw event runs
 * the handlers of the recorded activities in reverse order of completion and waits for them. A
 * multi-instance activity is recorded once per completed run, so each run is undone with its
 * own input element. A throw inside an event subprocess compensates the scope the event
 * subprocess runs in as well. A transaction's cancel end event ends what still runs in the
 * transaction, compensates what completed there and leaves through the cancel boundary event.
 */
export function rememberForCompensation(execution: Execution, instance: ElementInstanceState, node: FlowNode): void {
  if (!instance.parentId) return;
  // A run of a multi-instance activity is recorded on its body, the body passes the runs on to its scope.
  const scope = execution.instance(instance.parentId);
  if (!scope) return;
  if (instance.body) {
    if (instance.compensable?.length) (scope.compensable ??= []).push(...instance.compensable);
    return;
  }
  if (node.compensationHandlerId) (scope.compensable ??= []).push({ elementId: node.id, ...(instance.variables ? { variables: { ...instance.variables } } : {}) });
  // A completed subprocess without its own handler is compensated through its inner activities.
  else if (instance.compensable?.length) (scope.compensable ??= []).push(...instance.compensable);
}

interface Chosen {
  scopeId: string;
  elementId: string;
  variables?: Variables;
}

/** Runs the handlers for a compensation throw (or a cancel end event); false when there was nothing to compensate. */
export function startCompensation(execution: Execution, thrower: ElementInstanceState, activityRef?: string): boolean {
  const scope = thrower.parentId ? execution.instance(thrower.parentId) : undefined;
  if (!scope) return false;
  const scopes = [scope];
  // From inside an event subprocess: the activities of the scope it runs in (an error handler undoing the main flow).
  if (scope.parentId && execution.node(scope.elementId).kind === 'eventSubProcess') {
    const host = execution.instance(scope.parentId);
    if (host) scopes.push(host);
  }
  const chosen: Chosen[] = [];
  for (const candidate of scopes) {
    const recorded = (candidate.compensable ?? []).map(asRecord);
    const matching = recorded.filter((record) => !activityRef || record.elementId === activityRef);
    const kept = recorded.filter((record) => activityRef && record.elementId !== activityRef);
    if (kept.length > 0) candidate.compensable = kept;
    else delete candidate.compensable;
    // Reverse order of completion, the innermost scope's (the latest) first.
    chosen.push(...matching.reverse().map((record) => ({ scopeId: candidate.id, ...record })));
  }
  if (chosen.length === 0) return false;
  execution.nodeEvent('compensation.thrown', thrower, { activities: chosen.map((entry) => entry.elementId) });
  thrower.phase = 'waiting';
  thrower.waitsFor = 'compensation';
  for (const entry of chosen) {
    const handlerId = execution.node(entry.elementId).compensationHandlerId;
    if (handlerId) activateElement(execution, execution.node(handlerId), entry.scopeId, { compensating: thrower.id, ...(entry.variables ? { locals: entry.variables } : {}) });
  }
  return true;
}

function asRecord(record: CompensationRecord): { elementId: string; variables?: Variables } {
  return typeof record === 'string' ? { elementId: record } : record;
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
