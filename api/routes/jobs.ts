import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { jobDto } from '../dto.js';
import { IdParams, Job, listOf, Variables } from '../schemas.js';

/** Service-task jobs for external workers: activate (lock) and complete. */
export function jobRoutes(api: ApiRouter, { engine }: AppContext): void {
  api.add(
    {
      method: 'post',
      path: '/jobs/activate',
      summary: 'Lock up to maxJobs due jobs of a type for a worker',
      summaryZh: '领取作业（加锁）',
      tag: 'Jobs',
      roles: ['integrator'],
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
      res.json({ items: jobs.map(jobDto) });
    },
  );

  api.add(
    {
      method: 'post',
      path: '/jobs/:id/complete',
      summary: 'Complete a job with variables',
      summaryZh: '完成作业',
      tag: 'Jobs',
      roles: ['integrator'],
      params: IdParams,
      body: { type: 'object', properties: { variables: Variables }, additionalProperties: false },
      status: 204,
    },
    async (req, res) => {
      await engine.completeJob(actorOf(req), String(req.params.id), req.body?.variables ?? {});
      res.status(204).end();
    },
  );
}
