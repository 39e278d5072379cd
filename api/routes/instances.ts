import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { historyDto, instanceDto } from '../dto.js';
import { trailNames } from '../history-names.js';
import { nameBook, type NameBook } from '../names.js';
import { HistoryEvent, IdParams, Instance, PAGE_QUERY, pageOf, Variables } from '../schemas.js';
import type { Engine, InstanceRow } from '../../engine/index.js';

const StartBody = {
  type: 'object',
  properties: {
    processId: { type: 'string', minLength: 1, maxLength: 200 },
    version: { type: 'integer', minimum: 1 },
    businessKey: { type: 'string', minLength: 1, maxLength: 200 },
    variables: Variables,
    regionCode: { type: 'string', minLength: 1, maxLength: 40, description: 'The region the case belongs to (镇街/村居), so that the staff of that region see it. 案件所属区划' },
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
      operationId: 'createProcessInstance',
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
      const { processId, version, businessKey, variables, regionCode } = req.body;
      const row = await engine.startInstance({ processId, version, businessKey, variables, regionCode, actor: actorOf(req) });
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
      operationId: 'listProcessInstances',
      summary: 'Search the cases you may read: your department’s, those it takes part in, those copied to you (every department’s for supervisors), a page at a time',
      summaryZh: '查询可查看的案件（本部门主办、参与办理、抄送本人；督办人员可查看全市），分页',
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
          regionCode: { type: 'string', maxLength: 40, description: 'Cases of this region and below. 该区划及下级的案件' },
          incident: { type: 'boolean', description: 'Only cases with (true) or without (false) an open incident. 是否有未解决异常' },
          ...PAGE_QUERY,
        },
        additionalProperties: false,
      },
      response: pageOf(Instance),
    },
    async (req, res) => {
      const { regionCode, ...query } = req.query as Record<string, unknown>;
      const regionPath = typeof regionCode === 'string' ? (engine.staff.directory.regionPath(regionCode) ?? `/${regionCode}/`) : undefined;
      const page = await engine.instancePage(actorOf(req), { ...query, ...(regionPath ? { regionPath } : {}) } as never);
      const names = await nameBook(engine.staff, page.items.map((row) => row.started_by));
      res.json({ ...page, items: await Promise.all(page.items.map((row) => describe(engine, row, names))) });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/process-instances/:id',
      operationId: 'getProcessInstance',
      summary: 'Get an instance with its active elements and variables',
      summaryZh: '获取流程实例（当前节点与变量）',
      tag: 'Instances',
      roles: ['integrator', 'designer', 'staff', 'supervisor'],
      params: IdParams,
      response: Instance,
    },
    async (req, res) => {
      const row = await engine.getInstance(actorOf(req), String(req.params.id));
      res.json(await describe(engine, row, await nameBook(engine.staff, [row.started_by])));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/process-instances/:id/history',
      operationId: 'listProcessInstanceHistory',
      summary: "The instance's whole trail, oldest first (一张工单跟到底)",
      summaryZh: '流程实例的完整办理轨迹',
      tag: 'Instances',
      roles: ['integrator', 'designer', 'staff', 'supervisor'],
      params: IdParams,
      // A trail is read whole by the case page: larger pages than other lists.
      query: { type: 'object', properties: { ...PAGE_QUERY, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 500 } }, additionalProperties: false },
      response: pageOf(HistoryEvent),
    },
    async (req, res) => {
      const page = await engine.historyPage(actorOf(req), String(req.params.id), req.query as { limit?: number; cursor?: string });
      const instance = await engine.getInstance(actorOf(req), String(req.params.id));
      const names = await trailNames(engine, instance.definition_id, page.items);
      res.json({ ...page, items: page.items.map((row) => historyDto(row, names.book, names.namesOf(row))) });
    },
  );
}

async function describe(engine: Engine, row: InstanceRow, names?: NameBook) {
  return instanceDto(row, await engine.elementInfo(row.definition_id), names);
}
