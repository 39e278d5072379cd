import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { jobDto } from '../dto.js';
import { IdParams, Job, listOf, Variables, wholeList } from '../schemas.js';

const WORKERS = ['integrator'] as const;

/** Service-task jobs for external workers: activate (lock), complete, fail, throw a BPMN error; retries for operators. */
export function jobRoutes(api: ApiRouter, { engine }: AppContext): void {
  api.add(
    {
      method: 'post',
      path: '/jobs/activate',
      operationId: 'activateJobs',
      summary: 'Lock up to maxJobs due jobs of a type for a worker; no two workers ever get the same job',
      summaryZh: '领取作业（加锁，多个执行者不会领到同一作业）',
      tag: 'Jobs',
      roles: WORKERS,
      body: {
        type: 'object',
        properties: {
          type: { type: 'string', minLength: 1, maxLength: 200 },
          worker: { type: 'string', minLength: 1, maxLength: 200 },
          maxJobs: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
          lockMs: { type: 'integer', minimum: 1000, maximum: 3_600_000, default: 300_000 },
        },
        required: ['type', 'worker'],
        additionalProperties: false,
      },
      response: listOf(Job),
    },
    async (req, res) => {
      const { type, worker, maxJobs, lockMs } = req.body;
      const jobs = await engine.activateJobs(actorOf(req), { type, worker, max: maxJobs, lockMs });
      res.json(wholeList(jobs.map(jobDto)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/jobs/:id/complete',
      operationId: 'completeJob',
      summary: 'Complete a job with variables; the instance moves on to its next wait state',
      summaryZh: '完成作业',
      tag: 'Jobs',
      roles: WORKERS,
      params: IdParams,
      body: { type: 'object', properties: { variables: Variables }, additionalProperties: false },
      status: 204,
    },
    async (req, res) => {
      await engine.completeJob(actorOf(req), String(req.params.id), req.body?.variables ?? {});
      res.status(204).end();
    },
  );

  api.add(
    {
      method: 'post',
      path: '/jobs/:id/fail',
      operationId: 'failJob',
      summary: 'Report a failed attempt: the job is retried after retryBackoffMs while retries > 0; retries = 0 raises an incident naming the job type and your message',
      summaryZh: '报告作业失败：仍有重试次数时按退避时间重试；重试次数为 0 时产生事件（incident）',
      tag: 'Jobs',
      roles: WORKERS,
      params: IdParams,
      body: {
        type: 'object',
        properties: {
          retries: { type: 'integer', minimum: 0, maximum: 1000, description: 'Retries left after this failure. 剩余重试次数。' },
          retryBackoffMs: { type: 'integer', minimum: 0, maximum: 30 * 24 * 3_600_000, default: 0 },
          errorMessage: { type: 'string', maxLength: 4000 },
        },
        required: ['retries'],
        additionalProperties: false,
      },
      response: Job,
    },
    async (req, res) => {
      const { retries, retryBackoffMs, errorMessage } = req.body;
      res.json(jobDto(await engine.failJob(actorOf(req), String(req.params.id), { retries, retryBackoffMs, errorMessage })));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/jobs/:id/throw-error',
      operationId: 'throwJobError',
      summary: 'Throw a BPMN error for the job: an error boundary or event subprocess with that code catches it, else an incident is raised',
      summaryZh: '抛出 BPMN 错误：由对应错误边界事件或事件子流程捕获，否则产生事件（incident）',
      tag: 'Jobs',
      roles: WORKERS,
      params: IdParams,
      body: {
        type: 'object',
        properties: {
          errorCode: { type: 'string', minLength: 1, maxLength: 200 },
          errorMessage: { type: 'string', maxLength: 4000 },
          variables: Variables,
        },
        required: ['errorCode'],
        additionalProperties: false,
      },
      status: 204,
    },
    async (req, res) => {
      const { errorCode, errorMessage, variables } = req.body;
      await engine.throwJobError(actorOf(req), String(req.params.id), { errorCode, errorMessage, variables });
      res.status(204).end();
    },
  );

  api.add(
    {
      method: 'post',
      path: '/jobs/:id/retries',
      operationId: 'setJobRetries',
      summary: 'Set the retries of a job; a job that had run out becomes activatable again and its incident is resolved',
      summaryZh: '设置作业重试次数（已耗尽的作业重新可领取，其事件随之解决）',
      tag: 'Jobs',
      roles: ['supervisor', 'integrator'],
      params: IdParams,
      body: { type: 'object', properties: { retries: { type: 'integer', minimum: 1, maximum: 1000 } }, required: ['retries'], additionalProperties: false },
      response: Job,
    },
    async (req, res) => {
      res.json(jobDto(await engine.updateJobRetries(actorOf(req), String(req.params.id), req.body.retries)));
    },
  );
}
