import type { Db } from '../db/index.js';
import type { UserTaskRow } from './rows.js';
import { sql, type SqlFragment } from './sql-fragment.js';

/** Claims a task for `assignee`, or releases it (null): the task as it now is. */
export async function setAssignee(tx: Db, taskId: string, assignee: string | null): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>('UPDATE user_tasks SET assignee = $2 WHERE id = $1 RETURNING *', [taskId, assignee]);
  return row;
}

/**
 * The condition a task's completion writes under: the task is still open, and claimed by nobody else than `userId`
 * unless it already was when read (an administrator completing another's task). FOR UPDATE makes the check wait for
 * a claim in flight and then read the row as that claim left it (a plain EXISTS reads the statement's snapshot and
 * would miss a claim committed while it ran).
 */
export function stillOpenFor(task: Pick<UserTaskRow, 'id' | 'assignee'>, userId: string): SqlFragment {
  return sql`EXISTS (SELECT 1 FROM user_tasks WHERE id = ${task.id} AND state = 'created' AND (assignee IS NULL OR assignee = ${userId} OR ${task.assignee !== null && task.assignee !== userId}) FOR UPDATE)`;
}
