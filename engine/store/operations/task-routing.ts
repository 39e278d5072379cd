import type { Db } from '../../db/index.js';
import type { UserTaskRow } from '../rows.js';

/** Where a task is routed to: a department, its unit, and the region the task then lies in. */
export interface TaskRoute {
  department: string;
  unit: string | null;
  regionCode: string | null;
  regionPath: string;
}

/** A task goes back to a post's inbox: nobody holds it, and the post is its only candidate group. */
export async function moveTaskToPost(tx: Db, taskId: string, post: string): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>('UPDATE user_tasks SET assignee = NULL, candidate_groups = $2 WHERE id = $1 RETURNING *', [taskId, [post]]);
  return row;
}

/** 改派: a task goes to another department or unit, unclaimed, keeping where it came from (for a 退单). */
export async function reassignTask(tx: Db, taskId: string, to: TaskRoute, from: Record<string, unknown>): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>(
    `UPDATE user_tasks SET department = $2, unit = $3, region_code = $4, region_path = $5, assignee = NULL, reassigned_from = $6 WHERE id = $1 RETURNING *`,
    [taskId, to.department, to.unit, to.regionCode, to.regionPath, JSON.stringify(from)],
  );
  return row;
}

/** 退单 of a 改派ed task: it goes back, unclaimed, to where it came from, which forgets the 改派. */
export async function sendTaskBack(tx: Db, taskId: string, to: TaskRoute): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>(
    `UPDATE user_tasks SET department = $2, unit = $3, region_code = $4, region_path = $5, assignee = NULL, reassigned_from = NULL WHERE id = $1 RETURNING *`,
    [taskId, to.department, to.unit, to.regionCode, to.regionPath],
  );
  return row;
}

/** The step of a case completed last before `before` (the one that dispatched a task created then), if any. */
export async function dispatchingStep(db: Db, instanceId: string, before: Date): Promise<string | undefined> {
  const [row] = await db.query<{ element_id: string }>(
    `SELECT element_id FROM user_tasks WHERE instance_id = $1 AND state = 'completed' AND ended_at <= $2 ORDER BY ended_at DESC LIMIT 1`,
    [instanceId, before],
  );
  return row?.element_id;
}

/** The process version a case runs (its model says how long a task may be sent back). */
export async function definitionIdOf(db: Db, instanceId: string): Promise<string | undefined> {
  const [row] = await db.query<{ definition_id: string }>('SELECT definition_id FROM process_instances WHERE id = $1', [instanceId]);
  return row?.definition_id;
}
