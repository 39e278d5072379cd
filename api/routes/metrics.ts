import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { catalogOf } from './catalog-shared.js';
import { METRIC_GROUPS, prometheusText, slaOf, type MetricGroup } from '../../engine/sla/index.js';

const TAG = 'Metrics';
const READERS = ['staff', 'supervisor', 'designer'] as const;

const Distribution = { type: 'object', properties: { count: { type: 'integer' }, avg: { type: ['number', 'null'] }, p50: { type: ['number', 'null'] }, p90: { type: ['number', 'null'] } } };
const Row = {
  type: 'object',
  properties: {
    key: { type: ['string', 'null'] },
    name: { type: ['string', 'null'], description: 'What the key names, for people to read: the department, matter or town name (null when unknown or for months). 名称' },
    cases: { type: 'integer' },
    completed: { type: 'integer' },
    completedOnTime: { type: 'integer' },
    onTimeRate: { type: ['number', 'null'], description: '按时办结率' },
    overdue: { type: 'integer', description: '超期件数（超期办结 + 在办超期）' },
    open: { type: 'integer' },
    openOverdue: { type: 'integer' },
    handlingWorkingDays: Distribution,
    firstResponseHours: { ...Distribution, description: '首次响应用时（小时）：有首次响应时限的案件为派单至签收，其他为受理至首个环节办结' },
    evaluations: { type: 'integer' },
    satisfied: { type: 'integer' },
    satisfactionRate: { type: ['number', 'null'], description: '满意率（非常满意 + 满意 + 基本满意）' },
    unsatisfied: { type: 'integer', description: '差评件数（不满意 + 非常不满意）' },
    rectified: { type: 'integer', description: '差评整改件数' },
    rectificationOverdue: { type: 'integer', description: '整改超期件数（逾期未销号或逾期销号）' },
    reopened: { type: 'integer' },
    reopenRate: { type: ['number', 'null'], description: '重办率' },
    instant: { type: 'integer', description: '秒批件数：由决策表准予、无人工办理的办结件' },
    instantRate: { type: ['number', 'null'], description: '秒批率（秒批件数 / 办结件数）' },
  },
};

/** SLA figures computed from the history: JSON for dashboards, and the Prometheus text at the root /metrics. */
export function metricsRoutes(api: ApiRouter, context: AppContext): void {
  const { engine } = context;
  const sla = slaOf(engine);
  const catalog = catalogOf(context);
  /** Dashboards show names, not codes: a department's, a town's, a matter's (as the catalog names it today). */
  const nameOf = async (groupBy: MetricGroup, key: string | null): Promise<string | null> => {
    if (!key || groupBy === 'month' || groupBy === 'none') return null;
    if (groupBy === 'matter') return catalog.getMatter(key).then((found) => found.document.name, () => null);
    return engine.staff.directory.nameOf(key) ?? null;
  };
  api.add(
    {
      method: 'get',
      path: '/metrics/sla',
      operationId: 'getSlaMetrics',
      summary: 'On-time rate, overdue count, handling time (avg, p50, p90 in working days), first response, satisfaction and reopen rates; by department, matter, region (town) or month',
      summaryZh: '按时办结率、超期件数、办理用时、首次响应、满意率、重办率（按部门/事项/镇街/月份）',
      tag: TAG,
      roles: READERS,
      query: {
        type: 'object',
        properties: {
          groupBy: { enum: [...METRIC_GROUPS], default: 'none' },
          from: { type: 'string', format: 'date-time', description: 'Cases started (受理) at or after.' },
          to: { type: 'string', format: 'date-time', description: 'Cases started before.' },
          department: { type: 'string', maxLength: 100, description: 'Cases owned by this department, among those you may read (every department’s for supervisors). 主办部门筛选' },
          matterCode: { type: 'string', maxLength: 100 },
          region: { type: 'string', maxLength: 100 },
        },
        additionalProperties: false,
      },
      response: { type: 'object', properties: { total: Row, groups: { type: 'array', items: Row } } },
    },
    async (req, res) => {
      const q = req.query as { groupBy: MetricGroup; from?: string; to?: string; department?: string; matterCode?: string; region?: string };
      const report = await sla.metrics.report(actorOf(req), {
        groupBy: q.groupBy,
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
        ...(q.department ? { department: q.department } : {}),
        ...(q.matterCode ? { matterCode: q.matterCode } : {}),
        ...(q.region ? { region: q.region } : {}),
      });
      const groups = await Promise.all(report.groups.map(async (row) => ({ ...row, name: await nameOf(q.groupBy, row.key) })));
      res.json({ ...report, groups });
    },
  );
}

/**
 * GET /metrics for Prometheus: aggregate figures per department, no case data, but every
 * department's counts, so it needs a token: MATTERFLOW_METRICS_TOKEN (what a scraper sends as
 * a bearer token) or an administrator's or supervisor's own token. MATTERFLOW_METRICS_OPEN=true
 * opens it to anyone who can reach the port (a scraper on a private network).
 */
export function prometheusEndpoint({ engine, db, tokens }: AppContext): RequestHandler {
  const sla = slaOf(engine);
  return async (req, res, next) => {
    try {
      if (!(await mayReadMetrics(req.get('authorization'), tokens))) {
        res.status(401).set('WWW-Authenticate', 'Bearer').type('application/problem+json').send(
          JSON.stringify({
            type: 'https://matterflow.dev/problems/unauthenticated',
            title: 'GET /metrics needs MATTERFLOW_METRICS_TOKEN or an administrator\'s or supervisor\'s token as a bearer token',
            titleZh: '访问 /metrics 需要 MATTERFLOW_METRICS_TOKEN 或管理员、督办人员的访问令牌',
            status: 401,
          }),
        );
        return;
      }
      const report = await sla.metrics.report({ userId: 'system:metrics', department: '', roles: ['admin'] }, { groupBy: 'department' });
      res.type('text/plain; version=0.0.4; charset=utf-8').send(await prometheusText(report, db));
    } catch (error) {
      next(error);
    }
  };
}

async function mayReadMetrics(authorization: string | undefined, tokens: AppContext['tokens']): Promise<boolean> {
  if (process.env.MATTERFLOW_METRICS_OPEN === 'true') return true;
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!bearer) return false;
  const configured = process.env.MATTERFLOW_METRICS_TOKEN;
  if (configured && sameText(bearer, configured)) return true;
  const user = await tokens.userForToken(bearer);
  return Boolean(user && (user.roles.includes('admin') || user.roles.includes('supervisor')));
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
