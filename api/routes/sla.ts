import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { IdParams, listOf, PAGE_QUERY, pageOf, wholeList } from '../schemas.js';
import { slaOf, slaProfiles } from '../../engine/sla/index.js';
import { CaseSla, ClockView } from './sla-schemas.js';

const STAFF = ['staff', 'supervisor'] as const;
const TAG = 'SLA';

/** Deadlines of cases and tasks with the working time left, the open clocks by level, the SLA profiles. */
export function slaRoutes(api: ApiRouter, { engine }: AppContext): void {
  const sla = slaOf(engine);

  api.add(
    { method: 'get', path: '/process-instances/:id/sla', operationId: 'getProcessInstanceSla', summary: 'Deadlines of a case and its tasks, with the remaining working time', summaryZh: '案件及环节时限（截止时间、剩余工作日）', tag: TAG, roles: STAFF, params: IdParams, response: CaseSla },
    async (req, res) => {
      res.json(await sla.views.ofInstance(actorOf(req), String(req.params.id)));
    },
  );

  api.add(
    { method: 'get', path: '/user-tasks/:id/sla', operationId: 'getUserTaskSla', summary: 'The step limit of a user task, with the remaining working time', summaryZh: '任务环节时限', tag: TAG, roles: STAFF, params: IdParams, response: listOf(ClockView) },
    async (req, res) => {
      res.json(wholeList(await sla.views.ofTask(actorOf(req), String(req.params.id))));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/sla/clocks',
      operationId: 'listSlaClocks',
      summary: 'Open clocks of the cases you may read (city-wide for supervisors), e.g. every 临期 (warning) or 超期 (overdue) task',
      summaryZh: '可查看案件的临期、超期时限（督办人员可查看全市，可按部门筛选）',
      tag: TAG,
      roles: STAFF,
      query: {
        type: 'object',
        properties: {
          level: { enum: ['normal', 'warning', 'overdue'] },
          subject: { enum: ['case', 'task'] },
          department: { type: 'string', maxLength: 100, description: 'Cases owned by this department. 主办部门' },
          ...PAGE_QUERY,
        },
        additionalProperties: false,
      },
      response: pageOf(ClockView),
    },
    async (req, res) => {
      const q = req.query as { level?: string; subject?: string; department?: string; limit?: number; cursor?: string };
      res.json(await sla.views.list(actorOf(req), q));
    },
  );

  api.add(
    { method: 'get', path: '/sla/profiles', operationId: 'listSlaProfiles', summary: 'SLA profiles (default limits by kind of case) and the rules they come from', summaryZh: '时限规则（12345 诉求类型、行政许可等）及依据', tag: TAG, roles: 'public', response: listOf({ type: 'object' }) },
    async (_req, res) => {
      res.json(wholeList([...slaProfiles().values()]));
    },
  );

  api.add(
    { method: 'post', path: '/sla/recompute', operationId: 'recomputeSlaDeadlines', summary: 'Recompute future deadlines on the current business calendar now (the monitor also does it after each calendar change)', summaryZh: '按当前工作日历重算未到期的时限', tag: TAG, roles: ['admin'], response: { type: 'object', properties: { recomputed: { type: 'integer' } } } },
    async (_req, res) => {
      res.json({ recomputed: await sla.monitor.recomputeAfterCalendarChange() });
    },
  );
}
