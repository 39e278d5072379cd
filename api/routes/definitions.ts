import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import { Problem } from '../http/problem.js';
import type { AppContext } from '../context.js';
import { definitionDto } from '../dto.js';
import { Definition, FormSchemaBody, IdParams, named, PAGE_QUERY, pageOf } from '../schemas.js';

const DeployBody = {
  type: 'object',
  properties: {
    xml: { type: 'string', minLength: 1, description: 'BPMN 2.0 XML (a DMN 1.3 file here is deployed as decisions)' },
    name: { type: 'string', maxLength: 200 },
    forms: { type: 'array', maxItems: 100, items: FormSchemaBody, description: 'Linked forms (form-js schemas) the user tasks name by formId, deployed in the same transaction' },
    decisions: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1 }, description: 'DMN 1.3 files (XML text), deployed in the same transaction' },
    versionTag: { type: 'string', minLength: 1, maxLength: 100, description: "The decisions' version tag (business rule tasks with bindingType versionTag call it)" },
  },
  anyOf: [{ required: ['xml'] }, { required: ['decisions'] }],
  additionalProperties: false,
};

const DeployResult = named('Deployment', {
  type: 'object',
  properties: {
    id: { type: 'string' },
    unchanged: { type: 'boolean' },
    definitions: { type: 'array', items: Definition },
    forms: { type: 'array', items: { type: 'object', properties: { formId: { type: 'string' }, version: { type: 'integer' }, unchanged: { type: 'boolean' } } } },
    decisions: {
      type: 'array',
      items: {
        type: 'object',
        properties: { key: { type: 'string' }, decisionId: { type: 'string' }, version: { type: 'integer' }, versionTag: { type: ['string', 'null'] }, decisionRequirementsId: { type: 'string' }, unchanged: { type: 'boolean' } },
      },
    },
  },
});

/** Deployments and process definitions: a new version per process id and department. */
export function definitionRoutes(api: ApiRouter, { engine }: AppContext): void {
  api.add(
    {
      method: 'post',
      path: '/deployments',
      operationId: 'createDeployment',
      summary: 'Deploy a BPMN file and/or DMN decisions: JSON {xml, name, forms, decisions, versionTag} or the raw BPMN or DMN XML (Content-Type: application/xml)',
      summaryZh: '部署 BPMN 模型和/或 DMN 决策：新版本；内容未变时不产生新版本',
      tag: 'Definitions',
      roles: ['designer'],
      // For a raw XML body, which has no fields of its own; a JSON body carries them in itself.
      query: {
        type: 'object',
        properties: {
          name: { type: 'string', maxLength: 200, description: 'The file name (raw XML only). 文件名' },
          versionTag: { type: 'string', maxLength: 100, description: "The decisions' version tag (raw XML only). 决策版本标签" },
        },
        additionalProperties: false,
      },
      body: DeployBody,
      bodyMediaTypes: { 'application/xml': { type: 'string', description: 'The BPMN or DMN file as it is, in the encoding its XML declaration names (UTF-8, GB18030, GBK, ISO-8859-1, …); ?name= and ?versionTag= go in the query' } },
      response: DeployResult,
      status: 201,
    },
    async (req, res) => {
      // Raw XML arrives as bytes (app.ts): the engine decodes them by the file's own declaration.
      const raw = Buffer.isBuffer(req.body);
      const xml: string | Buffer | undefined = raw ? req.body : req.body?.xml;
      const decisions = raw ? undefined : (req.body?.decisions as string[] | undefined);
      if ((!xml || (typeof xml === 'string' ? xml.trim() === '' : xml.length === 0)) && !decisions?.length) {
        throw new Problem(400, 'The request has no BPMN or DMN XML', '请求中没有 BPMN 或 DMN XML', { errors: [{ pointer: '/body/xml', message: 'required', messageZh: '必填' }] });
      }
      const name = raw ? (typeof req.query.name === 'string' ? req.query.name : undefined) : req.body.name;
      const versionTag = raw ? (typeof req.query.versionTag === 'string' && req.query.versionTag !== '' ? req.query.versionTag : undefined) : req.body.versionTag;
      if (versionTag !== undefined && versionTag.length > 100) {
        throw new Problem(400, 'The version tag is longer than 100 characters', '版本标签超过 100 个字符', { errors: [{ pointer: '/query/versionTag', message: 'at most 100 characters', messageZh: '最多 100 个字符' }] });
      }
      const forms = raw ? undefined : (req.body.forms as unknown[] | undefined);
      const result = await engine.deploy({ ...(xml ? { xml } : {}), name, forms, ...(decisions ? { decisions } : {}), ...(versionTag ? { versionTag } : {}), actor: actorOf(req) });
      res.status(result.unchanged ? 200 : 201).json({
        id: result.deploymentId,
        unchanged: result.unchanged,
        definitions: result.definitions.map((row) => definitionDto(row)),
        forms: result.forms.map(({ form, unchanged }) => ({ formId: form.form_id, version: form.version, unchanged })),
        decisions: result.decisions.map(({ definition, requirements, unchanged }) => ({
          key: definition.id,
          decisionId: definition.decision_id,
          version: definition.version,
          versionTag: definition.version_tag,
          decisionRequirementsId: requirements.requirements_id,
          unchanged,
        })),
      });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/process-definitions',
      operationId: 'listProcessDefinitions',
      summary: 'List process definitions of your department, newest version first',
      summaryZh: '列出本部门的流程定义',
      tag: 'Definitions',
      roles: ['designer', 'integrator', 'staff', 'supervisor'],
      // Default 500: the list answered up to 500 before it paged, and the modeler reads one page.
      query: { type: 'object', properties: { processId: { type: 'string', maxLength: 200 }, ...PAGE_QUERY, limit: { ...PAGE_QUERY.limit, default: 500 } }, additionalProperties: false },
      response: pageOf(Definition),
    },
    async (req, res) => {
      const query = req.query as { processId?: string; limit?: number; cursor?: string };
      const page = await engine.pageDefinitions(actorOf(req), query);
      res.json({ ...page, items: page.items.map((row) => definitionDto(row)) });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/process-definitions/:id',
      operationId: 'getProcessDefinition',
      summary: 'Get a process definition with its BPMN XML and the zeebe:properties of the process and its elements',
      summaryZh: '获取流程定义及其 BPMN XML',
      tag: 'Definitions',
      roles: ['designer', 'integrator', 'staff', 'supervisor'],
      params: IdParams,
      response: Definition,
    },
    async (req, res) => {
      const definition = await engine.getDefinition(actorOf(req), String(req.params.id));
      const properties = await engine.definitionProperties(definition.id);
      res.json({ ...definitionDto(definition), properties: properties.process, elementProperties: properties.elements });
    },
  );
}
