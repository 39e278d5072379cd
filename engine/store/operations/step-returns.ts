import type { Db } from '../../db/index.js';
import type { UserTaskRow } from '../rows.js';

/**
 * The tasks of a case other than `taskId` created since `since` and not canceled, oldest first, locked: what a
 * 撤回 would take back, held so that nobody claims or completes one while the step is withdrawn.
 */
export function tasksSinceForUpdate(tx: Db, instanceId: string, taskId: string, since: Date | null): Promise<UserTaskRow[]> {
  return tx.query<UserTaskRow>(`SELECT * FROM user_tasks WHERE instance_id = $1 AND id <> $2 AND created_at >= $3 AND state <> 'canceled' ORDER BY created_at FOR UPDATE`, [instanceId, taskId, since]);
}

/**
 * The task a step opened again at `openedAt` gets `assignee` (null: whoever the model gives it); the task, if the
 * step did open.
 */
export async function reopenedTask(tx: Db, instanceId: string, elementId: string, openedAt: Date, assignee: string | null): Promise<UserTaskRow | undefined> {
  const [row] = await tx.query<UserTaskRow>(
    `UPDATE user_tasks SET assignee = COALESCE($4, assignee) WHERE instance_id = $1 AND element_id = $2 AND state = 'created' AND created_at = $3 RETURNING *`,
    [instanceId, elementId, openedAt, assignee],
  );
  return row;
}

/** Each step of a case completed before, but for `exceptElementId`: its latest completion. */
export function completedSteps(tx: Db, instanceId: string, exceptElementId: string): Promise<Array<{ element_id: string; name: string | null; completed_by: string | null; ended_at: Date }>> {
  return tx.query<{ element_id: string; name: string | null; completed_by: string | null; ended_at: Date }>(
    `SELECT DISTINCT ON (element_id) element_id, name, completed_by, ended_at FROM user_tasks
     WHERE instance_id = $1 AND state = 'completed' AND element_id <> $2 ORDER BY element_id, ended_at DESC`,
    [instanceId, exceptElementId],
  );
}
