import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import type { Engine, IncidentRow } from '../../engine/index.js';
import { IdParams, named, PAGE_QUERY, pageOf, Uuid } from '../schemas.js';

const OPERATORS = ['supervisor', 'staff', 'integrator'] as const;

const Incident = named('Incident', {
  type: 'object',
  properties: {
    id: Uuid,
    processInstanceId: { type: ['string', 'null'], description: 'Null for a timer start event (it names processDefinitionId)' },
    processDefinitionId: { type: ['string', 'null'] },
    department: { type: 'string' },
    elementId: { type: 'string' },
    elementName: { type: ['string', 'null'], description: 'The name of the step the incident stopped at. 发生异常的环节名称' },
    elementInstanceId: { type: ['string', 'null'] },
    errorType: { type: 'string', description: 'EXPRESSION_FAILED, NO_FLOW_TAKEN, JOB_NO_RETRIES, UNHANDLED_ERROR, CALLED_ELEMENT_ERROR, TIMER_FAILED, STEP_BUDGET_EXCEEDED, …' },
    message: { type: 'string' },
    messageZh: { type: 'string' },
    state: { enum: ['active', 'resolved'] },
    jobId: { type: ['string', 'null'] },
    cause: { type: ['object', 'null'], description: 'Job type, worker and its message for job incidents. 原因（作业类型、执行者及其错误信息）。' },
    createdAt: { type: 'string', format: 'date-time' },
    resolvedAt: { type: ['string', 'null'] },
    resolvedBy: { type: ['string', 'null'] },
  },
});

/** The step names of the incidents' models (element ids are not shown to staff). */
async function stepNames(engine: Engine, rows: readonly IncidentRow[]): Promise<(row: IncidentRow) => string | null> {
  const models = new Map<string, ReadonlyMap<string, { name?: string }>>();
  for (const id of new Set(rows.map((row) => row.model_definition_id).filter((id): id is string => !!id))) {
    models.set(id, await engine.elementInfo(id).catch(() => new Map()));
  }
  return (row) => (row.model_definition_id ? (models.get(row.model_definition_id)?.get(row.element_id)?.name ?? null) : null);
}

function incidentDto(row: IncidentRow, elementName: string | null = null) {
  const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);
  return {
    id: row.id,
    processInstanceId: row.instance_id,
    processDefinitionId: row.definition_id ?? null,
    department: row.department,
    elementId: row.element_id,
    elementName,
    elementInstanceId: row.element_instance_id,
    errorType: row.error_type,
    message: row.message,
    messageZh: row.message_zh,
    state: row.state,
    jobId: row.job_id,
    cause: row.data,
    createdAt: iso(row.created_at),
    resolvedAt: iso(row.resolved_at),
    resolvedBy: row.resolved_by,
  };
}

/** Incidents (故障): what stopped an instance, and resolving it once the cause is fixed. */
export function incidentRoutes(api: ApiRouter, { engine }: AppContext): void {
  api.add(
    {
      method: 'get',
      path: '/incidents',
      operationId: 'listIncidents',
      summary: "List your department's incidents",
      summaryZh: '本部门的事件（incident）列表',
      tag: 'Incidents',
      roles: OPERATORS,
      query: {
        type: 'object',
        properties: {
          processInstanceId: { type: 'string', maxLength: 100 },
          state: { enum: ['active', 'resolved'], default: 'active' },
          ...PAGE_QUERY,
        },
        additionalProperties: false,
      },
      response: pageOf(Incident),
    },
    async (req, res) => {
      const query = req.query as { processInstanceId?: string; state?: 'active' | 'resolved'; limit?: number; cursor?: string };
      const page = await engine.pageIncidents(actorOf(req), { instanceId: query.processInstanceId, state: query.state, limit: query.limit, cursor: query.cursor });
      const nameOf = await stepNames(engine, page.items);
      res.json({ ...page, items: page.items.map((row) => incidentDto(row, nameOf(row))) });
    },
  );

  api.add(
    { method: 'get', path: '/incidents/:id', operationId: 'getIncident', summary: 'Get an incident with its cause', summaryZh: '获取事件（incident）及原因', tag: 'Incidents', roles: OPERATORS, params: IdParams, response: Incident },
    async (req, res) => {
      const row = await engine.getIncident(actorOf(req), String(req.params.id));
      res.json(incidentDto(row, (await stepNames(engine, [row]))(row)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/incidents/:id/resolve',
      operationId: 'resolveIncident',
      summary: 'Resolve an incident: a job that ran out of retries, or a timer that failed to fire, gets `retries` (default 1) and runs again; any other incident is retried (fix the variables first)',
      summaryZh: '解决事件（incident）：作业重试次数耗尽或定时器触发失败的，恢复重试次数后重新执行；其他事件（如表达式失败）在修正变量后重试',
      tag: 'Incidents',
      roles: ['supervisor', 'staff', 'integrator'],
      params: IdParams,
      body: { type: 'object', properties: { retries: { type: 'integer', minimum: 1, maximum: 1000 } }, additionalProperties: false },
      response: Incident,
    },
    async (req, res) => {
      res.json(incidentDto(await engine.resolveIncident(actorOf(req), String(req.params.id), { retries: req.body?.retries })));
    },
  );
}
