import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { caseInRegion, SqlParams } from '../../staff/access.js';
import type { JobRow } from '../rows.js';

/** A service job's failures and retries: what a worker's failure and an operator's new retries write. */

/** A failed job with retries left: activatable again at `dueAt`, unlocked; the row as it now is. */
export async function retryJobLater(tx: Db, jobId: string, retries: number, dueAt: Date, errorMessage: string | null): Promise<JobRow> {
  const [row] = await tx.query<JobRow>(
    `UPDATE jobs SET state = 'activatable', retries = $2, due_at = $3, error_message = $4, lock_owner = NULL, lock_expires_at = NULL WHERE id = $1 RETURNING *`,
    [jobId, retries, dueAt, errorMessage],
  );
  return row;
}

/** A failed job with no retries left: kept as 'failed' (its incident names it); the row as it now is. */
export async function markJobFailed(tx: Db, jobId: string, errorMessage: string | null): Promise<JobRow> {
  const [row] = await tx.query<JobRow>(`UPDATE jobs SET state = 'failed', retries = 0, error_message = $2, lock_owner = NULL, lock_expires_at = NULL WHERE id = $1 RETURNING *`, [jobId, errorMessage]);
  return row;
}

/** A job of `department` (null: any) in the actor's region, locked; by its id alone (the caller checks the kind, see jobReadSql). */
export async function lockJobInScope(tx: Db, actor: Actor, id: string, department: string | null): Promise<JobRow | undefined> {
  const params = new SqlParams([id, department]);
  const [job] = await tx.query<JobRow>(`SELECT * FROM jobs j WHERE j.id = $1 AND ($2::text IS NULL OR j.department = $2) AND ${caseInRegion(actor, 'j.instance_id', params)} FOR UPDATE OF j`, params.values);
  return job;
}

/** New retries for a job; a failed one becomes activatable at `now`. The row as it now is. */
export async function setJobRetries(tx: Db, jobId: string, retries: number, now: Date): Promise<JobRow> {
  const [row] = await tx.query<JobRow>(
    `UPDATE jobs SET retries = $2, state = CASE WHEN state = 'failed' THEN 'activatable' ELSE state END, due_at = CASE WHEN state = 'failed' THEN $3 ELSE due_at END WHERE id = $1 RETURNING *`,
    [jobId, retries, now],
  );
  return row;
}

/** Resolves the open incidents a job caused (by `actor`), once the job has retries again. */
export async function resolveJobIncidents(tx: Db, jobId: string, now: Date, actor: string): Promise<void> {
  await tx.query(`UPDATE incidents SET state = 'resolved', resolved_at = $2, resolved_by = $3 WHERE job_id = $1 AND state = 'active'`, [jobId, now, actor]);
}
