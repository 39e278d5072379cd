import type { Db } from '../../db/index.js';

/**
 * The webhook outbox as the delivery worker works it: deliveries are claimed with a lock owner and expiry (FOR UPDATE
 * SKIP LOCKED, so servers never take the same row), and every outcome is written only while the claim is still ours.
 */

/** A claimed delivery with what its POST needs: the receiver and the notification at its feed position. */
export interface DueDelivery {
  id: string;
  webhook_id: string;
  attempts: number;
  url: string;
  secret: string | null;
  seq: string | number;
  type: string;
  at: Date;
  instance_id: string;
  department: string;
  data: Record<string, unknown>;
}

/**
 * Claims up to `batchSize` pending deliveries due at `now` whose notification has its feed position, for `owner`
 * until `lockedUntil`. Claimed by a sub-select that runs once (see ../jobs/queue-claims.ts for why not `FROM (SELECT …) due`).
 */
export function claimDueDeliveries(db: Db, claim: { now: Date; owner: string; lockedUntil: Date; batchSize: number }): Promise<DueDelivery[]> {
  return db.query<DueDelivery>(
    `UPDATE sla_webhook_deliveries d SET lock_owner = $2, lock_expires_at = $3
     FROM sla_webhooks w, sla_notifications n
     WHERE d.id = ANY (ARRAY(SELECT id FROM sla_webhook_deliveries x WHERE state = 'pending' AND next_attempt_at <= $1 AND (lock_expires_at IS NULL OR lock_expires_at < $1)
             AND EXISTS (SELECT 1 FROM sla_notifications p WHERE p.seq = x.notification_seq AND p.position IS NOT NULL)
           ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED))
       AND w.id = d.webhook_id AND n.seq = d.notification_seq
     RETURNING d.id, d.webhook_id, d.attempts, w.url, w.secret, n.position AS seq, n.type, n.at, n.instance_id, n.department, n.data`,
    [claim.now, claim.owner, claim.lockedUntil, claim.batchSize],
  );
}

/** Records a delivery the receiver accepted, and lets go of its claim. */
export async function markDelivered(db: Db, id: string, owner: string, outcome: { attempts: number; status: number; at: Date }): Promise<void> {
  await db.query(
    `UPDATE sla_webhook_deliveries SET state = 'delivered', attempts = $3, last_status = $4, last_error = NULL, delivered_at = $5, lock_owner = NULL, lock_expires_at = NULL
     WHERE id = $1 AND lock_owner = $2`,
    [id, owner, outcome.attempts, outcome.status, outcome.at],
  );
}

/** Records a failed attempt: pending again from `retryAt`, or failed for good; lets go of its claim. */
export async function markAttemptFailed(
  db: Db,
  id: string,
  owner: string,
  outcome: { state: 'pending' | 'failed'; attempts: number; status: number | null; error: string; retryAt: Date },
): Promise<void> {
  await db.query(
    `UPDATE sla_webhook_deliveries SET state = $3, attempts = $4, last_status = $5, last_error = $6, next_attempt_at = $7, lock_owner = NULL, lock_expires_at = NULL
     WHERE id = $1 AND lock_owner = $2`,
    [id, owner, outcome.state, outcome.attempts, outcome.status, outcome.error, outcome.retryAt],
  );
}

/**
 * Hands back claimed deliveries untried: due as they were, or not before `notBefore` with `note` as their last error
 * (GREATEST skips a NULL, so without `notBefore` the due time stays).
 */
export async function releaseDeliveries(db: Db, ids: string[], owner: string, notBefore: Date | null, note: string | null): Promise<void> {
  await db.query(
    `UPDATE sla_webhook_deliveries SET lock_owner = NULL, lock_expires_at = NULL, next_attempt_at = GREATEST(next_attempt_at, $3::timestamptz), last_error = COALESCE($4, last_error)
     WHERE id = ANY ($1::uuid[]) AND lock_owner = $2`,
    [ids, owner, notBefore, note],
  );
}

/** Fails the pending deliveries of a webhook just disabled (their last error says why). */
export async function failPendingDeliveries(db: Db, webhookId: string): Promise<void> {
  await db.query(`UPDATE sla_webhook_deliveries SET state = 'failed', last_error = 'webhook disabled' WHERE webhook_id::text = $1 AND state = 'pending'`, [webhookId]);
}
