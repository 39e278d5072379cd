import type { Db } from '../../db/index.js';
import type { InstanceState } from '../../runtime/index.js';
import { joinedInstance, type WithJoinedInstance } from '../joined-instance.js';
import type { JobRow } from '../rows.js';
import { LOCK_HOLDER_GONE } from './executor-lease.js';

/*
 * Claiming rows from a queue table. The rows to take are chosen and locked by a sub-select that runs
 * exactly once, as an array the UPDATE then looks up by id: `WHERE id = ANY (ARRAY(SELECT … FOR UPDATE
 * SKIP LOCKED))`. Written as `UPDATE … FROM (SELECT … FOR UPDATE SKIP LOCKED) due`, the sub-select is a
 * relation the planner may put on the inner side of a nested loop and run again for every outer row.
 * Once the job queue had been analysed while empty (a quiet hour does that) it did, locking another
 * batch on every rescan: a claim for 5 of 30 due jobs took all 30, the durable benchmark's straight-through
 * fell to 53–67 instances/s (about 600 otherwise), and completions waited about 190 ms for rows the
 * activation had locked.
 * sla/webhooks.ts claims its deliveries the same way.
 */

/**
 * $1 type, $2 now, $3 worker, $4 lock expiry, $5 department or null, $6 max, $7 the worker's region scope or null
 * (engine/staff/access.ts regionScope: a town's worker takes only its town's cases' jobs). Returns each job with its
 * instance row as JSON (`instance`) and what the engine's modules read along with it (`along`: `readAlongSql`, see
 * joinedInstance), so that the job's completion can start from them (engine/jobs/claimed-jobs.ts).
 */
export function claimServiceJobsSql(readAlongSql: string): string {
  let text = claimTexts.get(readAlongSql);
  if (!text) claimTexts.set(readAlongSql, (text = claimText(readAlongSql)));
  return text;
}

/** The claim's text for each set of modules' reads (an engine has one), made once rather than on every activation. */
const claimTexts = new Map<string, string>();

function claimText(readAlongSql: string): string {
  return `WITH claimed AS (UPDATE jobs j SET state = 'activated', lock_owner = $3, lock_expires_at = $4
 WHERE j.id = ANY (ARRAY(SELECT id FROM jobs
       WHERE type = $1 AND kind = 'service' AND ($5::text IS NULL OR department = $5) AND due_at <= $2 AND NOT suspended
         AND ($7::text IS NULL OR EXISTS (SELECT 1 FROM process_instances rg WHERE rg.id = jobs.instance_id AND rg.region_path LIKE $7))
         AND (state = 'activatable' OR (state = 'activated' AND lock_expires_at < $2))
       ORDER BY due_at LIMIT $6 FOR UPDATE SKIP LOCKED))
 RETURNING j.*)
SELECT c.*, joined.* FROM claimed c ${joinedInstance({ readAlongSql }, 'c', { lock: false })}`;
}

/** The claim without modules' reads (what queue-plans.test.ts explains). */
export const CLAIM_SERVICE_JOBS = claimServiceJobsSql('');

/**
 * $1 now, $2 owner, $3 lock expiry, $4 max. A timer row is free when its lock expired or its holder's lease
 * ran out (a killed server: see executor-lease.ts), whichever comes first.
 */
export const CLAIM_DUE_TIMERS = `UPDATE jobs j SET state = 'activated', lock_owner = $2, lock_expires_at = $3
 WHERE j.id = ANY (ARRAY(SELECT id FROM jobs j
       WHERE kind <> 'service' AND due_at <= $1 AND NOT suspended
         AND (state = 'activatable' OR (state = 'activated' AND (lock_expires_at < $1 OR ${LOCK_HOLDER_GONE})))
       ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED))
 RETURNING j.id, j.kind, j.department, j.instance_id, j.due_at`;

/** A service job a worker claimed, with its instance (its state as the job's variables come from it). */
export type ClaimedJobRow = WithJoinedInstance<JobRow> & { instance: { state: InstanceState } };

/**
 * Claims up to `max` due service jobs of a type for a worker (CLAIM_SERVICE_JOBS, with the modules' reads along).
 * `department` null: every department's; `region` null: every region's.
 */
export function claimServiceJobs(
  db: Db,
  readAlongSql: string,
  claim: { type: string; now: Date; worker: string; lockExpiresAt: Date; department: string | null; max: number; region: string | null },
): Promise<ClaimedJobRow[]> {
  return db.query<ClaimedJobRow>(claimServiceJobsSql(readAlongSql), [claim.type, claim.now, claim.worker, claim.lockExpiresAt, claim.department, claim.max, claim.region]);
}

/** A timer row an executor claimed: enough to fire it in its own command. */
export type DueTimerRow = Pick<JobRow, 'id' | 'kind' | 'department' | 'instance_id' | 'due_at'>;

/** Claims up to `max` due timers (instance timers and start timers) for `owner` (CLAIM_DUE_TIMERS). */
export function claimDueTimers(db: Db, now: Date, owner: string, lockExpiresAt: Date, max: number): Promise<DueTimerRow[]> {
  return db.query<DueTimerRow>(CLAIM_DUE_TIMERS, [now, owner, lockExpiresAt, max]);
}
