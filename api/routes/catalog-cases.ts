import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { Problem } from '../http/problem.js';
import { Instance, listOf, named, PAGE_QUERY, pageOf, wholeList } from '../schemas.js';
import {
  bindingsOf,
  bindMatterProcess,
  fillTemplate,
  instantApprovalOf,
  markInstantApproval,
  startCase,
  TEMPLATES,
  templateByKey,
  unbindMatterProcess,
  unmarkInstantApproval,
} from '../../catalog/index.js';
import { ANY_USER, APPLICATION_PROPERTIES, CATALOG_EDITORS, catalogOf, CodeParams, handled, sendStartedCase } from './catalog-shared.js';
import { BPMN_FILE, MatterCase } from './catalog-schemas.js';

const TAG = 'Catalog processes';

const Binding = named('ProcessBinding', {
  type: 'object',
  properties: {
    matterCode: { type: 'string' },
    regionCode: { type: 'string', description: "'' for the whole city" },
    processId: { type: 'string' },
    department: { type: 'string' },
    updatedBy: { type: 'string' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
});

const TemplateSummary = named('ProcessTemplate', {
  type: 'object',
  properties: { key: { type: 'string' }, processId: { type: 'string' }, name: { type: 'string' }, matterTypes: { type: 'array', items: { type: 'string' } }, statutory: { type: 'string' }, calendar: { type: 'string' } },
});

/** Binding matters to processes: default templates to copy, bindings, and starting a case for a matter. */
export function catalogCaseRoutes(api: ApiRouter, context: AppContext): void {
  const catalog = catalogOf(context);

  api.add(
    { method: 'get', path: '/catalog/process-templates', operationId: 'listProcessTemplates', summary: 'Default process templates, one per family of matter types', summaryZh: '按事项类型的默认流程模板', tag: TAG, roles: ANY_USER, response: listOf(TemplateSummary) },
    handled(async (_req, res) => {
      res.json(wholeList(TEMPLATES.map(({ key, processId, name, matterTypes, statutory, calendar }) => ({ key, processId, name, matterTypes, statutory, calendar }))));
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/process-templates/:key',
      operationId: 'getProcessTemplate',
      summary: 'A template as BPMN XML with the department (default: yours) filled in, optionally bound to a matter, ready to adapt and deploy',
      summaryZh: '复制流程模板（填入部门，可绑定事项），可在设计器中修改后部署',
      tag: TAG,
      roles: ANY_USER,
      params: { type: 'object', properties: { key: { type: 'string', minLength: 1, maxLength: 60 } }, required: ['key'] },
      query: {
        type: 'object',
        properties: { department: { type: 'string', minLength: 1, maxLength: 100 }, matter: { type: 'string', minLength: 1, maxLength: 60 }, processId: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.\\-]{0,199}$' } },
        additionalProperties: false,
      },
      responseMediaTypes: BPMN_FILE,
    },
    handled(async (req, res) => {
      const template = templateByKey(String(req.params.key));
      if (!template) throw new Problem(404, `No process template '${req.params.key}'`, `流程模板“${req.params.key}”不存在`);
      const department = (req.query.department as string | undefined) ?? actorOf(req).department;
      const unitName = (await catalog.organisationNames([department])).get(department);
      const matter = req.query.matter ? (await catalog.getMatter(String(req.query.matter))).document : undefined;
      const xml = fillTemplate(template, { department, unitName, matter, processId: req.query.processId as string | undefined });
      res.attachment(`${template.key}.bpmn`).type('application/bpmn+xml; charset=utf-8').send(xml);
    }),
  );

  api.add(
    {
      method: 'put',
      path: '/catalog/matters/:code/process',
      operationId: 'bindMatterProcess',
      summary: 'Bind a matter (city-wide or for one region) to a process deployed in a department',
      summaryZh: '为事项绑定办理流程（全市或某区划）',
      tag: TAG,
      roles: CATALOG_EDITORS,
      params: CodeParams,
      body: {
        type: 'object',
        properties: { processId: { type: 'string', minLength: 1, maxLength: 200 }, department: { type: 'string', minLength: 1, maxLength: 100 }, regionCode: { type: 'string', minLength: 1, maxLength: 40 } },
        required: ['processId'],
        additionalProperties: false,
      },
      response: Binding,
    },
    handled(async (req, res) => {
      // Who may bind which matter to which department's process: catalog/binding/matter-process.ts.
      res.json(await bindMatterProcess(catalog, actorOf(req), String(req.params.code), req.body as { processId: string; department?: string; regionCode?: string }));
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/catalog/matters/:code/process-bindings',
      operationId: 'listMatterProcessBindings',
      summary: "A matter's process bindings: city-wide (regionCode '') and per region",
      summaryZh: '事项的流程绑定（全市及各区划）',
      tag: TAG,
      roles: ANY_USER,
      params: CodeParams,
      response: listOf(Binding),
    },
    handled(async (req, res) => {
      const matter = await catalog.getMatter(String(req.params.code));
      res.json(wholeList(await bindingsOf(context.db, matter.code)));
    }),
  );

  api.add(
    {
      method: 'delete',
      path: '/catalog/matters/:code/process',
      operationId: 'unbindMatterProcess',
      summary: "Remove a matter's binding (city-wide, or for one region): its cases start the default template again; running cases are not touched",
      summaryZh: '解除事项的流程绑定（全市或某区划），此后办件使用默认模板；在办件不受影响',
      tag: TAG,
      roles: CATALOG_EDITORS,
      params: CodeParams,
      query: { type: 'object', properties: { regionCode: { type: 'string', minLength: 1, maxLength: 40 } }, additionalProperties: false },
      status: 204,
    },
    handled(async (req, res) => {
      await unbindMatterProcess(catalog, actorOf(req), String(req.params.code), (req.query.regionCode as string | undefined) ?? '');
      res.status(204).end();
    }),
  );

  const InstantApproval = {
    type: 'object',
    properties: { matterCode: { type: 'string' }, department: { type: 'string' }, decisionId: { type: 'string' }, updatedBy: { type: 'string' }, updatedAt: { type: 'string', format: 'date-time' } },
  };

  api.add(
    {
      method: 'put',
      operationId: 'setMatterInstantApproval',
      path: '/catalog/matters/:code/instant-approval',
      summary: 'Mark a matter 秒批 (instant approval), bound to a DMN decision deployed in a department: its cases run the 秒批 template (数据核验 → decision → 自动准予 or 人工审查) unless a process binding says otherwise',
      summaryZh: '将事项标记为秒批并绑定决策：办件按秒批模板办理（数据核验 → 决策 → 自动准予或人工审查）',
      tag: TAG,
      roles: CATALOG_EDITORS,
      params: CodeParams,
      body: {
        type: 'object',
        properties: { decisionId: { type: 'string', minLength: 1, maxLength: 200 }, department: { type: 'string', minLength: 1, maxLength: 100 } },
        required: ['decisionId'],
        additionalProperties: false,
      },
      response: InstantApproval,
    },
    handled(async (req, res) => {
      res.json(await markInstantApproval(catalog, actorOf(req), String(req.params.code), req.body as { decisionId: string; department?: string }));
    }),
  );

  api.add(
    { method: 'get', operationId: 'getMatterInstantApproval', path: '/catalog/matters/:code/instant-approval', summary: 'Whether a matter is 秒批, and the decision that approves it (404 when it is not)', summaryZh: '事项的秒批设置（未标记秒批时 404）', tag: TAG, roles: ANY_USER, params: CodeParams, response: InstantApproval },
    handled(async (req, res) => {
      const matter = await catalog.getMatter(String(req.params.code));
      const approval = await instantApprovalOf(context.db, matter.code);
      if (!approval) throw new Problem(404, `Matter ${matter.code} is not marked 秒批`, `事项 ${matter.code} 未标记为秒批`);
      res.json(approval);
    }),
  );

  api.add(
    { method: 'delete', operationId: 'removeMatterInstantApproval', path: '/catalog/matters/:code/instant-approval', summary: 'Unmark 秒批: later cases start as without it; running cases are not touched', summaryZh: '取消事项的秒批标记，此后办件不再走秒批模板；在办件不受影响', tag: TAG, roles: CATALOG_EDITORS, params: CodeParams, status: 204 },
    handled(async (req, res) => {
      await unmarkInstantApproval(catalog, actorOf(req), String(req.params.code));
      res.status(204).end();
    }),
  );

  api.add(
    {
      method: 'get',
      path: '/matters/:code/cases',
      operationId: 'listMatterCases',
      summary: 'Cases started for a matter that you may read, each with the matter version it runs under',
      summaryZh: '事项的办件（可查看的），含各办件所依据的事项版本',
      tag: TAG,
      roles: ['integrator', 'staff', 'supervisor'],
      params: CodeParams,
      query: { type: 'object', properties: PAGE_QUERY, additionalProperties: false },
      response: pageOf(MatterCase),
    },
    handled(async (req, res) => {
      const page = await catalog.matterCases(actorOf(req), String(req.params.code), req.query as { limit?: number; cursor?: string });
      res.json({ ...page, items: page.items.map(({ code, version, ...row }) => ({ ...row, matterCode: code, matterVersion: version })) });
    }),
  );

  api.add(
    {
      method: 'post',
      path: '/matters/:code/cases',
      operationId: 'startMatterCase',
      summary: "Start a case for a matter: the region's implementation entry, form check, the bound process with matter version, units and limits",
      summaryZh: '为事项发起办件：按区划选择实施清单，校验表单，启动绑定流程（带事项版本、单位、时限）',
      tag: TAG,
      roles: ['integrator', 'staff'],
      params: CodeParams,
      body: {
        type: 'object',
        properties: APPLICATION_PROPERTIES,
        required: ['regionCode', 'applicant'],
        additionalProperties: false,
      },
      response: {
        type: 'object',
        properties: {
          matterCode: { type: 'string' },
          matterVersion: { type: 'integer' },
          implCode: { type: 'string' },
          regionCode: { type: 'string' },
          process: { type: 'object' },
          instance: Instance,
        },
      },
      status: 201,
    },
    handled(async (req, res) => {
      await sendStartedCase(res, context, { ...(await startCase(catalog, actorOf(req), String(req.params.code), req.body)) });
    }),
  );
}
