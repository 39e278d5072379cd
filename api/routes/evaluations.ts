import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { instanceDto } from '../dto.js';
import { Problem } from '../http/problem.js';
import { IdParams, listOf, named, wholeList } from '../schemas.js';
import { rectificationOverdue } from '../../engine/sla/rectifications.js';
import { EVALUATION_CHANNELS, EVALUATION_REMEDIES, EVALUATION_RESULTS, slaOf, type EvaluationInput, type EvaluationRow, type RectificationRow } from '../../engine/sla/index.js';

const TAG = 'SLA';
const RECORDERS = ['staff', 'supervisor', 'integrator'] as const;

const Evaluation = named('Evaluation', {
  type: 'object',
  properties: {
    processInstanceId: { type: 'string' },
    result: { enum: [...EVALUATION_RESULTS] },
    comment: { type: ['string', 'null'] },
    evaluatedBy: { type: 'string' },
    evaluatedAt: { type: 'string', format: 'date-time' },
    reopenRequested: { type: 'boolean' },
    reopenedInstanceId: { type: ['string', 'null'] },
    channel: { enum: [...EVALUATION_CHANNELS], description: 'citizen 群众渠道评价 · visit 回访' },
    remedy: { enum: [...EVALUATION_REMEDIES, null], description: 'reopen 重办 · rectify 整改 (for 不满意/非常不满意)' },
  },
});

const Rectification = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    processInstanceId: { type: 'string' },
    department: { type: 'string' },
    reason: { type: 'string' },
    state: { enum: ['open', 'closed'], description: 'open 整改中 · closed 已销号' },
    openedBy: { type: 'string' },
    openedAt: { type: 'string', format: 'date-time' },
    closedBy: { type: ['string', 'null'] },
    closedAt: { type: ['string', 'null'], format: 'date-time' },
    outcome: { type: ['string', 'null'] },
    limitWorkingDays: { type: ['integer', 'null'], description: '整改时限（工作日）' },
    dueAt: { type: ['string', 'null'], format: 'date-time', description: '整改期限' },
    overdue: { type: 'boolean', description: 'Past its deadline: still open after it, or closed after it. 整改超期' },
  },
  required: ['id', 'processInstanceId', 'state', 'reason', 'overdue'],
};

function rectificationDto(row: RectificationRow, now: Date) {
  return {
    id: row.id,
    processInstanceId: row.instance_id,
    department: row.department,
    reason: row.reason,
    state: row.state,
    openedBy: row.opened_by,
    openedAt: new Date(row.opened_at).toISOString(),
    closedBy: row.closed_by,
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    outcome: row.outcome,
    limitWorkingDays: row.limit_working_days,
    dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
    overdue: rectificationOverdue(row, now),
  };
}

function evaluationDto(row: EvaluationRow) {
  return {
    processInstanceId: row.instance_id,
    result: row.result,
    comment: row.comment,
    evaluatedBy: row.evaluated_by,
    evaluatedAt: new Date(row.evaluated_at).toISOString(),
    reopenRequested: row.reopen_requested,
    reopenedInstanceId: row.reopened_instance_id,
    channel: row.channel,
    remedy: row.remedy,
  };
}

/**
 * The citizen's evaluation (好差评, five levels) of a finished case, from the citizen's channel or a 回访; a 差评
 * reopens it (不满意重办) unless reopen is false, or opens a rectification (整改) with remedy rectify.
 */
export function evaluationRoutes(api: ApiRouter, { engine }: AppContext): void {
  const sla = slaOf(engine);

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/evaluation',
      operationId: 'createEvaluation',
      summary: 'Record the evaluation (好差评, five levels) of a finished case (409 when it is not finished or already evaluated); 不满意/非常不满意 reopens it as a new linked instance with its own SLA, or opens a rectification (remedy rectify)',
      summaryZh: '记录办结案件的好差评（非常满意/满意/基本满意/不满意/非常不满意）；差评重办或整改',
      tag: TAG,
      roles: RECORDERS,
      params: IdParams,
      body: {
        type: 'object',
        properties: {
          result: { enum: [...EVALUATION_RESULTS] },
          comment: { type: 'string', maxLength: 2000 },
          reopen: { type: 'boolean', description: 'For 不满意/非常不满意: reopen the case (default true).' },
          remedy: { enum: [...EVALUATION_REMEDIES], description: 'For 不满意/非常不满意: reopen 重办 (default) or rectify 整改' },
          channel: { enum: [...EVALUATION_CHANNELS], description: 'Default: citizen for an integrator (the citizen’s channel), visit for staff (回访)' },
        },
        required: ['result'],
        additionalProperties: false,
      },
      response: { type: 'object', properties: { evaluation: Evaluation, reopened: { type: ['object', 'null'] }, rectification: { oneOf: [Rectification, { type: 'null' }] } } },
      status: 201,
    },
    async (req, res) => {
      const outcome = await sla.evaluations.evaluate(actorOf(req), String(req.params.id), req.body as EvaluationInput);
      res.status(201).json({
        evaluation: evaluationDto(outcome.evaluation),
        reopened: outcome.reopened ? instanceDto(outcome.reopened) : null,
        rectification: outcome.rectification ? rectificationDto(outcome.rectification, engine.clock.now()) : null,
      });
    },
  );

  api.add(
    { method: 'get', path: '/process-instances/:id/evaluation', operationId: 'getEvaluation', summary: 'The evaluation of a case', summaryZh: '案件评价', tag: TAG, roles: [...RECORDERS], params: IdParams, response: Evaluation },
    async (req, res) => {
      const row = await sla.evaluations.get(actorOf(req), String(req.params.id));
      if (!row) throw new Problem(404, 'The case has not been evaluated', '该案件尚未评价');
      res.json(evaluationDto(row));
    },
  );

  api.add(
    { method: 'get', operationId: 'listRectifications', path: '/process-instances/:id/rectifications', summary: 'The rectifications (整改) opened on a case after a bad evaluation', summaryZh: '案件的差评整改事项', tag: TAG, roles: [...RECORDERS], params: IdParams, response: listOf(Rectification) },
    async (req, res) => {
      res.json(wholeList((await sla.rectifications.ofCase(actorOf(req), String(req.params.id))).map((row) => rectificationDto(row, engine.clock.now()))));
    },
  );

  api.add(
    {
      method: 'post',
      operationId: 'closeRectification',
      path: '/rectifications/:id/close',
      summary: 'Close (销号) a rectification with what was done; only the department that owns the case',
      summaryZh: '整改销号（填写整改情况）',
      tag: TAG,
      roles: ['staff'],
      params: IdParams,
      body: { type: 'object', properties: { outcome: { type: 'string', minLength: 2, maxLength: 2000 } }, required: ['outcome'], additionalProperties: false },
      response: Rectification,
    },
    async (req, res) => {
      res.json(rectificationDto(await sla.rectifications.close(actorOf(req), String(req.params.id), req.body as { outcome: string }), engine.clock.now()));
    },
  );
}
