import { nextStartTimer, triggerTimer } from '../runtime/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner } from '../instances/instance-runner.js';
import type { DefinitionRow, JobRow } from '../store/rows.js';
import { jsonb } from '../store/jsonb.js';

export type FireOutcome = 'fired' | 'lost-lock' | 'dropped' | 'suspended';

/**
 * Takes a timer row the executor acquired, only if it still holds the lock: a row whose lock
 * expired and was taken by another executor is left to that one, so a timer never fires twice.
 */
async function lockAcquired(unit: CommandUnit, jobId: string, owner: string): Promise<JobRow | undefined> {
  const [job] = await unit.tx.query<JobRow>(`SELECT * FROM jobs WHERE id = $1 AND state = 'activated' AND lock_owner = $2 FOR UPDATE`, [jobId, owner]);
  return job;
}

/** Fires an instance's timer through the interpreter; a cycle's next repetition comes back as a new row. */
export async function fireInstanceTimer(runner: InstanceRunner, unit: CommandUnit, jobId: string, owner: string): Promise<FireOutcome> {
  const job = await lockAcquired(unit, jobId, owner);
  if (!job) return 'lost-lock';
  const advanced = await runner.advance(unit, job.instance_id!, (model, state, now, services) => triggerTimer(model, state, job.timer_id!, now, services));
  if (!advanced.ok && advanced.reason === 'suspended') {
    // Kept, due as it was: it fires as soon as the instance is resumed.
    await unit.tx.query(`UPDATE jobs SET state = 'activatable', suspended = true, lock_owner = NULL, lock_expires_at = NULL WHERE id = $1`, [job.id]);
    return 'suspended';
  }
  await unit.tx.query('DELETE FROM jobs WHERE id = $1', [job.id]);
  return advanced.ok ? 'fired' : 'dropped';
}

/** Fires a timer start event: a new instance of that definition, and the next due time of a cycle. */
export async function fireStartTimer(runner: InstanceRunner, unit: CommandUnit, jobId: string, owner: string): Promise<FireOutcome> {
  const job = await lockAcquired(unit, jobId, owner);
  if (!job) return 'lost-lock';
  const [definition] = await unit.tx.query<DefinitionRow>('SELECT * FROM process_definitions WHERE id = $1', [job.definition_id]);
  if (!definition) {
    await unit.tx.query('DELETE FROM jobs WHERE id = $1', [job.id]);
    return 'dropped';
  }
  await runner.start(unit, { definition, variables: {}, startEventId: job.element_id });
  const model = await runner.models.get(definition.id, unit.tx);
  const following = nextStartTimer(model, job.element_id, new Date(job.due_at), job.payload?.repetitionsLeft ?? null, unit.now, runner.services);
  // Thrown, not dropped: the firing is rolled back and retried, then kept as a TIMER_FAILED incident (timer-failures.ts).
  if (!following.ok) throw new Error(following.message);
  const next = following.next;
  if (next) {
    await unit.tx.query(`UPDATE jobs SET state = 'activatable', due_at = $2, payload = $3, lock_owner = NULL, lock_expires_at = NULL WHERE id = $1`, [
      job.id,
      new Date(next.dueAt),
      jsonb({ repetitionsLeft: next.repetitionsLeft ?? null }),
    ]);
  } else {
    await unit.tx.query('DELETE FROM jobs WHERE id = $1', [job.id]);
  }
  return 'fired';
}
