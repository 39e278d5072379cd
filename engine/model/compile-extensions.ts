import { valueSource } from './compile-values.js';
import { extension, extensions, type ModdleList } from './moddle-access.js';
import type { ModdleElement } from './parse-bpmn.js';
import { problem, type ModelProblem } from './problem.js';
import type { ElementKind, ExecutionListener, ExecutionListeners } from './process-model.js';

/**
 * Nothing in a model is silently ignored (D3): every extension element and every attribute of
 * another namespace is either executed or refused at deployment, naming the element. These are
 * the extension elements each kind of element may carry; what the table does not name (Camunda
 * 7's camunda:*, zeebe:taskListeners, a vendor's own) is refused.
 */
type Holder = ElementKind | 'process' | 'sequenceFlow' | 'eventDefinition' | 'loop';

const EVERY_NODE = ['zeebe:IoMapping', 'zeebe:Properties', 'zeebe:ExecutionListeners'];
const GOV_ACTIVITY = ['gov:Matter', 'gov:Handling', 'gov:Sla', 'gov:Supervision'];
const JOB = ['zeebe:TaskDefinition', 'zeebe:TaskHeaders'];
const EVENT = ['gov:Calendar'];

const ALLOWED: Record<Holder, readonly string[]> = {
  process: ['zeebe:VersionTag', 'zeebe:Properties', 'zeebe:UserTaskForm', ...GOV_ACTIVITY],
  sequenceFlow: [],
  eventDefinition: ['gov:Calendar'],
  loop: ['zeebe:LoopCharacteristics'],
  startEvent: [...EVERY_NODE, ...EVENT],
  endEvent: [...EVERY_NODE, ...EVENT, ...JOB],
  intermediateCatchEvent: [...EVERY_NODE, ...EVENT],
  intermediateThrowEvent: [...EVERY_NODE, ...EVENT, ...JOB],
  boundaryEvent: [...EVERY_NODE, ...EVENT],
  task: [...EVERY_NODE, ...GOV_ACTIVITY],
  manualTask: [...EVERY_NODE, ...GOV_ACTIVITY],
  userTask: [...EVERY_NODE, ...GOV_ACTIVITY, 'zeebe:UserTask', 'zeebe:AssignmentDefinition', 'zeebe:TaskSchedule', 'zeebe:FormDefinition', 'zeebe:PriorityDefinition', 'zeebe:TaskHeaders'],
  serviceTask: [...EVERY_NODE, ...GOV_ACTIVITY, ...JOB],
  sendTask: [...EVERY_NODE, ...GOV_ACTIVITY, ...JOB],
  businessRuleTask: [...EVERY_NODE, ...GOV_ACTIVITY, ...JOB, 'zeebe:CalledDecision'],
  scriptTask: [...EVERY_NODE, ...GOV_ACTIVITY, ...JOB, 'zeebe:Script'],
  receiveTask: [...EVERY_NODE, ...GOV_ACTIVITY],
  subProcess: [...EVERY_NODE, ...GOV_ACTIVITY],
  eventSubProcess: [...EVERY_NODE, ...GOV_ACTIVITY],
  transaction: [...EVERY_NODE, ...GOV_ACTIVITY],
  adHocSubProcess: [...EVERY_NODE, ...GOV_ACTIVITY, 'zeebe:AdHoc'],
  callActivity: [...EVERY_NODE, ...GOV_ACTIVITY, 'zeebe:CalledElement'],
  exclusiveGateway: EVERY_NODE,
  parallelGateway: EVERY_NODE,
  inclusiveGateway: EVERY_NODE,
  eventBasedGateway: EVERY_NODE,
};

/** Why some extensions are refused, beyond "not executed". */
const REASONS: Record<string, { en: string; zh: string }> = {
  'zeebe:TaskListeners': {
    en: 'user task listeners (zeebe:taskListeners) are not executed: model the step as a service task before or after the user task, or as an execution listener',
    zh: '不执行用户任务监听器（zeebe:taskListeners）：请改为用户任务前后的服务任务，或使用执行监听器',
  },
  'zeebe:JobPriorityDefinition': { en: 'job priorities (zeebe:jobPriorityDefinition) are not executed: jobs are activated by due time', zh: '不执行作业优先级（zeebe:jobPriorityDefinition）：作业按到期时间领取' },
  'zeebe:LinkedResources': { en: 'linked resources (zeebe:linkedResources) are not executed', zh: '不执行关联资源（zeebe:linkedResources）' },
  'zeebe:AgentDefinition': { en: 'AI agent definitions (zeebe:agentDefinition) are not executed', zh: '不执行 AI 代理定义（zeebe:agentDefinition）' },
  'zeebe:ConditionalFilter': { en: 'conditional event filters (zeebe:conditionalFilter) are not executed: the condition is checked after every change of variables', zh: '不执行条件事件过滤（zeebe:conditionalFilter）：每次变量变化后都会检查条件' },
};

export function checkExtensions(element: ModdleElement, holder: Holder, id: string, problems: ModelProblem[]): void {
  const allowed = ALLOWED[holder];
  for (const value of extensions(element)) {
    if (allowed.includes(value.$type)) continue;
    const reason = REASONS[value.$type];
    const where = holder === 'process' ? 'the process' : holder === 'sequenceFlow' ? 'a sequence flow' : holder === 'eventDefinition' ? 'an event definition' : holder === 'loop' ? 'loop characteristics' : `a ${holder}`;
    problems.push(
      problem(
        'extension.unsupported',
        reason ? `'${id}': ${reason.en}` : `'${id}': the extension ${value.$type} is not executed on ${where}; remove it`,
        reason ? `“${id}”：${reason.zh}` : `“${id}”：本引擎不执行此处的扩展 ${value.$type}，请删除`,
        { elementId: id },
      ),
    );
  }
  checkForeignAttributes(element, id, problems);
}

/**
 * Attributes of another namespace (camunda:asyncBefore, camunda:assignee, …) have no meaning
 * here. Namespace declarations and xsi:type are XML, not model content.
 */
export function checkForeignAttributes(element: ModdleElement, id: string, problems: ModelProblem[]): void {
  const attributes = (element.$attrs as Record<string, string> | undefined) ?? {};
  for (const name of Object.keys(attributes)) {
    if (name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:')) continue;
    problems.push(problem('extension.unsupported', `'${id}': the attribute ${name} is not executed by this engine; remove it`, `“${id}”：本引擎不执行属性 ${name}，请删除`, { elementId: id }));
  }
}

/** zeebe:properties: custom metadata, handed to tasks and jobs and shown with the definition. */
export function propertiesOf(element: ModdleElement): Readonly<Record<string, string>> | undefined {
  const list = (extension(element, 'zeebe:Properties')?.properties as ModdleList) ?? [];
  if (list.length === 0) return undefined;
  const result: Record<string, string> = {};
  for (const property of list) if (typeof property.name === 'string') result[property.name] = String(property.value ?? '');
  return result;
}

/**
 * zeebe:executionListeners, run as jobs with Camunda 8's semantics: start listeners after the
 * input mappings and before the element does anything, end listeners after the output mappings
 * and before it is left, each waiting for its job, in model order. Where Camunda 8 has no such
 * listener (start listeners of start and boundary events, end listeners of gateways and error
 * end events, any listener of a compensation boundary event or of the process) it is refused.
 */
export function executionListenersOf(element: ModdleElement, holder: ElementKind | 'process', id: string, eventType: string | undefined, problems: ModelProblem[]): ExecutionListeners | undefined {
  const container = extension(element, 'zeebe:ExecutionListeners');
  const list = (container?.listeners as ModdleList) ?? [];
  if (list.length === 0) return undefined;
  const where = { elementId: id };
  if (holder === 'process') {
    problems.push(problem('listener.process', `Process '${id}': execution listeners of the process are not executed; put them on its start or end events`, `流程“${id}”：不执行流程级执行监听器，请设在开始或结束事件上`, where));
    return undefined;
  }
  const result: { start: ExecutionListener[]; end: ExecutionListener[] } = { start: [], end: [] };
  const seen = new Set<string>();
  for (const listener of list) {
    const kind = listener.eventType;
    const typeText = typeof listener.type === 'string' ? listener.type.trim() : '';
    if (kind !== 'start' && kind !== 'end') {
      problems.push(problem('listener.eventType', `'${id}': an execution listener needs eventType "start" or "end"`, `“${id}”：执行监听器的 eventType 必须是 start 或 end`, where));
      continue;
    }
    const type = valueSource(typeText, id, 'execution listener type', problems);
    if (!type) {
      problems.push(problem('listener.type', `'${id}': an execution listener needs a job type`, `“${id}”：执行监听器需要作业类型`, where));
      continue;
    }
    const refused = kind === 'start' ? startRefused(holder) : endRefused(holder, eventType);
    if (refused || eventType === 'compensate') {
      const what = `${kind} execution listeners`;
      problems.push(problem('listener.placement', `'${id}': ${what} are not supported on ${refused ?? 'a compensation event'} (as in Camunda 8)`, `“${id}”：${kind === 'start' ? '开始' : '结束'}执行监听器不能设在${refused ?? '补偿事件'}上（与 Camunda 8 相同）`, where));
      continue;
    }
    if (seen.has(`${kind}/${typeText}`)) {
      problems.push(problem('listener.duplicate', `'${id}': two ${kind} execution listeners of type '${typeText}'`, `“${id}”：有两个作业类型为“${typeText}”的${kind === 'start' ? '开始' : '结束'}执行监听器`, where));
      continue;
    }
    seen.add(`${kind}/${typeText}`);
    const retries = listener.retries === undefined || listener.retries === '' ? 3 : Number(listener.retries);
    if (!Number.isInteger(retries) || retries < 0) {
      problems.push(problem('listener.retries', `'${id}': the retries of execution listener '${typeText}' must be a whole number`, `“${id}”：执行监听器“${typeText}”的重试次数必须是非负整数`, where));
      continue;
    }
    const headers: Record<string, string> = {};
    for (const header of ((listener.headers as ModdleElement | undefined)?.values as ModdleList) ?? []) {
      if (typeof header.key === 'string') headers[header.key] = String(header.value ?? '');
    }
    result[kind].push({ type, retries, headers });
  }
  return result.start.length + result.end.length > 0 ? result : undefined;
}

function startRefused(kind: ElementKind): string | undefined {
  if (kind === 'startEvent') return 'a start event';
  if (kind === 'boundaryEvent') return 'a boundary event';
  return undefined;
}

function endRefused(kind: ElementKind, eventType: string | undefined): string | undefined {
  if (kind === 'exclusiveGateway' || kind === 'parallelGateway' || kind === 'inclusiveGateway' || kind === 'eventBasedGateway') return 'a gateway';
  if (kind === 'endEvent' && eventType === 'error') return 'an error end event';
  return undefined;
}
