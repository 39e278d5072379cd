import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { instanceDto } from '../dto.js';
import { IdParams, Instance, PAGE_QUERY, pageOf, Variables } from '../schemas.js';
import type { Engine, InstanceRow } from '../../engine/index.js';

const OPERATORS = ['supervisor', 'integrator', 'staff'] as const;
const MODELERS = ['supervisor', 'designer'] as const;

/** Operations on one instance of your department: cancel, suspend/resume, variables, move tokens, migrate. */
export function instanceOperationRoutes(api: ApiRouter, { engine }: AppContext): void {
  const Reason = { type: 'string', minLength: 2, maxLength: 500, description: 'Why (recorded on the case’s trail). 理由（记入办理轨迹）' };
  const PauseClock = {
    type: 'object',
    description: 'Pause the legal clock while suspended, on a legal ground (中止, 特别程序 …); without it the clock goes on. 依法中止计时',
    properties: { kind: { enum: ['中止', '特别程序', '补正', '其他'] }, legalBasis: { type: 'string', minLength: 2, maxLength: 200 } },
    required: ['kind', 'legalBasis'],
    additionalProperties: false,
  };
  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/cancel',
      operationId: 'cancelProcessInstance',
      summary: 'Terminate (终止) a case, with a reason: it and the child instances of its call activities end',
      summaryZh: '终止案件（须填写理由；含子流程实例）',
      tag: 'Instance operations',
      roles: OPERATORS,
      params: IdParams,
      body: { type: 'object', properties: { reason: Reason }, required: ['reason'], additionalProperties: false },
      response: Instance,
    },
    async (req, res) => {
      res.json(await describe(engine, await engine.cancelInstance(actorOf(req), String(req.params.id), req.body)));
    },
  );
  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/suspend',
      operationId: 'suspendProcessInstance',
      summary: 'Suspend (挂起) a case, with a reason: tasks cannot be completed, jobs are not activated, timers wait; the legal clock pauses only on a legal ground',
      summaryZh: '挂起案件（须填写理由）；仅在依法中止时暂停法定时限',
      tag: 'Instance operations',
      roles: OPERATORS,
      params: IdParams,
      body: { type: 'object', properties: { reason: Reason, pauseClock: PauseClock }, required: ['reason'], additionalProperties: false },
      response: Instance,
    },
    async (req, res) => {
      res.json(await describe(engine, await engine.suspendInstance(actorOf(req), String(req.params.id), req.body)));
    },
  );
  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/resume',
      operationId: 'resumeProcessInstance',
      summary: 'Resume (恢复) a suspended case, with a reason; timers that fell due meanwhile fire now, a clock the suspension paused runs again',
      summaryZh: '恢复挂起的案件（须填写理由）',
      tag: 'Instance operations',
      roles: OPERATORS,
      params: IdParams,
      body: { type: 'object', properties: { reason: Reason }, required: ['reason'], additionalProperties: false },
      response: Instance,
    },
    async (req, res) => {
      res.json(await describe(engine, await engine.resumeInstance(actorOf(req), String(req.params.id), req.body)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/variables',
      operationId: 'setProcessInstanceVariables',
      summary: 'Set variables on the process (or on one element instance scope); conditional events re-evaluate',
      summaryZh: '设置流程变量（或某一节点实例作用域的变量）',
      tag: 'Instance operations',
      roles: OPERATORS,
      params: IdParams,
      body: {
        type: 'object',
        properties: {
          variables: { ...Variables, minProperties: 1 },
          elementInstanceId: { type: 'string', minLength: 1, maxLength: 100, description: 'The scope to set them from; the process when absent.' },
          local: {
            type: 'boolean',
            default: false,
            description: 'Camunda 8: false (default) sets each variable on the nearest scope from elementInstanceId up that has it, else on the process; true keeps them all on that scope. 是否只设为该节点的局部变量',
          },
        },
        required: ['variables'],
        additionalProperties: false,
      },
      response: Instance,
    },
    async (req, res) => {
      res.json(await describe(engine, await engine.setVariables(actorOf(req), String(req.params.id), req.body.variables, req.body.elementInstanceId, { local: req.body.local === true })));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/modification',
      operationId: 'modifyProcessInstance',
      summary: 'Move tokens: terminate element instances and activate elements (the basis of 驳回 / send back)',
      summaryZh: '移动令牌：终止节点实例、激活节点（驳回等操作的基础）',
      tag: 'Instance operations',
      roles: MODELERS,
      params: IdParams,
      body: {
        type: 'object',
        properties: {
          terminate: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, maxItems: 100, default: [] },
          activate: {
            type: 'array',
            maxItems: 100,
            default: [],
            items: { type: 'object', properties: { elementId: { type: 'string', minLength: 1, maxLength: 200 }, variables: Variables }, required: ['elementId'], additionalProperties: false },
          },
        },
        // Something must change: at least one element instance to terminate or one element to activate.
        anyOf: [
          { required: ['terminate'], properties: { terminate: { minItems: 1 } } },
          { required: ['activate'], properties: { activate: { minItems: 1 } } },
        ],
        additionalProperties: false,
      },
      response: Instance,
    },
    async (req, res) => {
      const { terminate, activate } = req.body;
      res.json(await describe(engine, await engine.modifyInstance(actorOf(req), String(req.params.id), { terminate, activate })));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/migration',
      operationId: 'migrateProcessInstance',
      summary: 'Migrate the instance to another deployed version; map every active element whose id differs',
      summaryZh: '将流程实例迁移到另一版本（需为 id 不同的活动节点提供映射）',
      tag: 'Instance operations',
      roles: MODELERS,
      params: IdParams,
      body: {
        type: 'object',
        properties: {
          targetDefinitionId: { type: 'string', format: 'uuid' },
          mappings: {
            type: 'array',
            maxItems: 1000,
            default: [],
            items: {
              type: 'object',
              properties: { source: { type: 'string', minLength: 1, maxLength: 200 }, target: { type: 'string', minLength: 1, maxLength: 200 } },
              required: ['source', 'target'],
              additionalProperties: false,
            },
          },
        },
        required: ['targetDefinitionId'],
        additionalProperties: false,
      },
      response: Instance,
    },
    async (req, res) => {
      res.json(await describe(engine, await engine.migrateInstance(actorOf(req), String(req.params.id), req.body)));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/process-instances/:id/children',
      operationId: 'listChildProcessInstances',
      summary: 'Child instances started by the call activities of an instance',
      summaryZh: '调用活动启动的子流程实例',
      tag: 'Instance operations',
      roles: ['integrator', 'designer', 'staff', 'supervisor'],
      params: IdParams,
      query: { type: 'object', properties: PAGE_QUERY, additionalProperties: false },
      response: pageOf(Instance),
    },
    async (req, res) => {
      const page = await engine.childInstancesPage(actorOf(req), String(req.params.id), req.query as { limit?: number; cursor?: string });
      res.json({ ...page, items: await Promise.all(page.items.map((row) => describe(engine, row))) });
    },
  );
}

async function describe(engine: Engine, row: InstanceRow) {
  return instanceDto(row, await engine.elementInfo(row.definition_id));
}
