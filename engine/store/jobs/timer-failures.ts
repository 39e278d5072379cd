import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { TIMER_ATTEMPTS } from '../effects/timers.js';
import { jsonb } from '../jsonb.js';
import type { JobRow } from '../rows.js';

/** A timer whose firing threw: its attempts, and the TIMER_FAILED incident its last one leaves. */

/**
 * Counts a failed attempt of a timer `owner` still holds: the row is free again at `dueAt`, or 'failed' after its
 * last attempt; undefined when the lock was lost meanwhile.
 */
export async function countTimerFailure(tx: Db, jobId: string, owner: string, reason: string, dueAt: Date): Promise<JobRow | undefined> {
  const [job] = await tx.query<JobRow>(
    `UPDATE jobs SET retries = retries - 1, error_message = $3, lock_owner = NULL, lock_expires_at = NULL,
         state = CASE WHEN retries - 1 <= 0 THEN 'failed' ELSE 'activatable' END, due_at = $4
       WHERE id = $1 AND lock_owner = $2 RETURNING *`,
    [jobId, owner, reason, dueAt],
  );
  return job;
}

/** The incident a timer out of attempts leaves (`message`, `messageZh`: what the incident list shows). */
export async function insertTimerIncident(tx: Db, job: JobRow, incident: { message: string; messageZh: string; reason: string; now: Date }): Promise<void> {
  await tx.query(
    `INSERT INTO incidents (id, instance_id, definition_id, department, element_instance_id, element_id, error_type, message, message_zh, state, created_at, job_id, data)
       VALUES ($1, $2, $3, $4, $5, $6, 'TIMER_FAILED', $7, $8, 'active', $9, $10, $11)`,
    [
      randomUUID(),
      job.instance_id,
      job.definition_id,
      job.department,
      job.element_instance_id,
      job.element_id,
      incident.message,
      incident.messageZh,
      incident.now,
      job.id,
      jsonb({ timerId: job.timer_id, attempts: TIMER_ATTEMPTS, errorMessage: incident.reason }),
    ],
  );
}

/** The incident on its case's trail (an instance's timer; a start timer has no case yet). */
export async function recordTimerIncident(tx: Db, job: JobRow, reason: string, now: Date): Promise<void> {
  await tx.query(
    `INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_instance_id, actor, data) VALUES ($1, $2, $3, 'incident.created', $4, 'timer', $5, 'system', $6)`,
    [job.instance_id, job.department, now, job.element_id, job.element_instance_id, jsonb({ errorType: 'TIMER_FAILED', message: reason, jobId: job.id })],
  );
}

/** A failed timer due again at once with `retries` attempts (its incident was resolved). */
export async function rearmFailedTimer(tx: Db, jobId: string, retries: number, now: Date): Promise<void> {
  await tx.query(`UPDATE jobs SET state = 'activatable', retries = $2, due_at = $3, error_message = NULL, lock_owner = NULL, lock_expires_at = NULL WHERE id = $1`, [jobId, retries, now]);
}
