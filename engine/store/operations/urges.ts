import type { Db } from '../../db/index.js';
import type { UserTaskRow } from '../rows.js';

/** The most people one urge (催办) reaches when it goes to everyone holding the task's posts. */
const RECIPIENT_LIMIT = 200;

/** When a task was last urged (催办), if it was, from the case's trail. */
export async function lastUrgedAt(tx: Db, instanceId: string, taskId: string): Promise<Date | undefined> {
  const [row] = await tx.query<{ at: Date }>(`SELECT at FROM history WHERE instance_id = $1 AND type = 'userTask.urged' AND data ->> 'taskId' = $2 ORDER BY id DESC LIMIT 1`, [instanceId, taskId]);
  return row?.at;
}

/**
 * The active users of the task's department who hold one of its posts (any, when it names none) and work in a region
 * that holds the task, by id: whom an urge reaches when nobody holds the task and it names no candidate users.
 */
export async function postHoldersOf(db: Db, task: Pick<UserTaskRow, 'department' | 'candidate_groups' | 'region_path'>): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT u.id FROM users u LEFT JOIN regions r ON r.code = u.region_code
     WHERE u.department = $1 AND u.disabled_at IS NULL AND (cardinality($2::text[]) = 0 OR u.groups && $2::text[])
       AND (u.region_code IS NULL OR $3 LIKE COALESCE(r.path, '/' || u.region_code || '/') || '%')
     ORDER BY u.id LIMIT ${RECIPIENT_LIMIT}`,
    [task.department, task.candidate_groups, task.region_path],
  );
  return rows.map((row) => row.id);
}
