import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { nameBook } from '../names.js';
import { IdParams, PAGE_QUERY, pageOf, named } from '../schemas.js';
import { writeCsv } from '../../catalog/index.js';
import { slaOf } from '../../engine/sla/index.js';
import type { SupervisionEntry } from '../../engine/sla/supervision-ledger.js';

const TAG = 'SLA';
const READERS = ['staff', 'supervisor', 'integrator'] as const;
const STATES = ['requested', 'open', 'closed', 'failed'] as const;

const Entry = named('Supervision', {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    processInstanceId: { type: 'string', format: 'uuid' },
    caseBusinessKey: { type: ['string', 'null'] },
    caseProcessId: { type: 'string' },
    caseDepartment: { type: 'string' },
    caseDepartmentName: { type: ['string', 'null'] },
    level: { type: 'integer', minimum: 1, description: '督办级别' },
    kind: { enum: ['automatic', 'manual'], description: 'automatic: the case ran overdue; manual: a supervisor 督办ed it' },
    reason: { type: ['string', 'null'] },
    requestedBy: { type: ['string', 'null'] },
    requestedByName: { type: ['string', 'null'] },
    requestedAt: { type: 'string', format: 'date-time' },
    supervisingDepartment: { type: 'string' },
    responsibleUnit: { type: ['string', 'null'], description: 'The unit the 督办单 is with now. 责任单位' },
    responsibleUnitName: { type: ['string', 'null'] },
    state: { enum: [...STATES], description: 'requested 待发起 · open 挂账 · closed 销号 · failed 发起失败' },
    outcome: { type: ['string', 'null'] },
    supervisionInstanceId: { type: ['string', 'null'] },
    error: { type: ['string', 'null'] },
  },
});

const STATE_ZH: Record<SupervisionEntry['state'], string> = { requested: '待发起', open: '挂账', closed: '销号', failed: '发起失败' };

/** 督办: a supervisor 督办s a case; the ledger (挂账) of 督办 is listed and exported. */
export function supervisionRoutes(api: ApiRouter, { engine }: AppContext): void {
  const { ledger } = slaOf(engine);
  const named = async (entries: SupervisionEntry[]) => {
    const names = await nameBook(engine.staff, entries.map((entry) => entry.requestedBy));
    return entries.map((entry) => ({
      ...entry,
      caseDepartmentName: names.department(entry.caseDepartment),
      requestedByName: names.user(entry.requestedBy),
      responsibleUnitName: names.department(entry.responsibleUnit),
    }));
  };
  const filterQuery = {
    state: { enum: [...STATES] },
    department: { type: 'string', maxLength: 100, description: 'Cases owned by this department' },
    level: { type: 'integer', minimum: 1 },
    processInstanceId: { type: 'string', format: 'uuid' },
  };
  type Filter = { state?: SupervisionEntry['state']; department?: string; level?: number; processInstanceId?: string; limit?: number; cursor?: string };
  const filterOf = (q: Filter) => ({ ...q, ...(q.processInstanceId ? { instanceId: q.processInstanceId } : {}) });

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/supervision',
      operationId: 'superviseProcessInstance',
      summary: '督办 a case now: a 督办单 goes to the unit responsible (or the one named), at the next level, with a reason',
      summaryZh: '对案件发起督办：督办单发送至责任单位（或指定单位），督办级别递增，须填写督办事由',
      tag: TAG,
      roles: ['supervisor'],
      params: IdParams,
      body: {
        type: 'object',
        properties: { reason: { type: 'string', minLength: 2, maxLength: 500 }, responsibleUnit: { type: 'string', minLength: 1, maxLength: 60 } },
        required: ['reason'],
        additionalProperties: false,
      },
      response: Entry,
      status: 201,
    },
    async (req, res) => {
      const entry = await ledger.request(actorOf(req), String(req.params.id), req.body);
      res.status(201).json((await named([entry]))[0]);
    },
  );

  api.add(
    {
      method: 'get',
      path: '/sla/supervisions',
      operationId: 'listSupervisions',
      summary: 'The 督办 ledger: open (挂账), closed (销号), requested or failed 督办 of the cases you may read (city-wide for supervisors)',
      summaryZh: '督办台账：挂账、销号的督办（督办人员可查看全市）',
      tag: TAG,
      roles: READERS,
      query: { type: 'object', properties: { ...filterQuery, ...PAGE_QUERY }, additionalProperties: false },
      response: pageOf(Entry),
    },
    async (req, res) => {
      const page = await ledger.list(actorOf(req), filterOf(req.query as Filter));
      res.json({ ...page, items: await named(page.items) });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/sla/supervisions/export',
      operationId: 'exportSupervisions',
      summary: 'The 督办 ledger as a CSV file (UTF-8 with BOM, for Excel), up to 10,000 rows',
      summaryZh: '导出督办台账（CSV）',
      tag: TAG,
      roles: READERS,
      query: { type: 'object', properties: filterQuery, additionalProperties: false },
      responseMediaTypes: { 'text/csv': { type: 'string', description: 'UTF-8 with BOM, one 督办 per row' } },
    },
    async (req, res) => {
      const page = await ledger.list(actorOf(req), { ...filterOf(req.query as Filter), limit: 10_000 });
      const rows = (await named(page.items)).map((entry) => [
        entry.caseBusinessKey ?? entry.processInstanceId,
        entry.caseDepartmentName ?? entry.caseDepartment,
        String(entry.level),
        entry.kind === 'manual' ? '人工督办' : '超期督办',
        entry.reason ?? '',
        entry.responsibleUnitName ?? entry.responsibleUnit ?? '',
        STATE_ZH[entry.state],
        entry.outcome ?? '',
        new Date(entry.requestedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
        entry.requestedByName ?? entry.requestedBy ?? '系统',
      ]);
      const headers = ['案件编号', '主办部门', '督办级别', '督办类型', '督办事由', '责任单位', '状态', '结果', '督办时间', '发起人'];
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .attachment('督办台账.csv')
        .send(Buffer.concat([Buffer.from('\ufeff'), writeCsv(headers, rows, 'utf-8')]));
    },
  );
}
