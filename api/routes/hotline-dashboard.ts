import type { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { named, pageOf, PAGE_QUERY } from '../schemas.js';
import { DASHBOARD_GROUPS, HotlineDashboard, type DashboardGroup, type RateRow } from '../../catalog/dashboard/hotline-dashboard.js';
import type { DashboardScope } from '../../catalog/store/dashboard-store.js';
import { catalogOf, handled, offsetOf, rankedPage } from './catalog-shared.js';

const TAG = '民意速办';
const READERS = ['staff', 'supervisor', 'admin'] as const;
const Code = { type: 'string', minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9._-]+$' };
const SCOPE_QUERY = {
  from: { type: 'string', format: 'date-time', description: 'Tickets taken in from (default 30 days before `to`). 受理时间起' },
  to: { type: 'string', format: 'date-time', description: 'Tickets taken in before (default now). 受理时间止' },
  town: { ...Code, description: 'One town (镇街) and its villages; none for the whole city. 镇街区划代码' },
};

const RateLine = named('HotlineRateRow', {
  type: 'object',
  description: 'On-time and satisfaction rates of a group of tickets. 按时办结率与满意率',
  properties: {
    key: { type: ['string', 'null'], description: 'The matter, town or unit code (null: not dispatched, or no town)' },
    name: { type: 'string' },
    tickets: { type: 'integer', description: '工单数' },
    completed: { type: 'integer', description: '办结数（有时限的首次办理）' },
    onTime: { type: 'integer', description: '按时办结数' },
    onTimeRate: { type: ['number', 'null'], description: '按时办结率' },
    openOverdue: { type: 'integer', description: '在办超期数' },
    evaluations: { type: 'integer', description: '评价数（以重办后的最终评价计）' },
    satisfied: { type: 'integer', description: '满意数（非常满意、满意、基本满意）' },
    satisfactionRate: { type: ['number', 'null'], description: '满意率' },
    reopened: { type: 'integer', description: '重办数' },
    rectified: { type: 'integer', description: '整改数' },
    rectificationOverdue: { type: 'integer', description: '整改超期数' },
  },
  required: ['key', 'name', 'tickets', 'completed', 'onTime', 'onTimeRate', 'openOverdue', 'evaluations', 'satisfied', 'satisfactionRate', 'reopened', 'rectified', 'rectificationOverdue'],
});
const Summary = named('HotlineDashboard', {
  type: 'object',
  properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' }, town: { type: ['string', 'null'] }, total: RateLine },
  required: ['from', 'to', 'town', 'total'],
});
const HotSpotLine = named('HotSpotRow', {
  type: 'object',
  properties: {
    matterCode: { type: 'string' },
    matterName: { type: 'string' },
    town: { type: ['string', 'null'] },
    townName: { type: 'string' },
    counts: { type: 'array', items: { type: 'integer' }, description: 'Tickets per week, in the order of weeks. 每周工单数' },
    total: { type: 'integer' },
    rise: { type: 'integer', description: 'Last week minus the week before. 末周较前一周增加' },
  },
  required: ['matterCode', 'matterName', 'town', 'townName', 'counts', 'total', 'rise'],
});
const HotSpotTable = named('HotSpots', {
  type: 'object',
  properties: {
    weeks: { type: 'array', items: { type: 'string', format: 'date' }, description: 'The Monday of each week (China time). 各周周一' },
    rows: { type: 'array', items: HotSpotLine, maxItems: 50, description: 'The busiest category × town pairs. 热点（类别 × 镇街）' },
    rising: { type: 'array', items: HotSpotLine, maxItems: 50, description: 'The pairs rising most in the last week. 上升最快' },
  },
  required: ['weeks', 'rows', 'rising'],
});

/** The 12345 dashboards (city and town): rates overall and by category, town or unit; hot spots by week. */
export function hotlineDashboardRoutes(api: ApiRouter, context: AppContext): void {
  const dashboard = new HotlineDashboard(catalogOf(context));
  const scopeOf = (req: Parameters<typeof actorOf>[0]): Promise<DashboardScope> => {
    const q = req.query as { from?: string; to?: string; town?: string };
    return dashboard.scope(actorOf(req), { ...(q.from ? { from: new Date(q.from) } : {}), ...(q.to ? { to: new Date(q.to) } : {}), ...(q.town ? { town: q.town } : {}) });
  };
  const scopeDto = (scope: DashboardScope) => ({ from: scope.from.toISOString(), to: scope.to.toISOString(), town: scope.town ?? null });

  api.add(
    {
      method: 'get',
      operationId: 'getHotlineDashboard',
      path: '/hotline/dashboard',
      summary: 'The 12345 dashboard of the city or a town: on-time and satisfaction rates of the tickets taken in in the period (those the caller may read: a town user their town, supervisors all)',
      summaryZh: '民意速办看板：按时办结率、满意率（镇街用户看本镇街，市级与督办看全市）',
      tag: TAG,
      roles: READERS,
      query: { type: 'object', properties: SCOPE_QUERY, additionalProperties: false },
      response: Summary,
    },
    handled(async (req, res) => {
      const scope = await scopeOf(req);
      res.json({ ...scopeDto(scope), total: await dashboard.summary(actorOf(req), scope) });
    }),
  );

  api.add(
    {
      method: 'get',
      operationId: 'listHotlineRates',
      path: '/hotline/dashboard/rates',
      summary: 'On-time and satisfaction rates by category (matter), town or handling unit, most tickets first',
      summaryZh: '按类别、镇街或承办单位的按时办结率与满意率',
      tag: TAG,
      roles: READERS,
      query: {
        type: 'object',
        properties: { ...SCOPE_QUERY, groupBy: { enum: [...DASHBOARD_GROUPS], default: 'category' }, limit: PAGE_QUERY.limit, offset: { type: 'integer', minimum: 0, maximum: 100000 }, cursor: PAGE_QUERY.cursor },
        additionalProperties: false,
      },
      response: pageOf(RateLine),
    },
    handled(async (req, res) => {
      const scope = await scopeOf(req);
      const q = req.query as { groupBy?: DashboardGroup; limit?: number };
      const all: RateRow[] = await dashboard.rates(actorOf(req), scope, q.groupBy ?? 'category');
      const offset = offsetOf(req);
      const limit = Number(q.limit ?? 100);
      res.json(rankedPage({ items: all.slice(offset ?? 0, (offset ?? 0) + limit), total: all.length }, offset));
    }),
  );

  api.add(
    {
      method: 'get',
      operationId: 'getHotlineHotSpots',
      path: '/hotline/dashboard/hot-spots',
      summary: 'Hot spots: tickets by category × town and week; the busiest pairs and those rising most in the last week',
      summaryZh: '热点：类别 × 镇街的每周工单数，及末周上升最快的热点',
      tag: TAG,
      roles: READERS,
      query: { type: 'object', properties: { ...SCOPE_QUERY, top: { type: 'integer', minimum: 1, maximum: 50, default: 15 } }, additionalProperties: false },
      response: HotSpotTable,
    },
    handled(async (req, res) => {
      const scope = await scopeOf(req);
      res.json(await dashboard.hotSpots(actorOf(req), scope, Number((req.query as { top?: number }).top ?? 15)));
    }),
  );
}
