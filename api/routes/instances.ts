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
      summary: 'Start an instance of the latest (or a given) version of a process',
      summaryZh: '启动流程实例（默认最新版本）',
      tag: 'Instances',
      roles: ['integrator', 'designer'],
      body: StartBody,
      response: Instance,
      status: 201,
    },
    async (req, res) => {
      const { processId, version, businessKey, variables } = req.body;
      const row = await engine.startInstance({ processId, version, businessKey, variables, actor: actorOf(req) });
      res.status(201).location(`/api/v1/process-instances/${row.id}`).json(await describe(engine, row));
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
