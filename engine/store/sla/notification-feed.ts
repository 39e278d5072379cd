import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { caseIdReadable, readsEveryDepartment, regionScope, SqlParams } from '../../staff/access.js';
import { keysetPage, type Page } from '../queries/page.js';

/** The SLA notification feed (sla_notifications by feed position), as integrators read it with `?after=`. */

export interface NotificationFilter {
  after: number;
  type?: string;
  instanceId?: string;
  limit: number;
}

export interface NotificationRow {
  position: string | number;
  type: string;
  at: Date;
  instance_id: string;
  department: string;
  data: Record<string, unknown>;
}

/**
 * Gives the committed notifications that have none a feed position, in one transaction under
 * the feed head's row lock: publishers take turns, each numbers after the last one's commit,
 * so a reader sees positions appear in order and `?after=` never passes over a row.
 */
export async function publishNotifications(db: Db): Promise<number> {
  const [{ pending }] = await db.query<{ pending: boolean }>('SELECT EXISTS (SELECT 1 FROM sla_notifications WHERE position IS NULL) AS pending');
  if (!pending) return 0;
  return db.transaction(async (tx) => {
    const [head] = await tx.query<{ last: string | number }>('SELECT last FROM sla_feed_head FOR UPDATE');
    // A new statement, so a new snapshot: it sees what the previous publisher committed.
    const [{ count }] = await tx.query<{ count: string | number }>(
      `WITH unpublished AS (SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM sla_notifications WHERE position IS NULL),
            numbered AS (UPDATE sla_notifications s SET position = $1::bigint + u.n FROM unpublished u WHERE s.seq = u.seq RETURNING 1),
            moved AS (UPDATE sla_feed_head SET last = last + (SELECT count(*) FROM numbered) RETURNING last)
       SELECT (SELECT count(*) FROM numbered) AS count, (SELECT last FROM moved) AS last`,
      [Number(head.last)],
    );
    return Number(count);
  });
}

/**
 * The feed's scope beside the department (every department's for supervisors and administrators): a region-scoped
 * reader gets the events of the cases they may read (engine/staff/access.ts), so of their region only.
 */
function feedRegion(actor: Actor, params: SqlParams): string {
  return regionScope(actor) ? caseIdReadable(actor, 'sla_notifications.instance_id', params) : 'true';
}

/** The notifications the actor may read after a feed position, oldest first, at most `limit`. */
export function notificationsAfter(db: Db, actor: Actor, filter: NotificationFilter): Promise<NotificationRow[]> {
  const params = new SqlParams([filter.after, readsEveryDepartment(actor) ? null : actor.department, filter.type ?? null, filter.instanceId ?? null, filter.limit]);
  return db.query<NotificationRow>(
    `SELECT position, type, at, instance_id, department, data FROM sla_notifications
     WHERE position > $1 AND ($2::text IS NULL OR department = $2) AND ($3::text IS NULL OR type = $3) AND ($4::uuid IS NULL OR instance_id = $4) AND ${feedRegion(actor, params)}
     ORDER BY position LIMIT $5`,
    params.values,
  );
}

/** notificationsAfter as a keyset page (engine/store/queries/page.ts), with the total after `after`. */
export function notificationPage(db: Db, actor: Actor, filter: NotificationFilter & { cursor?: string }): Promise<Page<NotificationRow>> {
  const params = new SqlParams([filter.after, readsEveryDepartment(actor) ? null : actor.department, filter.type ?? null, filter.instanceId ?? null]);
  return keysetPage<NotificationRow>(db, {
    columns: 'position, type, at, instance_id, department, data',
    from: 'sla_notifications',
    where: ['position > $1 AND ($2::text IS NULL OR department = $2) AND ($3::text IS NULL OR type = $3) AND ($4::uuid IS NULL OR instance_id = $4)', feedRegion(actor, params)],
    params,
    key: [{ sql: 'position', cast: 'bigint', of: (row) => Number(row.position) }],
    descending: false,
    limit: filter.limit,
    cursor: filter.cursor,
  });
}
