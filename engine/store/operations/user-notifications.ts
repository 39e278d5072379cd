import type { Db } from '../../db/index.js';
import type { UserNotification } from '../../operations/urge-and-copy.js';
import { SqlParams } from '../../staff/access.js';
import { keysetPage, type Page } from '../queries/page.js';

/** A notification for one person (催办, 抄送, a task handed to them). */
export async function insertUserNotification(tx: Db, notification: { userId: string; instanceId: string; department: string; type: string; at: Date; data: Record<string, unknown> }): Promise<void> {
  await tx.query('INSERT INTO user_notifications (user_id, instance_id, department, type, at, data) VALUES ($1, $2, $3, $4, $5, $6)', [
    notification.userId,
    notification.instanceId,
    notification.department,
    notification.type,
    notification.at,
    JSON.stringify(notification.data),
  ]);
}

/** A page of a user's notifications, newest first; only the unread ones, or those before a sequence number, when asked. */
export function notificationsPage(db: Db, userId: string, filter: { unread?: boolean; before?: number; limit: number; cursor?: string }): Promise<Page<UserNotification>> {
  const params = new SqlParams([userId, filter.unread ?? null, filter.before ?? null]);
  return keysetPage<UserNotification>(db, {
    columns: 'seq, type, at, instance_id, department, data, read_at',
    from: 'user_notifications',
    where: ['user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL) AND ($3::bigint IS NULL OR seq < $3)'],
    params,
    key: [{ sql: 'seq', cast: 'bigint', of: (row) => Number(row.seq) }],
    descending: true,
    limit: filter.limit,
    cursor: filter.cursor,
  });
}

/** Marks a user's unread notifications up to `upTo` as read at `now`; how many were. */
export async function markReadUpTo(db: Db, userId: string, upTo: number, now: Date): Promise<number> {
  const rows = await db.query('UPDATE user_notifications SET read_at = $3 WHERE user_id = $1 AND seq <= $2 AND read_at IS NULL RETURNING seq', [userId, upTo, now]);
  return rows.length;
}
