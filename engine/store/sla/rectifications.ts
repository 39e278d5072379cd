import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';

/** 整改: an open item of the department that owns a case, after a 差评. */
export interface RectificationRow {
  id: string;
  instance_id: string;
  department: string;
  reason: string;
  state: 'open' | 'closed';
  opened_by: string;
  opened_at: Date;
  closed_by: string | null;
  closed_at: Date | null;
  outcome: string | null;
  /** The time limit in working days and the deadline it gives from opening (null on rows from before limits). */
  limit_working_days: number | null;
  due_at: Date | null;
}

/** The case's rectificationTimeLimit variable (set by its matter), as stored: null when the case has none. */
export async function rectificationTimeLimitOf(tx: Db, instanceId: string): Promise<{ value?: unknown; unit?: unknown } | null | undefined> {
  const [row] = await tx.query<{ limit: { value?: unknown; unit?: unknown } | null }>(`SELECT state -> 'variables' -> 'rectificationTimeLimit' AS limit FROM process_instances WHERE id = $1`, [instanceId]);
  return row?.limit;
}

/** A new open rectification with its limit and deadline. */
export async function insertRectification(
  tx: Db,
  rectification: { instanceId: string; department: string; reason: string; openedBy: string; openedAt: Date; limitWorkingDays: number; dueAt: Date | null },
): Promise<RectificationRow> {
  const [row] = await tx.query<RectificationRow>(
    `INSERT INTO case_rectifications (id, instance_id, department, reason, state, opened_by, opened_at, limit_working_days, due_at) VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8) RETURNING *`,
    [randomUUID(), rectification.instanceId, rectification.department, rectification.reason, rectification.openedBy, rectification.openedAt, rectification.limitWorkingDays, rectification.dueAt],
  );
  return row;
}

/** A case's rectifications, oldest first. */
export function rectificationsOf(db: Db, instanceId: string): Promise<RectificationRow[]> {
  return db.query<RectificationRow>('SELECT * FROM case_rectifications WHERE instance_id = $1 ORDER BY opened_at, id', [instanceId]);
}

/** A rectification by id, if there is one. */
export async function rectificationById(db: Db, id: string): Promise<RectificationRow | undefined> {
  const [row] = await db.query<RectificationRow>('SELECT * FROM case_rectifications WHERE id = $1', [id]);
  return row;
}

/** Closes a rectification with its outcome: the row as closed, or undefined when it was no longer open. */
export async function closeOpenRectification(tx: Db, id: string, close: { closedBy: string; closedAt: Date; outcome: string }): Promise<RectificationRow | undefined> {
  const [row] = await tx.query<RectificationRow>(`UPDATE case_rectifications SET state = 'closed', closed_by = $2, closed_at = $3, outcome = $4 WHERE id = $1 AND state = 'open' RETURNING *`, [
    id,
    close.closedBy,
    close.closedAt,
    close.outcome,
  ]);
  return row;
}
