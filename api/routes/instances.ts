import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { historyDto, instanceDto } from '../dto.js';
import { HistoryEvent, IdParams, Instance, listOf, Variables } from '../schemas.js';
import type { Engine, InstanceRow } from '../../engine/index.js';

const StartBody = {
  type: 'object',
  properties: {
    processId: { type: 'string', minLength: 1, maxLength: 200 },
    version: { type: 'integer', minimum: 1 },
    businessKey: { type: 'string', minLength: 1, maxLength: 200 },
    variables: Variables,
  },
  required: ['processId'],
  additionalProperties: false,
};

/** Process instances: start, look at, follow their history. */
export function instanceRoutes(api: ApiRouter, { engine }: AppContext): void {
  api.add(
    {
      method: 'post',
      path: '/process-instances',
      summary:
        'Start an instance of the latest (or a given) version of a process. With a businessKey the start is idempotent: the same request again (same processId, version, businessKey and variables) answers 200 with the instance the first one created and the header Idempotent-Replayed: true; a different request under a business key in use is a 409 naming the instance that holds it',
      summaryZh: '启动流程实例（默认最新版本）。带业务编号的启动可安全重试：内容相同的重复请求返回 200 及首次创建的实例（响应头 Idempotent-Replayed: true）；业务编号已被内容不同的请求使用时返回 409',
      tag: 'Instances',
      roles: ['integrator', 'designer'],
      body: StartBody,
      response: Instance,
      status: 201,
      otherResponses: {
        '200': {
          description: 'A repeated start: the same processId, version, businessKey and variables as the start that created this instance. 重复的启动请求：返回首次创建的实例。',
          headers: { 'Idempotent-Replayed': { schema: { const: 'true' }, description: 'The instance was created by an earlier identical request.' } },
          sameBody: true,
        },
        '409': { description: 'The businessKey is held by an instance started with a different version or variables (the problem names it). 业务编号已被内容不同的启动请求使用。' },
      },
    },
    async (req, res) => {
      const { processId, version, businessKey, variables } = req.body;
      const row = await engine.startInstance({ processId, version, businessKey, variables, actor: actorOf(req) });
      // A repeated start (same business key and request) is answered with the instance the first one created.
      if (row.replayed) res.status(200).set('Idempotent-Replayed', 'true');
      else res.status(201);
      res.location(`/api/v1/process-instances/${row.id}`).json(await describe(engine, row));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/process-instances',
      summary: 'Search instances of your department',
      summaryZh: '查询本部门的流程实例',
      tag: 'Instances',
      roles: ['integrator', 'designer', 'staff', 'supervisor'],
      query: {
        type: 'object',
        properties: {
          processId: { type: 'string', maxLength: 200 },
          businessKey: { type: 'string', maxLength: 200 },
          department: { type: 'string', maxLength: 100 },
          matterCode: { type: 'string', maxLength: 100 },
          status: { enum: ['active', 'completed', 'terminated', 'canceled', 'suspended'] },
          limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
        },
        additionalProperties: false,
      },
      response: listOf(Instance),
    },
    async (req, res) => {
      const rows = await engine.listInstances(actorOf(req), req.query as never);
      res.json({ items: await Promise.all(rows.map((row) => describe(engine, row))) });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/process-instances/:id',
      summary: 'Get an instance with its active elements and variables',
      summaryZh: '获取流程实例（当前节点与变量）',
      tag: 'Instances',
      roles: ['integrator', 'designer', 'staff', 'supervisor'],
      params: IdParams,
      response: Instance,
    },
    async (req, res) => {
      res.json(await describe(engine, await engine.getInstance(actorOf(req), String(req.params.id))));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/process-instances/:id/history',
      summary: "The instance's whole trail, oldest first (一张工单跟到底)",
      summaryZh: '流程实例的完整办理轨迹',
      tag: 'Instances',
      roles: ['integrator', 'designer', 'staff', 'supervisor'],
      params: IdParams,
      response: listOf(HistoryEvent),
    },
    async (req, res) => {
      const rows = await engine.history(actorOf(req), String(req.params.id));
      res.json({ items: rows.map(historyDto) });
    },
  );
}

async function describe(engine: Engine, row: InstanceRow) {
  return instanceDto(row, await engine.elementInfo(row.definition_id));
}
