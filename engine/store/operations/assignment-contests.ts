import type { Db } from '../../db/index.js';
import type { UserTaskRow } from '../rows.js';

/**
 * Whether `userId` sent a task back (退回 or 退单: their contest of its assignment), read off the case's trail, and
 * whether that contest already went to the command centre; undefined when they did not send it back.
 */
export async function contestOf(tx: Db, contest: { instanceId: string; taskId: string; userId: string }): Promise<{ escalated: boolean } | undefined> {
  const [row] = await tx.query<{ escalated: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM history e WHERE e.instance_id = h.instance_id AND e.type = 'userTask.escalatedToCommandCentre' AND e.data ->> 'contestedTaskId' = $2) AS escalated
     FROM history h WHERE h.instance_id = $1 AND h.type IN ('userTask.returned', 'userTask.sentBack') AND h.data ->> 'taskId' = $2 AND h.actor = $3 LIMIT 1`,
    [contest.instanceId, contest.taskId, contest.userId],
  );
  return row;
}

/** A task, locked for the command's transaction (the dispatch step a contest moves), whatever its state. */
export async function lockedTaskRow(tx: Db, taskId: string): Promise<UserTaskRow | undefined> {
  const [row] = await tx.query<UserTaskRow>('SELECT * FROM user_tasks WHERE id = $1 FOR UPDATE', [taskId]);
  return row;
}
