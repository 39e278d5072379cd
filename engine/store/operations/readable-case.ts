import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { caseReadable, SqlParams } from '../../staff/access.js';
import type { InstanceRow } from '../rows.js';

/**
 * A case, if the actor may read it (engine/staff/access.ts): what an operation on a case starts from, so that a case
 * the actor may not read is as unknown to them as one that does not exist.
 */
export async function readableCase(db: Db, actor: Actor, instanceId: string): Promise<InstanceRow | undefined> {
  const params = new SqlParams([instanceId]);
  const [row] = await db.query<InstanceRow>(`SELECT i.* FROM process_instances i WHERE i.id = $1 AND ${caseReadable(actor, 'i', params)}`, params.values);
  return row;
}

/** Whether the actor may read a case (without reading the case itself). */
export async function caseIsReadable(db: Db, actor: Actor, instanceId: string): Promise<boolean> {
  const params = new SqlParams([instanceId]);
  const rows = await db.query(`SELECT 1 FROM process_instances i WHERE i.id = $1 AND ${caseReadable(actor, 'i', params)}`, params.values);
  return rows.length > 0;
}
