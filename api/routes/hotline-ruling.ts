import type { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { taskDto } from '../dto.js';
import { nameBook } from '../names.js';
import { IdParams, listOf, named, UserTask, wholeList } from '../schemas.js';
import type { CaseRuling } from '../../engine/index.js';
import { contestAssignment, decideDispute, ticketRulings } from '../../catalog/dispatch/quick-ruling.js';
import { catalogOf, handled } from './catalog-shared.js';
import { Dispatch } from './hotline-dispatch.js';

const TAG = '民意速办';
const Code = { type: 'string', minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9._-]+$' };
const Reason = { type: 'string', minLength: 2, maxLength: 500 };

const QuickRuling = named('QuickRuling', {
  type: 'object',
  description: '快处快裁: the command centre’s binding decision on which unit handles a disputed ticket',
  properties: {
    id: { type: 'string' },
    processInstanceId: { type: 'string' },
    unit: { type: 'string', description: 'The unit that must handle the ticket' },
    unitName: { type: ['string', 'null'] },
    disputedBy: { type: 'array', items: { type: 'string' }, description: 'The units the ticket had been dispatched to before the decision' },
    disputedByNames: { type: 'array', items: { type: 'string' } },
    reason: { type: 'string' },
    decidedBy: { type: 'string' },
    decidedAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'processInstanceId', 'unit', 'disputedBy', 'reason', 'decidedBy', 'decidedAt'],
});
const RulingResult = named('QuickRulingResult', {
  type: 'object',
  properties: { ruling: QuickRuling, dispatch: Dispatch, task: UserTask },
  required: ['ruling', 'dispatch', 'task'],
});

/** 快处快裁: a unit contests its assignment; the command centre decides, bindingly, who handles the ticket. */
export function hotlineRulingRoutes(api: ApiRouter, context: AppContext): void {
  const catalog = catalogOf(context);
  const directory = () => context.engine.staff.directory;
  const unitName = (code: string | null) => (code ? (directory().unit(code)?.name ?? directory().department(code)?.name ?? null) : null);
  const rulingDto = (row: CaseRuling) => ({
    id: row.id,
    processInstanceId: row.instanceId,
    unit: row.unitCode,
    unitName: unitName(row.unitCode),
    disputedBy: row.disputedBy,
    disputedByNames: row.disputedBy.map((code) => unitName(code) ?? code),
    reason: row.reason,
    decidedBy: row.decidedBy,
    decidedAt: new Date(row.decidedAt).toISOString(),
  });

  api.add(
    {
      method: 'post',
      operationId: 'contestUserTask',
      path: '/user-tasks/:id/contest',
      summary: 'The receiving unit contests the assignment: the ticket goes back (退单, within the limit) and its dispatch step to the command centre (指挥中心) for a binding decision (快处快裁)',
      summaryZh: '对分派提出异议：退回工单并提请指挥中心快处快裁',
      tag: TAG,
      roles: ['staff'],
      params: IdParams,
      body: { type: 'object', properties: { reason: Reason }, required: ['reason'], additionalProperties: false },
      response: UserTask,
    },
    handled(async (req, res) => {
      const task = await contestAssignment(catalog, actorOf(req), String(req.params.id), req.body as { reason: string });
      const names = await nameBook(context.engine.staff, [task.assignee, task.completed_by]);
      res.json(taskDto(task, undefined, names));
    }),
  );

  api.add(
    {
      method: 'post',
      operationId: 'decideQuickRuling',
      path: '/process-instances/:id/quick-ruling',
      summary: '快处快裁: the command centre decides which unit must handle a disputed ticket; the ticket is dispatched there and that unit can no longer send it back',
      summaryZh: '快处快裁：指挥中心裁定承办单位（裁定后该单位不得再退单）',
      tag: TAG,
      roles: ['staff'],
      params: IdParams,
      body: { type: 'object', properties: { unit: Code, reason: Reason }, required: ['unit', 'reason'], additionalProperties: false },
      response: RulingResult,
      status: 201,
    },
    handled(async (req, res) => {
      const outcome = await decideDispute(catalog, actorOf(req), String(req.params.id), req.body as { unit: string; reason: string });
      const names = await nameBook(context.engine.staff, [outcome.task.assignee, outcome.task.completed_by]);
      const { instanceId, ...dispatch } = outcome.dispatch;
      res.status(201).json({
        ruling: rulingDto(outcome.ruling),
        dispatch: { ...dispatch, processInstanceId: instanceId, unitName: unitName(dispatch.unit), decidedAt: new Date(dispatch.decidedAt).toISOString() },
        task: taskDto(outcome.task, undefined, names),
      });
    }),
  );

  api.add(
    { method: 'get', operationId: 'listQuickRulings', path: '/process-instances/:id/quick-rulings', summary: 'The command centre’s decisions (快处快裁) on a ticket', summaryZh: '工单的快处快裁记录', tag: TAG, roles: ['staff', 'supervisor', 'integrator'], params: IdParams, response: listOf(QuickRuling) },
    handled(async (req, res) => {
      const items = (await ticketRulings(catalog, actorOf(req), String(req.params.id))).map(rulingDto);
      res.json(wholeList(items));
    }),
  );
}
