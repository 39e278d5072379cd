import { randomUUID } from 'node:crypto';
import type { Actor } from '../../actor.js';
import { seesAllDepartments } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { SqlParams, withinRegion } from '../../staff/access.js';

/**
 * The webhooks departments register for SLA notifications. A region-scoped user sees and manages only the webhooks
 * registered within their region (engine/staff/access.ts), an administrator or supervisor every department's.
 */

export interface WebhookRow {
  id: string;
  department: string;
  all_departments: boolean;
  url: string;
  events: string[];
  secret: string | null;
  created_by: string;
  created_at: Date;
  disabled_at: Date | null;
  /** The region its registrant was scoped to ('/' for the city): it receives only the events of cases there. */
  region_path: string;
}

/** What the deliveries list shows of one delivery (a type, not an interface, so it reads as a plain record). */
export type DeliveryLogRow = {
  id: string;
  notification_seq: string | number;
  state: string;
  attempts: number;
  next_attempt_at: Date;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
};

/** A new webhook of the actor's department, kept in the actor's region scope. */
export async function insertWebhook(db: Db, actor: Actor, webhook: { url: string; events: string[]; secret: string | null; allDepartments: boolean; createdAt: Date }): Promise<WebhookRow> {
  const [row] = await db.query<WebhookRow>(
    'INSERT INTO sla_webhooks (id, department, all_departments, url, events, secret, created_by, created_at, region_path) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *',
    [randomUUID(), actor.department, webhook.allDepartments, webhook.url, webhook.events, webhook.secret, actor.userId, webhook.createdAt, actor.regionPath ?? '/'],
  );
  return row;
}

/** The webhooks still enabled that the actor may see, oldest first. */
export function visibleWebhooks(db: Db, actor: Actor): Promise<WebhookRow[]> {
  const params = new SqlParams([seesAllDepartments(actor) ? null : actor.department]);
  return db.query<WebhookRow>(`SELECT * FROM sla_webhooks w WHERE w.disabled_at IS NULL AND ($1::text IS NULL OR w.department = $1) AND ${withinRegion(actor, 'w', params)} ORDER BY w.created_at`, params.values);
}

/** Disables an enabled webhook the actor may see; false when there is none such. */
export async function disableVisibleWebhook(db: Db, actor: Actor, id: string, now: Date): Promise<boolean> {
  const params = new SqlParams([id, seesAllDepartments(actor) ? null : actor.department, now]);
  const rows = await db.query(
    `UPDATE sla_webhooks w SET disabled_at = $3 WHERE w.id::text = $1 AND w.disabled_at IS NULL AND ($2::text IS NULL OR w.department = $2) AND ${withinRegion(actor, 'w', params)} RETURNING id`,
    params.values,
  );
  return rows.length > 0;
}

/**
 * The newest deliveries of a webhook the actor may see; undefined when the webhook does not exist or is not theirs
 * (so the caller can answer 404, as the webhook's other routes do, rather than an empty list).
 */
export async function visibleDeliveryLog(db: Db, actor: Actor, webhookId: string): Promise<DeliveryLogRow[] | undefined> {
  const params = new SqlParams([webhookId, seesAllDepartments(actor) ? null : actor.department]);
  const visible = `w.id::text = $1 AND ($2::text IS NULL OR w.department = $2) AND ${withinRegion(actor, 'w', params)}`;
  const [webhook] = await db.query(`SELECT 1 FROM sla_webhooks w WHERE ${visible}`, params.values);
  if (!webhook) return undefined;
  return db.query<DeliveryLogRow>(
    `SELECT d.id, d.notification_seq, d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_error, d.delivered_at FROM sla_webhook_deliveries d
     JOIN sla_webhooks w ON w.id = d.webhook_id WHERE ${visible} ORDER BY d.notification_seq DESC LIMIT 200`,
    params.values,
  );
}
