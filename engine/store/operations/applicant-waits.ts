import type { Db } from '../../db/index.js';
import type { UserTaskRow } from '../rows.js';

/** 补正: the task waits for the applicant (it stays in its inbox, marked, and cannot be completed). */
export async function awaitApplicant(tx: Db, taskId: string): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>(`UPDATE user_tasks SET awaiting = 'applicant' WHERE id = $1 RETURNING *`, [taskId]);
  return row;
}

/** The applicant resubmitted: the task is to be worked again. */
export async function stopAwaiting(tx: Db, taskId: string): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>('UPDATE user_tasks SET awaiting = NULL WHERE id = $1 RETURNING *', [taskId]);
  return row;
}
