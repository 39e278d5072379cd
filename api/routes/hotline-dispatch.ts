import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { taskDto } from '../dto.js';
import { nameBook } from '../names.js';
import { IdParams, listOf, UserTask } from '../schemas.js';
import { DispatchRules } from '../../catalog/dispatch/dispatch-rules.js';
import { dispatchTicket, ticketDispatches } from '../../catalog/dispatch/dispatch-ticket.js';
import type { DispatchOverride, DispatchRecord } from '../../catalog/store/dispatch-store.js';
import { ANY_USER, catalogOf, handled } from './catalog-shared.js';

const TAG = '民意速办';
const RULE_EDITORS = ['catalog-admin', 'admin'] as const;
const Code = { type: 'string', minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9._-]+$' };
const RuleParams = { type: 'object', properties: { matterCode: Code, regionCode: Code }, required: ['matterCode', 'regionCode'] };

const Candidate = {
  type: 'object',
  properties: {
    unit: { type: 'string' },
    unitName: { type: ['string', 'null'] },
    source: { enum: ['catalog', 'override'], description: 'catalog: the implementation entry (实施清单); override: an edited rule' },
    ruleRegion: { type: 'string' },
    ruleVersion: { type: 'integer' },
    implCode: { type: ['string', 'null'] },
  },
  required: ['unit', 'source', 'ruleRegion', 'ruleVersion'],
};
const Override = {
  type: 'object',
  properties: {
    matterCode: { type: 'string' },
    regionCode: { type: 'string' },
    version: { type: 'integer' },
    units: { type: 'array', items: { type: 'string' } },
    changedBy: { type: 'string' },
    reason: { type: 'string' },
    changedAt: { type: 'string', format: 'date-time' },
  },
  required: ['matterCode', 'regionCode', 'version', 'units', 'changedBy', 'reason', 'changedAt'],
};
export const Dispatch = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    processInstanceId: { type: 'string' },
    taskId: { type: 'string' },
    matterCode: { type: 'string' },
    regionCode: { type: 'string' },
    unit: { type: ['string', 'null'], description: 'null: no rule applied; the ticket went to the command centre (人工分拨)' },
    unitName: { type: ['string', 'null'] },
    source: { enum: ['catalog', 'override', 'manual', 'none'] },
    ruleRegion: { type: ['string', 'null'] },
    ruleVersion: { type: ['integer', 'null'] },
    implCode: { type: ['string', 'null'] },
    rank: { type: ['integer', 'null'], description: 'Which unit of the rule (1 = first; a higher one after 退单)' },
    reason: { type: ['string', 'null'] },
    decidedBy: { type: 'string' },
    decidedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'processInstanceId', 'taskId', 'unit', 'source', 'decidedBy', 'decidedAt'],
};

const overrideDto = (row: DispatchOverride) => ({ ...row, changedAt: new Date(row.changedAt).toISOString() });

/** 分拨: the rules (category × region → unit, from the catalog, with versioned overrides) and dispatching a ticket by them. */
export function hotlineDispatchRoutes(api: ApiRouter, context: AppContext): void {
  const catalog = catalogOf(context);
  const rules = new DispatchRules(catalog);
  const unitName = (code: string | null) => (code ? (context.engine.staff.directory.unit(code)?.name ?? context.engine.staff.directory.department(code)?.name ?? null) : null);
  const dispatchDto = (row: DispatchRecord) => {
    const { instanceId, ...rest } = row;
    return { ...rest, processInstanceId: instanceId, unitName: unitName(row.unit), decidedAt: new Date(row.decidedAt).toISOString() };
  };

  api.add(
    { method: 'get', operationId: 'getDispatchRule', path: '/hotline/dispatch-rules/:matterCode/:regionCode', summary: 'The dispatch rule in force for a matter and region: the units in order, nearest region first', summaryZh: '分拨规则（按事项与区划，近者优先）', tag: TAG, roles: ANY_USER, params: RuleParams, response: listOf(Candidate) },
    handled(async (req, res) => {
      const items = await rules.candidates(String(req.params.matterCode), String(req.params.regionCode));
      res.json({ items: items.map((item) => ({ ...item, unitName: unitName(item.unit) })) });
    }),
  );

  api.add(
    {
      method: 'put',
      operationId: 'setDispatchRule',
      path: '/hotline/dispatch-rules/:matterCode/:regionCode',
      summary: 'Override the dispatch rule of a matter and region (a new version with who and why); no units withdraws the override',
      summaryZh: '修改分拨规则（生成新版本，记录修改人与理由；单位为空则恢复按实施清单分拨）',
      tag: TAG,
      roles: RULE_EDITORS,
      params: RuleParams,
      body: {
        type: 'object',
        properties: { units: { type: 'array', items: Code, maxItems: 20 }, reason: { type: 'string', minLength: 2, maxLength: 500 } },
        required: ['units', 'reason'],
        additionalProperties: false,
      },
      response: Override,
      status: 201,
    },
    handled(async (req, res) => {
      const body = req.body as { units: string[]; reason: string };
      const row = await rules.setOverride(actorOf(req), { matterCode: String(req.params.matterCode), regionCode: String(req.params.regionCode), units: body.units, reason: body.reason });
      res.status(201).json(overrideDto(row));
    }),
  );

  api.add(
    { method: 'get', operationId: 'listDispatchRuleVersions', path: '/hotline/dispatch-rules/:matterCode/:regionCode/versions', summary: 'Every version of the override of a matter and region', summaryZh: '分拨规则修改记录', tag: TAG, roles: ANY_USER, params: RuleParams, response: listOf(Override) },
    handled(async (req, res) => {
      res.json({ items: (await rules.history(String(req.params.matterCode), String(req.params.regionCode))).map(overrideDto) });
    }),
  );

  api.add(
    {
      method: 'post',
      operationId: 'dispatchUserTask',
      path: '/user-tasks/:id/dispatch',
      summary: 'Dispatch (分拨) the ticket from its dispatch step: by the rule (the next unit after a 退单), or to the unit named with a reason (人工分拨); with no rule left the step goes to the command centre (指挥中心)',
      summaryZh: '分拨工单：按规则确定承办单位（退单后按下一规则），或人工指定单位；无规则时转指挥中心人工分拨',
      tag: TAG,
      roles: ['staff'],
      params: IdParams,
      body: { type: 'object', properties: { unit: Code, reason: { type: 'string', minLength: 2, maxLength: 500 } }, additionalProperties: false },
      response: { type: 'object', properties: { dispatched: { type: 'boolean' }, dispatch: Dispatch, task: UserTask }, required: ['dispatched', 'dispatch', 'task'] },
    },
    handled(async (req, res) => {
      const actor = actorOf(req);
      const outcome = await dispatchTicket(catalog, actor, String(req.params.id), (req.body ?? {}) as { unit?: string; reason?: string });
      const names = await nameBook(context.engine.staff, [outcome.task.assignee, outcome.task.completed_by]);
      res.json({ dispatched: outcome.dispatched, dispatch: dispatchDto(outcome.record), task: taskDto(outcome.task, undefined, names) });
    }),
  );

  api.add(
    { method: 'get', operationId: 'listDispatches', path: '/process-instances/:id/dispatches', summary: 'The dispatches of a ticket and the rule in force at each', summaryZh: '工单分拨记录（含当时适用的规则）', tag: TAG, roles: ['staff', 'supervisor', 'integrator'], params: IdParams, response: listOf(Dispatch) },
    handled(async (req, res) => {
      const instance = await context.engine.getInstance(actorOf(req), String(req.params.id));
      res.json({ items: (await ticketDispatches(catalog, instance.id)).map(dispatchDto) });
    }),
  );
}
