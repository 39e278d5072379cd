import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { instanceDto } from '../dto.js';
import { Problem } from '../http/problem.js';
import { IdParams, named } from '../schemas.js';
import { EVALUATION_RESULTS, slaOf, type EvaluationResult, type EvaluationRow } from '../../engine/sla/index.js';

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
  },
});

function evaluationDto(row: EvaluationRow) {
  return {
    processInstanceId: row.instance_id,
    result: row.result,
    comment: row.comment,
    evaluatedBy: row.evaluated_by,
    evaluatedAt: new Date(row.evaluated_at).toISOString(),
    reopenRequested: row.reopen_requested,
    reopenedInstanceId: row.reopened_instance_id,
  };
}

/** The citizen's evaluation (回访评价) of a finished case; 不满意 reopens it (不满意重办) unless reopen is false. */
export function evaluationRoutes(api: ApiRouter, { engine }: AppContext): void {
  const sla = slaOf(engine);

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/evaluation',
      operationId: 'createEvaluation',
      summary: 'Record the evaluation of a finished case (409 when it is not finished or already evaluated); 不满意 reopens it as a new linked instance with its own SLA',
      summaryZh: '记录办结案件的评价（满意/基本满意/不满意）；不满意时重办',
      tag: TAG,
      roles: RECORDERS,
      params: IdParams,
      body: {
        type: 'object',
        properties: {
          result: { enum: [...EVALUATION_RESULTS] },
          comment: { type: 'string', maxLength: 2000 },
          reopen: { type: 'boolean', description: 'For 不满意: reopen the case (default true).' },
        },
        required: ['result'],
        additionalProperties: false,
      },
      response: { type: 'object', properties: { evaluation: Evaluation, reopened: { type: ['object', 'null'] } } },
      status: 201,
    },
    async (req, res) => {
      const body = req.body as { result: EvaluationResult; comment?: string; reopen?: boolean };
      const outcome = await sla.evaluations.evaluate(actorOf(req), String(req.params.id), body);
      res.status(201).json({ evaluation: evaluationDto(outcome.evaluation), reopened: outcome.reopened ? instanceDto(outcome.reopened) : null });
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
}
