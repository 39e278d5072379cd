import type { Actor } from '../actor.js';
import type { Db } from '../db/index.js';
import { SqlParams, taskReadable } from '../staff/access.js';
import { joinedInstance, type WithJoinedInstance } from './joined-instance.js';
import type { UserTaskRow } from './rows.js';

/** A task the actor may read (engine/staff/access.ts taskReadable), with its instance; locked with `lock`. */
export async function taskWithInstance(
  db: Pick<Db, 'query'>,
  unit: { readonly readAlongSql: string },
  actor: Actor,
  id: string,
  options: { lock: boolean },
): Promise<WithJoinedInstance<UserTaskRow> | undefined> {
  const params = new SqlParams([id]);
  const [found] = await db.query<WithJoinedInstance<UserTaskRow>>(
    `SELECT t.*, joined.* FROM user_tasks t ${joinedInstance(unit, 't', options)}
     WHERE t.id = $1 AND ${taskReadable(actor, 't', params)}${options.lock ? ' FOR UPDATE OF t' : ''}`,
    params.values,
  );
  return found;
}
