import type { Db } from '../db/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import { TIMER_ATTEMPTS } from '../store/effects/timers.js';
import { markIncidentResolved } from '../store/instance-waits.js';
import { countTimerFailure, insertTimerIncident, rearmFailedTimer, recordTimerIncident } from '../store/jobs/timer-failures.js';
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
    const job = await countTimerFailure(tx, jobId, owner, reason, new Date(now.getTime() + backoffMs));
    if (!job || job.state !== 'failed') return;
    const where = job.kind === 'timer-start' ? `timer start event '${job.element_id}'` : `timer '${job.element_id}'`;
    const whereZh = job.kind === 'timer-start' ? `定时启动事件“${job.element_id}”` : `定时器“${job.element_id}”`;
    await insertTimerIncident(tx, job, {
      message: `The ${where} could not be fired in ${TIMER_ATTEMPTS} attempts: ${reason}`,
      messageZh: `${whereZh}连续 ${TIMER_ATTEMPTS} 次触发失败：${reason}`,
      reason,
      now,
    });
    if (job.instance_id) await recordTimerIncident(tx, job, reason, now);
  });
}

/** Resolving a failed timer's incident: the timer is due again at once, with `retries` attempts. */
export async function retryFailedTimer(unit: CommandUnit, incident: IncidentRow, job: Pick<JobRow, 'id' | 'kind'>, retries: number): Promise<void> {
  await rearmFailedTimer(unit.tx, job.id, retries, unit.now);
  await markIncidentResolved(unit.tx, incident.id, unit.now, unit.actor.userId);
  if (incident.instance_id) {
    unit.record(incident.instance_id, incident.department, { type: 'incident.resolved', elementId: incident.element_id, ...(incident.element_instance_id ? { elementInstanceId: incident.element_instance_id } : {}), data: { errorType: incident.error_type, jobId: job.id, retries } });
  }
}
