import type { Actor } from '../actor.js';
import type { Db } from '../db/index.js';
import { regionScope } from '../staff/access.js';

/**
 * Whether the actor's department has a step (a user task) in the case within the actor's region; with `openSteps`,
 * a step still open.
 */
export async function hasStepInCase(db: Db, actor: Actor, instanceId: string, options: { openSteps?: boolean } = {}): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM user_tasks WHERE instance_id = $1 AND department = $2 AND ($3::text IS NULL OR region_path LIKE $3)${options.openSteps ? " AND state = 'created'" : ''} LIMIT 1`,
    [instanceId, actor.department, regionScope(actor)],
  );
  return rows.length > 0;
}
