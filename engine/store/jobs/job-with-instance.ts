import type { Db } from '../../db/index.js';
import { joinedInstance, type WithJoinedInstance } from '../joined-instance.js';
import type { JobRow } from '../rows.js';

/**
 * A service job read by a worker's command, with its instance in the same statement. The statement names the job by
 * its id alone and the caller checks the kind: with `kind = 'service'` in the WHERE clause, a plan made while the queue
 * looked empty may walk the whole partial index jobs_service_element instead of looking the id up (seen: 1,000 buffers
 * per completion; see also joinedInstance).
 */

/** The statement: $1 the job's id, $2 the actor's department (null for one who sees every department). */
export function jobReadSql(unit: { readonly readAlongSql: string }, options: { lock: boolean }): string {
  return `SELECT j.*, joined.* FROM jobs j ${joinedInstance(unit, 'j', options)}
     WHERE j.id = $1 AND ($2::text IS NULL OR j.department = $2)${options.lock ? ' FOR UPDATE OF j' : ''}`;
}

/** A job of `department` (null: any), of whatever kind, with its instance; locked with `lock`. */
export async function jobWithInstance(
  db: Pick<Db, 'query'>,
  unit: { readonly readAlongSql: string },
  id: string,
  department: string | null,
  options: { lock: boolean },
): Promise<WithJoinedInstance<JobRow> | undefined> {
  const [found] = await db.query<WithJoinedInstance<JobRow>>(jobReadSql(unit, options), [id, department]);
  return found;
}
