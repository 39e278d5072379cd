import { seesAllDepartments, type Actor } from '../actor.js';
import { inActorRegion } from '../staff/access.js';
import { EngineError } from '../errors.js';
import { raiseIncident, retryIncident, throwJobError, type Variables } from '../runtime/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner } from '../instances/instance-runner.js';
import { completeWithGatewayInputs } from '../instances/complete-with-inputs.js';
import type { JobRow } from '../store/rows.js';
import { asUuid, notFound } from '../instances/lookups.js';
import { readerFor, rememberInstance } from '../instances/joined-instance.js';
import { jobWithInstance } from '../store/jobs/job-with-instance.js';
import { jobTombstone } from '../store/jobs/job-tombstones.js';
import { lockJobInScope, markJobFailed, resolveJobIncidents, retryJobLater, setJobRetries } from '../store/jobs/job-retries.js';
import type { ClaimedJob } from './claimed-jobs.js';

/**
 * Service-task jobs as workers see them (Zeebe's job lifecycle): activate with a lock,
 * then complete, fail (retries with backoff; an incident when none are left) or throw a
 * BPMN error. Each is one command transaction.
 */

export interface FailInput {
  /** Retries left after this failure (the worker decides, as in Zeebe); 0 raises an incident. */
  retries: number;
  /** The job becomes activatable again after this delay. */
  retryBackoffMs?: number;
  errorMessage?: string;
}

/**
 * Reads an active service job the actor may see, with its instance; a finished or withdrawn job is a
 * conflict. `lock: false` for commands that move the instance: its revision check already makes a
 * second completion fail, so they need no row lock (and no transaction: see CommandUnit).
 *
 * The store reads the job by its id alone and the kind is checked here (store/jobs/job-with-instance.ts says why).
 */
export async function lockJob(unit: CommandUnit, actor: Actor, id: string, options: { lock: boolean } = { lock: true }): Promise<JobRow> {
  const found = await jobWithInstance(readerFor(unit, options), unit, asUuid(id), seesAllDepartments(actor) ? null : actor.department, options);
  // The region half of the scope on the instance read with it (the statement keeps its one plan; see queue-plans.test.ts).
  if (!found || found.kind !== 'service' || !inActorRegion(actor, found.instance.region_path as string | undefined)) throw await finishedOrNotFound(unit, actor, id);
  const { instance, along, ...job } = found;
  rememberInstance(unit, instance, along);
  if (job.state !== 'activated' && job.state !== 'activatable') {
    throw new EngineError('conflict', `Job ${id} is ${job.state}`, `作业已处于“${job.state}”状态`);
  }
  if (job.suspended) throw new EngineError('conflict', `Job ${id} belongs to a suspended instance`, '作业所属的流程实例已挂起');
  return job;
}

/** A job as its claim read it (ClaimedJobs), with its instance and what was read along, instead of lockJob's read. */
export function claimedJob(unit: CommandUnit, claimed: ClaimedJob): JobRow {
  rememberInstance(unit, claimed.instance, claimed.along);
  return claimed.job;
}

/** lockJob's statement (what queue-plans.test.ts explains). */

/** How long a finished job's tombstone answers a retried completion. */
export const JOB_TOMBSTONE_RETENTION_MS = 7 * 24 * 3_600_000;

/**
 * A job that is no longer there: if it finished, a conflict saying by which worker and when
 * (a worker that retries a completion whose answer it lost learns that it did commit), else 404.
 */
async function finishedOrNotFound(unit: CommandUnit, actor: Actor, id: string): Promise<EngineError> {
  const tombstone = await jobTombstone(readerFor(unit, { lock: false }), actor, asUuid(id), seesAllDepartments(actor) ? null : actor.department);
  if (!tombstone) return notFound('job', id);
  const at = new Date(tombstone.finished_at).toISOString();
  const who = tombstone.worker ? `worker ${tombstone.worker}` : tombstone.finished_by;
  const how = tombstone.outcome === 'completed' ? 'completed' : 'ended with a BPMN error';
  const howZh = tombstone.outcome === 'completed' ? '完成' : '以 BPMN 错误结束';
  return new EngineError('conflict', `Job ${id} was already ${how} by ${who} at ${at}; nothing more was done`, `作业已于 ${at} 由 ${who} ${howZh}，本次请求未做任何处理`, [
    { code: `job.already-${tombstone.outcome}`, field: '/id', message: `already ${how} by ${who} at ${at}`, messageZh: `已于 ${at} 由 ${who} ${howZh}` },
  ]);
}

/** Deletes the job row and leaves its tombstone, in the command's statement. */
async function finishJob(unit: CommandUnit, job: JobRow, outcome: 'completed' | 'error-thrown'): Promise<void> {
  const key = `job:${job.instance_id}:${job.element_instance_id}`;
  await unit.defer({ kind: 'delete', table: 'jobs', where: { id: job.id }, key });
  await unit.defer({
    kind: 'insert',
    table: 'job_tombstones',
    values: { id: job.id, instance_id: job.instance_id, department: job.department, type: job.type, worker: job.lock_owner, outcome, finished_by: unit.actor.userId, finished_at: unit.now },
    onConflict: 'ON CONFLICT (id) DO NOTHING',
    key: `tombstone:${job.id}`,
  });
}

export async function completeJob(runner: InstanceRunner, unit: CommandUnit, job: JobRow, variables: Variables): Promise<void> {
  await finishJob(unit, job, 'completed');
  await runner.advanceOrThrow(unit, job.instance_id!, completeWithGatewayInputs(job.element_instance_id!, variables));
}

export async function failJob(runner: InstanceRunner, unit: CommandUnit, job: JobRow, input: FailInput): Promise<JobRow> {
  const { tx, now } = unit;
  const message = input.errorMessage ?? null;
  if (input.retries > 0) {
    const row = await retryJobLater(tx, job.id, input.retries, new Date(now.getTime() + (input.retryBackoffMs ?? 0)), message);
    unit.record(job.instance_id!, job.department, {
      type: 'job.failed',
      elementId: job.element_id,
      elementInstanceId: job.element_instance_id!,
      data: { jobId: job.id, jobType: job.type, retries: input.retries, retryBackoffMs: input.retryBackoffMs ?? 0, errorMessage: message },
    });
    return row;
  }
  const row = await markJobFailed(tx, job.id, message);
  const worker = job.lock_owner ?? unit.actor.userId;
  const why = message ?? 'no message';
  await runner.advanceOrThrow(
    unit,
    job.instance_id!,
    (model, state, at) =>
      raiseIncident(
        model,
        state,
        job.element_instance_id!,
        'JOB_NO_RETRIES',
        `Job of type '${job.type}' failed with no retries left (worker ${worker}): ${why}`,
        `类型为“${job.type}”的作业失败且重试次数已用完（执行者 ${worker}）：${message ?? '无错误信息'}`,
        at,
      ),
    { cause: { jobId: job.id, data: { jobType: job.type, worker, errorMessage: message } } },
  );
  return row;
}

export async function throwErrorForJob(runner: InstanceRunner, unit: CommandUnit, job: JobRow, input: { errorCode: string; errorMessage?: string; variables?: Variables }): Promise<void> {
  await finishJob(unit, job, 'error-thrown');
  await runner.advanceOrThrow(unit, job.instance_id!, (model, state, now, services) =>
    throwJobError(model, state, job.element_instance_id!, input.errorCode, input.errorMessage ?? '', input.variables ?? {}, now, services),
  );
}

/**
 * Gives a failed job new retries: it becomes activatable again and the incident it caused
 * is resolved through the interpreter (the element waits for its job again).
 */
export async function updateJobRetries(runner: InstanceRunner, unit: CommandUnit, actor: Actor, id: string, retries: number): Promise<JobRow> {
  // By its id alone, as in lockJob: the kind is checked here.
  const job = await lockJobInScope(unit.tx, actor, asUuid(id), seesAllDepartments(actor) ? null : actor.department);
  if (!job || job.kind !== 'service') throw notFound('job', id);
  const row = await setJobRetries(unit.tx, job.id, retries, unit.now);
  if (job.state === 'failed') {
    await runner.advanceOrThrow(unit, job.instance_id!, (model, state, now, services) => retryIncident(model, state, job.element_instance_id!, now, services));
    await resolveJobIncidents(unit.tx, job.id, unit.now, actor.userId);
  }
  return row;
}
