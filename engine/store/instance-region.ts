import type { Db } from '../db/index.js';

/** The region of a case as stored ('/…/'), if the case exists. */
export async function instanceRegionPath(db: Db, instanceId: string): Promise<string | undefined> {
  const [row] = await db.query<{ region_path: string }>('SELECT region_path FROM process_instances WHERE id = $1', [instanceId]);
  return row?.region_path;
}
