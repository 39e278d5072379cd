import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { formDto } from '../dto.js';
import { Form, FormSchemaBody, IdParams, PAGE_QUERY, pageOf } from '../schemas.js';

const TAG = 'Forms';
const READERS = ['designer', 'integrator', 'staff', 'supervisor'] as const;

/**
 * Linked forms (Camunda 8.3+ `.form` files): form-js schemas deployed per department, which
 * user tasks name by `zeebe:formDefinition formId`. They may also travel with a BPMN file in
 * POST /deployments.
 */
export function formRoutes(api: ApiRouter, { engine }: AppContext): void {
  api.add(
    {
      method: 'post',
      path: '/forms',
      operationId: 'deployForm',
      summary: 'Deploy a form-js schema (a .form file): a new version of that form id in your department, unless unchanged',
      summaryZh: '部署表单（form-js 定义）：同一表单 id 产生新版本，内容未变时不产生',
      tag: TAG,
      roles: ['designer'],
      body: FormSchemaBody,
      response: Form,
      status: 201,
    },
    async (req, res) => {
      const [deployed] = await engine.deployForms(actorOf(req), [req.body]);
      res.status(deployed.unchanged ? 200 : 201).json(formDto(deployed.form));
    },
  );

  api.add(
    { method: 'get', path: '/forms', operationId: 'listForms', summary: 'The latest version of every form of your department', summaryZh: '本部门各表单的最新版本', tag: TAG, roles: READERS, query: { type: 'object', properties: { ...PAGE_QUERY, limit: { ...PAGE_QUERY.limit, default: 500 } }, additionalProperties: false }, response: pageOf(Form) },
    async (req, res) => {
      const page = await engine.pageForms(actorOf(req), req.query as { limit?: number; cursor?: string });
      res.json({ ...page, items: page.items.map(formDto) });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/forms/:formId',
      operationId: 'getForm',
      summary: 'A form of your department: the latest version, or the one asked for',
      summaryZh: '获取本部门的表单（最新版本或指定版本）',
      tag: TAG,
      roles: READERS,
      params: { type: 'object', properties: { formId: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['formId'] },
      query: { type: 'object', properties: { version: { type: 'integer', minimum: 1 } }, additionalProperties: false },
      response: Form,
    },
    async (req, res) => {
      res.json(formDto(await engine.getForm(actorOf(req), String(req.params.formId), req.query.version as number | undefined)));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/user-tasks/:id/form',
      operationId: 'getUserTaskForm',
      summary: "The linked form a task shows: the version that was the latest when the task was created",
      summaryZh: '任务的表单（任务创建时的最新版本）',
      tag: TAG,
      roles: ['staff', 'supervisor'],
      params: IdParams,
      response: Form,
    },
    async (req, res) => {
      res.json(formDto(await engine.taskForm(actorOf(req), String(req.params.id))));
    },
  );
}
