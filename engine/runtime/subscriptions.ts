import type { FlowNode } from '../model/index.js';
import type { Execution } from './execution.js';
import type { IncidentType } from './effects.js';
import type { ElementInstanceState, Subscription } from './state.js';
import { scheduleTimer } from './timers.js';

export type Opened = { ok: true } | { ok: false; errorType: IncidentType; message: string; messageZh: string };

/**
 * Opens the subscription of an event element (a catch event, a boundary event, an
 * event-subprocess start, an event-gateway target) owned by `owner`, with names, keys and
 * timers evaluated in `scopeId`.
 */
export function openSubscription(execution: Execution, owner: ElementInstanceState, eventNode: FlowNode, scopeId: string | undefined): Opened {
  const event = eventNode.event;
  const interrupting = eventNode.interrupting;
  const base = { elementId: eventNode.id, interrupting };
  const key = { elementInstanceId: owner.id, elementId: eventNode.id };
  if (!event) return { ok: true };
  const failed = (message: string, messageZh: string): Opened => ({ ok: false, errorType: 'EXPRESSION_FAILED', message, messageZh });
  const add = (subscription: Subscription) => (owner.subscriptions ??= []).push(subscription);
  const definition = event;
  switch (definition.type) {
    case 'message': {
      const name = execution.resolve(definition.messageName, scopeId);
      if (!name.ok) return failed(`Message name of '${eventNode.id}': ${name.message}`, `“${eventNode.id}”的消息名称：${name.messageZh}`);
      const correlation = execution.resolve(definition.correlationKey, scopeId);
      if (!correlation.ok) return failed(`Correlation key of '${eventNode.id}': ${correlation.message}`, `“${eventNode.id}”的关联键：${correlation.messageZh}`);
      // Zeebe takes a string or a number only (a boolean or a context is an incident, not the text "true").
      if (typeof correlation.value !== 'string' && typeof correlation.value !== 'number') {
        return failed(`Correlation key of '${eventNode.id}' must be a text or a number, got ${JSON.stringify(correlation.value ?? null)}`, `“${eventNode.id}”的关联键必须是文本或数字，实际为 ${JSON.stringify(correlation.value ?? null)}`);
      }
      const messageName = String(name.value);
      const correlationKey = String(correlation.value);
      add({ ...base, kind: 'message', name: messageName, correlationKey });
      execution.emit({ type: 'messageSubscription.opened', ...key, messageName, correlationKey, interrupting });
      return { ok: true };
    }
    case 'signal': {
      const name = execution.resolve(definition.signalName, scopeId);
      if (!name.ok) return failed(`Signal name of '${eventNode.id}': ${name.message}`, `“${eventNode.id}”的信号名称：${name.messageZh}`);
      const signalName = String(name.value);
      add({ ...base, kind: 'signal', name: signalName });
      execution.emit({ type: 'signalSubscription.opened', ...key, signalName, interrupting });
      return { ok: true };
    }
    case 'timer': {
      const kept = execution.preservedTimers?.get(`${owner.id}/${eventNode.id}`);
      const schedule = kept ? ({ ok: true, dueAt: new Date(kept.dueAt), ...(kept.cycle ? { cycle: kept.cycle } : {}) } as const) : scheduleTimer(execution, definition.timer, scopeId, eventNode.id);
      if (!schedule.ok) return schedule;
      const timerId = `t${execution.newId()}`;
      const dueAt = schedule.dueAt.toISOString();
      execution.state.timers[timerId] = { ...key, dueAt, ...(schedule.cycle ? { cycle: schedule.cycle } : {}) };
      add({ ...base, kind: 'timer', timerId });
      execution.emit({ type: 'timer.created', timerId, ...key, dueAt, ...(schedule.cycle ? { repetitionsLeft: schedule.cycle.repetitionsLeft } : {}) });
      return { ok: true };
    }
    case 'conditional':
      add({ ...base, kind: 'conditional', satisfied: false });
      // Evaluated when the current step settles, with every variable of this command in place.
      execution.variablesChanged = true;
      return { ok: true };
    default:
      return { ok: true };
  }
}

/** Closes some (or all) subscriptions of an instance, with their timers. */
export function closeSubscriptions(execution: Execution, owner: ElementInstanceState, which: (subscription: Subscription) => boolean = () => true): void {
  if (!owner.subscriptions) return;
  const keep: Subscription[] = [];
  for (const subscription of owner.subscriptions) {
    if (!which(subscription)) {
      keep.push(subscription);
      continue;
    }
    closeOne(execution, owner, subscription);
  }
  if (keep.length > 0) owner.subscriptions = keep;
  else delete owner.subscriptions;
}

function closeOne(execution: Execution, owner: ElementInstanceState, subscription: Subscription): void {
  const key = { elementInstanceId: owner.id, elementId: subscription.elementId };
  switch (subscription.kind) {
    case 'message':
      execution.emit({ type: 'messageSubscription.closed', ...key, messageName: subscription.name ?? '' });
      break;
    case 'signal':
      execution.emit({ type: 'signalSubscription.closed', ...key, signalName: subscription.name ?? '' });
      break;
    case 'timer':
      if (subscription.timerId && execution.state.timers[subscription.timerId]) {
        delete execution.state.timers[subscription.timerId];
        execution.emit({ type: 'timer.canceled', timerId: subscription.timerId, ...key });
      }
      break;
    case 'conditional':
      break;
  }
}

/** The boundary events of an activity instance (or of its multi-instance body). */
export function openBoundarySubscriptions(execution: Execution, owner: ElementInstanceState, node: FlowNode): Opened {
  for (const boundaryId of node.boundaryIds) {
    const boundary = execution.node(boundaryId);
    // Thrown events (error, escalation, compensation, cancel) are looked up when thrown, not subscribed.
    if (boundary.event?.type === 'error' || boundary.event?.type === 'escalation' || boundary.event?.type === 'compensate' || boundary.event?.type === 'cancel') continue;
    const opened = openSubscription(execution, owner, boundary, owner.id);
    if (!opened.ok) return opened;
  }
  return { ok: true };
}

/** The start events of the event subprocesses a scope hosts (process or subprocess). */
export function openEventSubProcessSubscriptions(execution: Execution, scope: ElementInstanceState, scopeElementId: string): Opened {
  const model = execution.model.scopes.get(scopeElementId);
  for (const eventSubProcessId of model?.eventSubProcessIds ?? []) {
    const startId = execution.model.scopes.get(eventSubProcessId)?.noneStartId;
    if (!startId) continue;
    const start = execution.node(startId);
    if (start.event?.type === 'error' || start.event?.type === 'escalation') continue;
    const opened = openSubscription(execution, scope, start, scope.id);
    if (!opened.ok) return opened;
  }
  return { ok: true };
}

/** True when the subscription belongs to an event subprocess start hosted by the scope. */
export function isEventSubProcessStart(execution: Execution, subscription: Subscription): boolean {
  return execution.model.elements.get(execution.node(subscription.elementId).scopeId)?.kind === 'eventSubProcess' && execution.node(subscription.elementId).kind === 'startEvent';
}
