import type { JsonSchema } from './http/validate.js';
import { FORM_ID_PATTERN } from '../engine/index.js';

/** Shared JSON Schemas (2020-12): validation and the OpenAPI document use these same objects. */

const componentNames = new WeakMap<object, string>();

/**
 * Names a schema: the OpenAPI document lists it once under components.schemas[name] and refers to
 * it by $ref (generated clients get a type of that name); validation uses the object as it is.
 */
export function named<T extends object>(name: string, schema: T): T {
  componentNames.set(schema, name);
  return schema;
}

/** The component name a schema was given with named(), if any. */
export function componentName(schema: object): string | undefined {
  return componentNames.get(schema);
}

export const Uuid: JsonSchema = { type: 'string', format: 'uuid' };
export const IdParams: JsonSchema = { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] };

export const Variables: JsonSchema = named('Variables', {
  type: 'object',
  description: 'Process variables: a JSON object whose values are plain JSON. 流程变量：JSON 对象。',
  additionalProperties: true,
});

export const Problem: JsonSchema = named('Problem', {
  type: 'object',
  description: 'RFC 9457 problem details, with Chinese text beside the English.',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    titleZh: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    detailZh: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          message: { type: 'string' },
          messageZh: { type: 'string' },
          pointer: { type: 'string' },
          elementId: { type: 'string' },
          line: { type: 'integer' },
          column: { type: 'integer' },
          row: { type: 'integer' },
          field: { type: 'string' },
        },
      },
    },
  },
  required: ['type', 'title', 'status'],
});

export const Definition: JsonSchema = named('ProcessDefinition', {
  type: 'object',
  properties: {
    id: Uuid,
    processId: { type: 'string' },
    name: { type: ['string', 'null'] },
    version: { type: 'integer' },
    versionTag: { type: ['string', 'null'] },
    department: { type: 'string' },
    deploymentId: Uuid,
    gov: { type: 'object' },
    createdAt: { type: 'string', format: 'date-time' },
    xml: { type: 'string' },
    properties: { type: 'object', additionalProperties: { type: 'string' }, description: 'zeebe:properties of the process (GET one definition)' },
    elementProperties: { type: 'object', additionalProperties: { type: 'object' }, description: 'zeebe:properties by element id (GET one definition)' },
  },
  required: ['id', 'processId', 'version', 'department', 'deploymentId', 'createdAt'],
});

export const Instance: JsonSchema = named('ProcessInstance', {
  type: 'object',
  properties: {
    id: Uuid,
    processId: { type: 'string' },
    processName: { type: ['string', 'null'] },
    definitionId: Uuid,
    version: { type: 'integer' },
    department: { type: 'string', description: 'The department that owns the case. 主办部门' },
    departmentName: { type: ['string', 'null'] },
    regionCode: { type: ['string', 'null'], description: 'The region the case belongs to (镇街/村居); null = city level. 所属区划' },
    regionName: { type: ['string', 'null'] },
    businessKey: { type: ['string', 'null'] },
    applicantName: { type: ['string', 'null'], description: "The applicant's name (variable applicant, or its name). 申请人" },
    status: { enum: ['active', 'completed', 'terminated', 'canceled', 'suspended'] },
    openIncidents: { type: 'integer', minimum: 0, description: 'Open incidents of the case. 未解决的异常数' },
    variables: Variables,
    activeElements: {
      type: 'array',
      description:
        "Where the tokens are: waiting elements (a task, a job, an event), elements with an incident, and tokens waiting at a parallel or inclusive join ('joining': one per token, elementInstanceId null, with the flow it came by). 令牌所在位置：等待中的节点、有故障的节点，以及在汇聚网关等待其他分支的令牌（joining）。",
      items: {
        type: 'object',
        properties: {
          elementInstanceId: { type: ['string', 'null'] },
          elementId: { type: 'string' },
          elementType: { type: ['string', 'null'] },
          name: { type: ['string', 'null'] },
          state: { enum: ['waiting', 'incident', 'joining'] },
          scopeInstanceId: { type: 'string', description: "For 'joining': the scope (process or subprocess instance) the join is in" },
          arrivedVia: { type: 'string', description: "For 'joining': the sequence flow the token came by" },
        },
      },
    },
    startedBy: { type: 'string' },
    startedByName: { type: ['string', 'null'] },
    startedAt: { type: 'string', format: 'date-time' },
    endedAt: { type: ['string', 'null'], format: 'date-time' },
  },
  required: ['id', 'processId', 'definitionId', 'version', 'department', 'businessKey', 'status', 'variables', 'startedBy', 'startedAt'],
});

export const UserTask: JsonSchema = named('UserTask', {
  type: 'object',
  properties: {
    id: Uuid,
    processInstanceId: Uuid,
    elementId: { type: 'string' },
    elementInstanceId: { type: 'string' },
    name: { type: ['string', 'null'] },
    department: { type: 'string', description: 'The department that handles the task. 办理部门' },
    departmentName: { type: ['string', 'null'] },
    unit: { type: ['string', 'null'], description: 'The unit routing named (e.g. a bureau’s town branch). 承办单位' },
    unitName: { type: ['string', 'null'] },
    regionCode: { type: ['string', 'null'] },
    regionName: { type: ['string', 'null'] },
    assignee: { type: ['string', 'null'] },
    assigneeName: { type: ['string', 'null'] },
    candidateGroups: { type: 'array', items: { type: 'string' }, description: 'Posts (岗位) whose holders may work on the task' },
    candidateUsers: { type: 'array', items: { type: 'string' } },
    state: { enum: ['created', 'completed', 'canceled'] },
    dueDate: { type: ['string', 'null'] },
    followUpDate: { type: ['string', 'null'], description: 'zeebe:taskSchedule followUpDate' },
    priority: { type: 'integer', minimum: 0, maximum: 100, description: 'zeebe:priorityDefinition (default 50); the inbox lists higher priorities first. 优先级（默认 50），待办按优先级从高到低排列。' },
    headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'zeebe:taskHeaders of the user task' },
    properties: { type: 'object', additionalProperties: { type: 'string' }, description: 'zeebe:properties of the element: custom metadata. 元素的自定义属性。' },
    formKey: { type: ['string', 'null'], description: 'An embedded or custom form (zeebe:formDefinition formKey)' },
    formId: { type: ['string', 'null'], description: 'A linked form (zeebe:formDefinition formId): GET /user-tasks/{id}/form' },
    createdAt: { type: 'string', format: 'date-time' },
    endedAt: { type: ['string', 'null'] },
    completedBy: { type: ['string', 'null'] },
    completedByName: { type: ['string', 'null'] },
    case: {
      type: 'object',
      description: 'What a list shows of the task’s case. 所属案件',
      properties: {
        businessKey: { type: ['string', 'null'] },
        processId: { type: 'string' },
        processName: { type: ['string', 'null'] },
        matterName: { type: ['string', 'null'], description: 'The catalog matter the case is of (variable matter.name), e.g. 噪声扰民类诉求办理; null for a case not started from the catalog. 事项名称' },
        department: { type: ['string', 'null'] },
        departmentName: { type: ['string', 'null'] },
        applicantName: { type: ['string', 'null'] },
      },
    },
    mayWork: { type: 'boolean', description: 'Whether you may claim and complete it (your department, region and post). 您是否可以办理' },
    variables: Variables,
  },
  required: ['id', 'processInstanceId', 'elementId', 'elementInstanceId', 'department', 'state', 'candidateGroups', 'candidateUsers', 'priority', 'createdAt'],
});

/** A form-js schema as deployed: the engine checks its id and components, form-js the rest. */
export const FormSchemaBody: JsonSchema = named('FormSchema', {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: FORM_ID_PATTERN },
    components: { type: 'array' },
    type: { type: 'string' },
    versionTag: { type: 'string', minLength: 1, maxLength: 200, description: 'What a user task binds by zeebe:formDefinition bindingType versionTag' },
  },
  required: ['id', 'components'],
  description: 'A form-js schema (a .form file of Camunda Modeler)',
});

export const Form: JsonSchema = named('Form', {
  type: 'object',
  properties: {
    id: Uuid,
    formId: { type: 'string' },
    version: { type: 'integer' },
    department: { type: 'string' },
    schema: { type: 'object' },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'formId', 'version', 'department', 'schema', 'createdBy', 'createdAt'],
});

export const HistoryEvent: JsonSchema = named('HistoryEvent', {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    type: { type: 'string' },
    elementId: { type: ['string', 'null'] },
    elementType: { type: ['string', 'null'] },
    elementName: { type: ['string', 'null'] },
    elementInstanceId: { type: ['string', 'null'] },
    actor: { type: ['string', 'null'] },
    actorName: { type: ['string', 'null'] },
    data: { type: ['object', 'null'] },
    names: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Names of the people, departments and steps the data mentions, by their id or code. 数据中人员、部门、环节的名称',
    },
  },
  required: ['id', 'at', 'type'],
});

export const Job: JsonSchema = named('Job', {
  type: 'object',
  properties: {
    id: Uuid,
    type: { type: 'string' },
    processInstanceId: Uuid,
    elementId: { type: 'string' },
    elementInstanceId: { type: 'string' },
    retries: { type: 'integer' },
    kind: { enum: ['BPMN_ELEMENT', 'EXECUTION_LISTENER'], description: "EXECUTION_LISTENER: the job of a zeebe:executionListener; the element waits for it (complete or fail it; a BPMN error is refused)" },
    listenerEventType: { enum: ['start', 'end', null] },
    headers: { type: 'object', description: "Task headers: the element's, overlaid by the listener's own for a listener job" },
    properties: { type: 'object', additionalProperties: { type: 'string' }, description: 'zeebe:properties of the element: custom metadata' },
    lockExpiresAt: { type: ['string', 'null'] },
    variables: Variables,
  },
  required: ['id', 'type', 'processInstanceId', 'elementId', 'elementInstanceId', 'retries', 'kind', 'variables'],
});

const pages = new WeakMap<JsonSchema, JsonSchema>();

/** A page of a list: `limit` items at most, the total that match, and the cursor of the next page (null on the last). */
export const pageOf = (items: JsonSchema): JsonSchema => {
  const known = pages.get(items);
  if (known) return known;
  const page: JsonSchema = {
    type: 'object',
    properties: {
      items: { type: 'array', items },
      total: { type: 'integer', minimum: 0, description: 'How many items match in all. 符合条件的总数' },
      nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` to get the next page; null on the last page. 下一页游标' },
    },
    required: ['items', 'total', 'nextCursor'],
  };
  const name = componentName(items);
  pages.set(items, name ? named(`${name}Page`, page) : page);
  return page;
};

/** The query parameters of a paged list. */
export const PAGE_QUERY = {
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  cursor: { type: 'string', minLength: 1, maxLength: 500, description: 'The nextCursor of the previous page. 上一页返回的 nextCursor' },
} as const;

const lists = new WeakMap<JsonSchema, JsonSchema>();

/**
 * A whole list, short and bounded by nature (a case's opinions, the departments, a year's calendar):
 * every item at once, in the shape of a page (pageOf) that is always the last, so clients read every
 * list the same way.
 */
export const listOf = (items: JsonSchema): JsonSchema => {
  const known = lists.get(items);
  if (known) return known;
  const list: JsonSchema = {
    type: 'object',
    properties: {
      items: { type: 'array', items },
      total: { type: 'integer', minimum: 0, description: 'How many items there are. 总数' },
      nextCursor: { type: 'null', description: 'Always null: the whole list is on this page. 已是全部' },
    },
    required: ['items', 'total', 'nextCursor'],
  };
  const name = componentName(items);
  lists.set(items, name ? named(`${name}List`, list) : list);
  return list;
};

/** The answer of a listOf route: the whole list as its only page. */
export function wholeList<T>(items: T[]): { items: T[]; total: number; nextCursor: null } {
  return { items, total: items.length, nextCursor: null };
}
