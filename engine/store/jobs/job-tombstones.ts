import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { caseInRegion, SqlParams } from '../../staff/access.js';

/** What a finished job's tombstone tells a worker that retries its completion. */
export interface JobTombstone {
  outcome: string;
  worker: string | null;
  finished_by: string;
  finished_at: Date;
}

/** The tombstone of a job of `department` (null: any) in the actor's region, if it finished within the retention. */
export async function jobTombstone(db: Pick<Db, 'query'>, actor: Actor, id: string, department: string | null): Promise<JobTombstone | undefined> {
  const params = new SqlParams([id, department]);
  const [tombstone] = await db.query<JobTombstone>(
    `SELECT outcome, worker, finished_by, finished_at FROM job_tombstones b WHERE b.id = $1 AND ($2::text IS NULL OR b.department = $2) AND ${caseInRegion(actor, 'b.instance_id', params)}`,
    params.values,
  );
  return tombstone;
}
