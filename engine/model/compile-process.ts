import { compileFeel, isFeelSyntaxProblem } from '../expressions/index.js';
import type { ModdleElement } from './parse-bpmn.js';
import { problem, type ModelProblem } from './problem.js';
import type { ElementKind, FlowNode, GovAttributes, JobDefinition, ProcessModel, SequenceFlow, UserTaskDefinition, ValueSource } from './process-model.js';

const KIND_BY_TYPE: Record<string, ElementKind> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
};

// Flow elements with no execution semantics: they are drawn, stored and ignored.
const INERT_TYPES = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

const TYPE_NAMES_ZH: Record<string, string> = {
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:IntermediateCatchEvent': '中间捕获事件',
  'bpmn:IntermediateThrowEvent': '中间抛出事件',
  'bpmn:SubProcess': '子流程',
  'bpmn:CallActivity': '调用活动',
  'bpmn:InclusiveGateway': '包容网关',
  'bpmn:EventBasedGateway': '事件网关',
  'bpmn:ComplexGateway': '复杂网关',
  'bpmn:ScriptTask': '脚本任务',
  'bpmn:SendTask': '发送任务',
  'bpmn:ReceiveTask': '接收任务',
  'bpmn:BusinessRuleTask': '业务规则任务',
  'bpmn:Transaction': '事务子流程',
  'bpmn:AdHocSubProcess': '自由子流程',
};

export type CompileProcessResult = { ok: true; model: ProcessModel } | { ok: false; problems: ModelProblem[] };

/** Turns one moddle bpmn:Process into a validated ProcessModel, collecting every problem. */
export function compileProcess(process: ModdleElement): CompileProcessResult {
  const problems: ModelProblem[] = [];
  const elements = new Map<string, FlowNode>();
  const flows = new Map<string, SequenceFlow>();
  const flowElements = (process.flowElements as ModdleElement[] | undefined) ?? [];

  for (const element of flowElements) {
    if (element.$type === 'bpmn:SequenceFlow') {
      const flow = compileFlow(element, problems);
      if (flow) flows.set(flow.id, flow);
    }
  }
  // incoming/outgoing come from the flows themselves: <bpmn:incoming> children are optional in BPMN XML.
  const connected = (elementId: string, end: 'sourceId' | 'targetId') => [...flows.values()].filter((flow) => flow[end] === elementId).map((flow) => flow.id);
  for (const element of flowElements) {
    if (element.$type === 'bpmn:SequenceFlow' || INERT_TYPES.has(element.$type)) continue;
    const node = compileNode(element, problems);
    if (node) elements.set(node.id, { ...node, incoming: connected(node.id, 'targetId'), outgoing: connected(node.id, 'sourceId') });
  }

  const noneStarts = [...elements.values()].filter((node) => node.kind === 'startEvent');
  if (noneStarts.length === 0) {
    problems.push(problem('process.noStart', `Process '${process.id}' has no none start event`, `流程“${process.id}”没有空启动事件`, { elementId: process.id }));
  } else if (noneStarts.length > 1) {
    for (const start of noneStarts.slice(1)) {
      problems.push(problem('process.manyStarts', 'A process may have only one none start event', '一个流程只能有一个空启动事件', { elementId: start.id }));
    }
  }
  validateGateways(elements, flows, problems);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    model: {
      id: String(process.id),
      ...(process.name ? { name: String(process.name) } : {}),
      ...versionTagOf(process),
      gov: govAttributes(process, problems),
      elements,
      flows,
      noneStartId: noneStarts[0].id,
    },
  };
}

function compileNode(element: ModdleElement, problems: ModelProblem[]): FlowNode | undefined {
  const id = String(element.id);
  const kind = KIND_BY_TYPE[element.$type];
  const typeName = element.$type.replace('bpmn:', '');
  if (!kind) {
    const zh = TYPE_NAMES_ZH[element.$type] ?? typeName;
    problems.push(problem('element.unsupported', `${typeName} '${id}' is not executed by this engine yet`, `本引擎暂不支持执行${zh}“${id}”`, { elementId: id }));
    return undefined;
  }
  const eventDefinitions = (element.eventDefinitions as ModdleElement[] | undefined) ?? [];
  if (eventDefinitions.length > 0) {
    const definition = eventDefinitions[0].$type.replace('bpmn:', '');
    problems.push(problem('element.unsupported', `${typeName} '${id}' with a ${definition} is not executed by this engine yet`, `本引擎暂不支持带 ${definition} 的事件“${id}”`, { elementId: id }));
    return undefined;
  }
  if (element.loopCharacteristics) {
    problems.push(problem('element.unsupported', `Loops and multi-instance on '${id}' are not executed by this engine yet`, `本引擎暂不支持“${id}”上的循环或多实例`, { elementId: id }));
    return undefined;
  }
  const defaultFlow = element.default as ModdleElement | undefined;
  return {
    id,
    ...(element.name ? { name: String(element.name) } : {}),
    kind,
    incoming: [],
    outgoing: [],
    ...(defaultFlow ? { defaultFlowId: String(defaultFlow.id) } : {}),
    gov: govAttributes(element, problems),
    ...(kind === 'userTask' ? { userTask: userTaskDefinition(element, problems) } : {}),
    ...(kind === 'serviceTask' ? jobDefinition(element, problems) : {}),
  };
}

function compileFlow(element: ModdleElement, problems: ModelProblem[]): SequenceFlow | undefined {
  const id = String(element.id);
  const source = element.sourceRef as ModdleElement | undefined;
  const target = element.targetRef as ModdleElement | undefined;
  if (!source || !target) {
    problems.push(problem('flow.dangling', `Sequence flow '${id}' must connect a source and a target`, `顺序流“${id}”必须连接起点和终点`, { elementId: id }));
    return undefined;
  }
  const body = (element.conditionExpression as ModdleElement | undefined)?.body;
  let condition;
  if (typeof body === 'string' && body.trim() !== '') {
    const compiled = compileFeel(body.trim());
    if (isFeelSyntaxProblem(compiled)) {
      problems.push(problem('feel.syntax', `Condition of '${id}': ${compiled.message}`, `顺序流“${id}”的条件：${compiled.messageZh}`, { elementId: id }));
    } else {
      condition = compiled;
    }
  }
  return {
    id,
    ...(element.name ? { name: String(element.name) } : {}),
    sourceId: String(source.id),
    targetId: String(target.id),
    ...(condition ? { condition } : {}),
  };
}

function validateGateways(elements: Map<string, FlowNode>, flows: Map<string, SequenceFlow>, problems: ModelProblem[]): void {
  for (const flow of flows.values()) {
    const source = elements.get(flow.sourceId);
    if (!source || !flow.condition) continue;
    if (source.kind !== 'exclusiveGateway') {
      problems.push(problem('flow.conditionNotAllowed', `Conditional flow '${flow.id}' is only supported out of an exclusive gateway`, `仅排他网关的出口顺序流可以设置条件（“${flow.id}”）`, { elementId: flow.id }));
    }
    if (source.defaultFlowId === flow.id) {
      problems.push(problem('flow.defaultWithCondition', `Default flow '${flow.id}' must not have a condition`, `默认顺序流“${flow.id}”不能设置条件`, { elementId: flow.id }));
    }
  }
  for (const node of elements.values()) {
    if (node.kind !== 'exclusiveGateway' || node.outgoing.length < 2) continue;
    for (const flowId of node.outgoing) {
      const flow = flows.get(flowId);
      if (flow && !flow.condition && node.defaultFlowId !== flowId) {
        problems.push(problem('flow.missingCondition', `Flow '${flowId}' out of exclusive gateway '${node.id}' needs a condition or must be the default flow`, `排他网关“${node.id}”的出口顺序流“${flowId}”需要条件，或设为默认流`, { elementId: flowId }));
      }
    }
  }
}

function extensions(element: ModdleElement): ModdleElement[] {
  const container = element.extensionElements as ModdleElement | undefined;
  return (container?.values as ModdleElement[] | undefined) ?? [];
}

function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensions(element).find((value) => value.$type === type);
}

function valueSource(raw: unknown, elementId: string, what: string, problems: ModelProblem[]): ValueSource | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  if (!raw.startsWith('=')) return { static: raw };
  const compiled = compileFeel(raw);
  if (isFeelSyntaxProblem(compiled)) {
    problems.push(problem('feel.syntax', `${what} of '${elementId}': ${compiled.message}`, `“${elementId}”的${what}：${compiled.messageZh}`, { elementId }));
    return undefined;
  }
  return { expression: compiled };
}

function userTaskDefinition(element: ModdleElement, problems: ModelProblem[]): UserTaskDefinition {
  const id = String(element.id);
  const assignment = extension(element, 'zeebe:AssignmentDefinition');
  const schedule = extension(element, 'zeebe:TaskSchedule');
  const form = extension(element, 'zeebe:FormDefinition');
  const pick = (raw: unknown, what: string) => valueSource(raw, id, what, problems);
  const assignee = pick(assignment?.assignee, 'assignee');
  const candidateGroups = pick(assignment?.candidateGroups, 'candidateGroups');
  const candidateUsers = pick(assignment?.candidateUsers, 'candidateUsers');
  const dueDate = pick(schedule?.dueDate, 'dueDate');
  const formKey = form?.formKey ?? form?.formId;
  return {
    ...(assignee ? { assignee } : {}),
    ...(candidateGroups ? { candidateGroups } : {}),
    ...(candidateUsers ? { candidateUsers } : {}),
    ...(dueDate ? { dueDate } : {}),
    ...(typeof formKey === 'string' ? { formKey } : {}),
  };
}

function jobDefinition(element: ModdleElement, problems: ModelProblem[]): { job?: JobDefinition } {
  const id = String(element.id);
  const definition = extension(element, 'zeebe:TaskDefinition');
  const type = valueSource(definition?.type, id, 'job type', problems);
  if (!definition || !type) {
    problems.push(problem('serviceTask.noType', `Service task '${id}' needs a job type (zeebe:taskDefinition type)`, `服务任务“${id}”需要设置作业类型（zeebe:taskDefinition type）`, { elementId: id }));
    return {};
  }
  const retries = definition.retries === undefined ? 3 : Number(definition.retries);
  if (!Number.isInteger(retries) || retries < 0) {
    problems.push(problem('serviceTask.retries', `Retries of '${id}' must be a whole number`, `服务任务“${id}”的重试次数必须是非负整数`, { elementId: id }));
  }
  const headers: Record<string, string> = {};
  const taskHeaders = extension(element, 'zeebe:TaskHeaders');
  for (const header of (taskHeaders?.values as ModdleElement[] | undefined) ?? []) {
    if (typeof header.key === 'string') headers[header.key] = String(header.value ?? '');
  }
  return { job: { type, retries: Number.isInteger(retries) ? retries : 3, headers } };
}

function versionTagOf(process: ModdleElement): { versionTag?: string } {
  const tag = extension(process, 'zeebe:VersionTag')?.value;
  return typeof tag === 'string' && tag !== '' ? { versionTag: tag } : {};
}

function govAttributes(element: ModdleElement, problems: ModelProblem[]): GovAttributes {
  const matter = extension(element, 'gov:Matter');
  const handling = extension(element, 'gov:Handling');
  const sla = extension(element, 'gov:Sla');
  const supervision = extension(element, 'gov:Supervision');
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  let warnAt: number | undefined;
  if (text(sla?.warnAt)) {
    warnAt = Number(sla?.warnAt);
    if (!(warnAt > 0 && warnAt < 1)) {
      problems.push(problem('gov.warnAt', `gov:sla warnAt of '${element.id}' must be a share between 0 and 1, e.g. 0.8`, `“${element.id}”的 gov:sla warnAt 必须是 0 到 1 之间的比例，例如 0.8`, { elementId: String(element.id) }));
      warnAt = undefined;
    }
  }
  const slaValues = {
    statutory: text(sla?.statutory),
    committed: text(sla?.committed),
    calendar: text(sla?.calendar),
    warnAt,
    profile: text(sla?.profile),
  };
  const definedSla = Object.fromEntries(Object.entries(slaValues).filter(([, value]) => value !== undefined));
  const gov = {
    matterCode: text(matter?.code),
    department: text(handling?.department),
    unit: text(handling?.unit),
    sla: Object.keys(definedSla).length > 0 ? definedSla : undefined,
    supervisionUnit: text(supervision?.unit),
  };
  return Object.fromEntries(Object.entries(gov).filter(([, value]) => value !== undefined)) as GovAttributes;
}
