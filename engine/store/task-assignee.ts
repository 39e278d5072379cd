import type { Db } from '../db/index.js';
import type { UserTaskRow } from './rows.js';

/** Claims a task for `assignee`, or releases it (null): the task as it now is. */
export async function setAssignee(tx: Db, taskId: string, assignee: string | null): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>('UPDATE user_tasks SET assignee = $2 WHERE id = $1 RETURNING *', [taskId, assignee]);
  return row;
}
