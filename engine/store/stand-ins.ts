import type { Db } from '../db/index.js';

/**
 * Whether `delegate` stands in for `userId` at `now` (委托 for a period, not revoked) on the process of the case
 * `instanceId` (a delegation for every process, or for that one).
 */
export async function standsInFor(tx: Db, delegate: string, userId: string, now: Date, instanceId: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM delegations d JOIN process_instances i ON i.id = $4
     WHERE d.user_id = $1 AND d.delegate = $2 AND d.revoked_at IS NULL AND d.starts_at <= $3 AND d.ends_at > $3 AND (d.process_id IS NULL OR d.process_id = i.process_id) LIMIT 1`,
    [userId, delegate, now, instanceId],
  );
  return rows.length > 0;
}
