import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import type { DecisionDefinitionRow, DecisionEvaluationRecord } from '../../engine/dmn/deployed-decisions.js';
import { IdParams, listOf, Uuid, Variables } from '../schemas.js';

const TAG = 'Decisions';
const READERS = ['designer', 'integrator', 'staff', 'supervisor'] as const;

const DecisionDefinition = {
  type: 'object',
  properties: {
    key: Uuid,
    decisionId: { type: 'string' },
    name: { type: ['string', 'null'] },
    version: { type: 'integer' },
    versionTag: { type: ['string', 'null'] },
    department: { type: 'string' },
    deploymentId: Uuid,
    decisionRequirementsKey: Uuid,
    decisionRequirementsId: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    xml: { type: 'string', description: 'The DMN file the decision belongs to (GET one decision)' },
  },
};

const NamedValue = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, value: {} } };
const MatchedRule = { type: 'object', properties: { ruleId: { type: 'string' }, ruleIndex: { type: 'integer' }, outputs: { type: 'array', items: NamedValue } } };

const Evaluation = {
  type: 'object',
  properties: {
    decisionKey: Uuid,
    decisionId: { type: 'string' },
    decisionName: { type: ['string', 'null'] },
    decisionVersion: { type: 'integer' },
    versionTag: { type: ['string', 'null'] },
    decisionRequirementsId: { type: 'string' },
    result: { description: 'The decision result: a value (one output), a context (several outputs), a list (COLLECT, RULE ORDER, OUTPUT ORDER) or null (no rule matched)' },
    inputs: { type: 'array', items: NamedValue },
    matchedRules: { type: 'array', items: MatchedRule },
    evaluatedDecisions: { type: 'array', items: { type: 'object', description: 'Every decision evaluated, required decisions first' } },
  },
};

function decisionDto(row: DecisionDefinitionRow & { xml?: string; requirements_id?: string }) {
  return {
    key: row.id,
    decisionId: row.decision_id,
    name: row.name,
    version: row.version,
    versionTag: row.version_tag,
    department: row.department,
    deploymentId: row.deployment_id,
    decisionRequirementsKey: row.requirements_key,
    ...(row.requirements_id !== undefined ? { decisionRequirementsId: row.requirements_id } : {}),
    createdAt: row.created_at instanceof Date ? row.created_at.toISOString() : String(row.created_at),
    ...(row.xml !== undefined ? { xml: row.xml } : {}),
  };
}

function evaluationDto(record: DecisionEvaluationRecord) {
  return {
    decisionKey: record.decisionKey,
    decisionId: record.decisionId,
    decisionName: record.decisionName,
    decisionVersion: record.decisionVersion,
    versionTag: record.versionTag,
    decisionRequirementsId: record.decisionRequirementsId,
    result: record.result,
    inputs: record.inputs,
    matchedRules: record.matchedRules,
    evaluatedDecisions: record.evaluatedDecisions,
  };
}

/**
 * DMN decisions (deployed through POST /deployments, alone or with a BPMN file): the list of
 * the department's decisions, one with its XML, and a direct evaluation for integrators.
 */
export function decisionRoutes(api: ApiRouter, { engine }: AppContext): void {
  api.add(
    {
      method: 'get',
      operationId: 'listDecisionDefinitions',
      path: '/decision-definitions',
      summary: 'List the decisions of your department, every version, newest first',
      summaryZh: '列出本部门的决策定义（各版本）',
      tag: TAG,
      roles: READERS,
      query: { type: 'object', properties: { decisionId: { type: 'string', minLength: 1, maxLength: 200 } }, additionalProperties: false },
      response: listOf(DecisionDefinition),
    },
    async (req, res) => {
      const rows = await engine.listDecisions(actorOf(req), { decisionId: req.query.decisionId as string | undefined });
      res.json({ items: rows.map((row) => decisionDto(row)) });
    },
  );

  api.add(
    {
      method: 'get',
      operationId: 'getDecisionDefinition',
      path: '/decision-definitions/:id',
      summary: 'A decision definition (by its key) with the XML of its DMN file',
      summaryZh: '获取决策定义及其 DMN XML',
      tag: TAG,
      roles: READERS,
      params: IdParams,
      response: DecisionDefinition,
    },
    async (req, res) => {
      res.json(decisionDto(await engine.getDecision(actorOf(req), String(req.params.id))));
    },
  );

  api.add(
    {
      method: 'post',
      operationId: 'evaluateDecision',
      path: '/decision-definitions/:id/evaluation',
      summary: 'Evaluate a decision of your department by its decision id: the latest version, or the version or version tag asked for. Returns the result and the rules that matched',
      summaryZh: '直接对本部门的决策求值（按决策 ID；默认最新版本），返回结果与命中的规则',
      tag: TAG,
      roles: ['integrator', 'designer', 'staff'],
      params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['id'] },
      body: {
        type: 'object',
        properties: {
          variables: Variables,
          version: { type: 'integer', minimum: 1 },
          versionTag: { type: 'string', minLength: 1, maxLength: 100 },
        },
        // One or the other, not both (the properties are named again so the schema says what it requires).
        not: { properties: { version: {}, versionTag: {} }, required: ['version', 'versionTag'] },
        additionalProperties: false,
      },
      response: Evaluation,
    },
    async (req, res) => {
      const body = (req.body ?? {}) as { variables?: Record<string, never>; version?: number; versionTag?: string };
      const { record } = await engine.evaluateDecision(actorOf(req), String(req.params.id), body.variables ?? {}, {
        ...(body.version ? { version: body.version } : {}),
        ...(body.versionTag ? { versionTag: body.versionTag } : {}),
      });
      res.json(evaluationDto(record));
    },
  );
}
