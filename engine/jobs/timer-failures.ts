import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import { TIMER_ATTEMPTS } from '../store/effects/timers.js';
import { jsonb } from '../store/jsonb.js';
import type { IncidentRow, JobRow } from '../store/rows.js';

/**
 * A timer whose firing threw (a bug or an outage, not a BPMN outcome: those are incidents of
 * the interpreter) is tried again after a backoff; after its last attempt it is kept as 'failed'
 * and becomes an incident, visible in GET /incidents and retried by resolving it. Without the
 * incident the instance would wait for that timer forever and nobody would know.
 */
export async function recordTimerFailure(db: Db, jobId: string, owner: string, error: unknown, now: Date, backoffMs: number): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await db.transaction(async (tx) => {
    const [job] = await tx.query<JobRow>(
      `UPDATE jobs SET retries = retries - 1, error_message = $3, lock_owner = NULL, lock_expires_at = NULL,
         state = CASE WHEN retries - 1 <= 0 THEN 'failed' ELSE 'activatable' END, due_at = $4
       WHERE id = $1 AND lock_owner = $2 RETURNING *`,
      [jobId, owner, reason, new Date(now.getTime() + backoffMs)],
    );
    if (!job || job.state !== 'failed') return;
    const where = job.kind === 'timer-start' ? `timer start event '${job.element_id}'` : `timer '${job.element_id}'`;
    const whereZh = job.kind === 'timer-start' ? `定时启动事件“${job.element_id}”` : `定时器“${job.element_id}”`;
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
        `The ${where} could not be fired in ${TIMER_ATTEMPTS} attempts: ${reason}`,
        `${whereZh}连续 ${TIMER_ATTEMPTS} 次触发失败：${reason}`,
        now,
        job.id,
        jsonb({ timerId: job.timer_id, attempts: TIMER_ATTEMPTS, errorMessage: reason }),
      ],
    );
    if (job.instance_id) {
      await tx.query(
        `INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_instance_id, actor, data) VALUES ($1, $2, $3, 'incident.created', $4, 'timer', $5, 'system', $6)`,
        [job.instance_id, job.department, now, job.element_id, job.element_instance_id, jsonb({ errorType: 'TIMER_FAILED', message: reason, jobId: job.id })],
      );
    }
  });
}

/** Resolving a failed timer's incident: the timer is due again at once, with `retries` attempts. */
export async function retryFailedTimer(unit: CommandUnit, incident: IncidentRow, job: Pick<JobRow, 'id' | 'kind'>, retries: number): Promise<void> {
  await unit.tx.query(`UPDATE jobs SET state = 'activatable', retries = $2, due_at = $3, error_message = NULL, lock_owner = NULL, lock_expires_at = NULL WHERE id = $1`, [job.id, retries, unit.now]);
  await unit.tx.query(`UPDATE incidents SET state = 'resolved', resolved_at = $2, resolved_by = $3 WHERE id = $1 AND state = 'active'`, [incident.id, unit.now, unit.actor.userId]);
  if (incident.instance_id) {
    unit.record(incident.instance_id, incident.department, { type: 'incident.resolved', elementId: incident.element_id, ...(incident.element_instance_id ? { elementInstanceId: incident.element_instance_id } : {}), data: { errorType: incident.error_type, jobId: job.id, retries } });
  }
}
