import type { Db } from '../db/index.js';
import { insertSlaHistoryEvent, insertSlaNotification, queueWebhookDeliveries } from '../store/sla/sla-event-outbox.js';

/** SLA event types: each is a history row of the case and, when `notify`, an entry of the notification feed. */
export type SlaEventType =
  | 'sla.clock.started'
  | 'sla.clock.paused'
  | 'sla.clock.resumed'
  | 'sla.clock.extended'
  | 'sla.clock.stopped'
  | 'sla.clock.error'
  | 'sla.deadline.recomputed'
  | 'sla.warning'
  | 'sla.overdue'
  | 'sla.escalated'
  | 'sla.supervision.started'
  | 'sla.extension.requested'
  | 'sla.extension.rejected'
  | 'case.evaluated'
  | 'case.reopened'
  | 'case.reopen.started'
  | 'case.rectification.opened'
  | 'case.rectification.closed'
  | 'case.ruling.decided';

export interface SlaEvent {
  instanceId: string;
  department: string;
  at: Date;
  type: SlaEventType;
  actor: string | null;
  elementId?: string | null;
  elementType?: string | null;
  elementName?: string | null;
  elementInstanceId?: string | null;
  data: Record<string, unknown>;
  /** Also publish it on the notification feed and to the webhooks that want it. */
  notify?: boolean;
}

/**
 * Appends an SLA event to the case's history (the auditable trail metrics are computed from) and, for
 * notifications, to the feed plus one pending delivery per matching webhook: an outbox written in the same
 * transaction, so an event is published if and only if it happened. A webhook registered by a region-scoped user
 * gets only the events of cases within that region (its region_path; '/' for the city: all).
 */
export async function recordSlaEvent(tx: Db, event: SlaEvent): Promise<void> {
  await insertSlaHistoryEvent(tx, {
    instanceId: event.instanceId,
    department: event.department,
    at: event.at,
    type: event.type,
    elementId: event.elementId ?? null,
    elementType: event.elementType ?? null,
    elementName: event.elementName ?? null,
    elementInstanceId: event.elementInstanceId ?? null,
    actor: event.actor,
    data: event.data,
  });
  if (!event.notify) return;
  const payload = { ...event.data, ...(event.elementId ? { elementId: event.elementId } : {}), ...(event.elementName ? { elementName: event.elementName } : {}) };
  const seq = await insertSlaNotification(tx, { instanceId: event.instanceId, department: event.department, type: event.type, at: event.at, payload });
  await queueWebhookDeliveries(tx, { seq, instanceId: event.instanceId, department: event.department, type: event.type, at: event.at });
}
