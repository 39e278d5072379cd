import type { Db } from '../../db/index.js';
import { jsonb } from '../jsonb.js';
import type { DefinitionRow, JobRow } from '../rows.js';

/** What firing a timer reads and writes of its row, in the firing command's transaction. */

/**
 * A timer row the executor acquired, locked, if `owner` still holds it: a row whose lock expired and was taken by
 * another executor is that one's (undefined), so a timer never fires twice.
 */
export async function heldTimer(tx: Db, jobId: string, owner: string): Promise<JobRow | undefined> {
  const [job] = await tx.query<JobRow>(`SELECT * FROM jobs WHERE id = $1 AND state = 'activated' AND lock_owner = $2 FOR UPDATE`, [jobId, owner]);
  return job;
}

/** A timer of a suspended instance is handed back as it was due, marked suspended: it fires once the instance resumes. */
export async function keepSuspendedTimer(tx: Db, jobId: string): Promise<void> {
  await tx.query(`UPDATE jobs SET state = 'activatable', suspended = true, lock_owner = NULL, lock_expires_at = NULL WHERE id = $1`, [jobId]);
}

/** A timer that fired (or can fire no more) leaves the queue. */
export async function deleteTimer(tx: Db, jobId: string): Promise<void> {
  await tx.query('DELETE FROM jobs WHERE id = $1', [jobId]);
}

/** The definition a timer start event belongs to, if it is still deployed. */
export async function timerDefinition(tx: Db, definitionId: string | null): Promise<DefinitionRow | undefined> {
  const [definition] = await tx.query<DefinitionRow>('SELECT * FROM process_definitions WHERE id = $1', [definitionId]);
  return definition;
}

/** A cycle's start timer stays in the queue, due again at its next repetition and free for any executor. */
export async function rescheduleStartTimer(tx: Db, jobId: string, dueAt: Date, repetitionsLeft: number | null): Promise<void> {
  await tx.query(`UPDATE jobs SET state = 'activatable', due_at = $2, payload = $3, lock_owner = NULL, lock_expires_at = NULL WHERE id = $1`, [
    jobId,
    dueAt,
    jsonb({ repetitionsLeft }),
  ]);
}
