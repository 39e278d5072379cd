import { nextStartTimer, triggerTimer } from '../runtime/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner } from '../instances/instance-runner.js';
import { deleteTimer, heldTimer, keepSuspendedTimer, rescheduleStartTimer, timerDefinition } from '../store/jobs/timer-firing.js';

export type FireOutcome = 'fired' | 'lost-lock' | 'dropped' | 'suspended';

/** Fires an instance's timer through the interpreter; a cycle's next repetition comes back as a new row. */
export async function fireInstanceTimer(runner: InstanceRunner, unit: CommandUnit, jobId: string, owner: string): Promise<FireOutcome> {
  const job = await heldTimer(unit.tx, jobId, owner);
  if (!job) return 'lost-lock';
  const advanced = await runner.advance(unit, job.instance_id!, (model, state, now, services) => triggerTimer(model, state, job.timer_id!, now, services));
  if (!advanced.ok && advanced.reason === 'suspended') {
    // Kept, due as it was: it fires as soon as the instance is resumed.
    await keepSuspendedTimer(unit.tx, job.id);
    return 'suspended';
  }
  await deleteTimer(unit.tx, job.id);
  return advanced.ok ? 'fired' : 'dropped';
}

/** Fires a timer start event: a new instance of that definition, and the next due time of a cycle. */
export async function fireStartTimer(runner: InstanceRunner, unit: CommandUnit, jobId: string, owner: string): Promise<FireOutcome> {
  const job = await heldTimer(unit.tx, jobId, owner);
  if (!job) return 'lost-lock';
  const definition = await timerDefinition(unit.tx, job.definition_id);
  if (!definition) {
    await deleteTimer(unit.tx, job.id);
    return 'dropped';
  }
  await runner.start(unit, { definition, variables: {}, startEventId: job.element_id });
  const model = await runner.models.get(definition.id, unit.tx);
  const following = nextStartTimer(model, job.element_id, new Date(job.due_at), job.payload?.repetitionsLeft ?? null, unit.now, runner.services);
  // Thrown, not dropped: the firing is rolled back and retried, then kept as a TIMER_FAILED incident (timer-failures.ts).
  if (!following.ok) throw new Error(following.message);
  const next = following.next;
  if (next) {
    await rescheduleStartTimer(unit.tx, job.id, new Date(next.dueAt), next.repetitionsLeft ?? null);
  } else {
    await deleteTimer(unit.tx, job.id);
  }
  return 'fired';
}
