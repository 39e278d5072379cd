import { compileEventDefinition } from './compile-events.js';
import { checkExtensions, executionListenersOf, propertiesOf } from './compile-extensions.js';
import { feel, valueSource } from './compile-values.js';
import { extension, govAttributes, type ModdleList } from './moddle-access.js';
import type { ModdleElement } from './parse-bpmn.js';
import { parseInstant } from '../time/iso-clock.js';
import { ignoredBpmnProblems } from './ignored-bpmn.js';
import { problem, type ModelProblem } from './problem.js';
import { computeInclusiveReachability } from './reachability.js';
import { bindingOf } from './binding-type.js';
import type {
  AdHocDefinition,
  CalledDecisionDefinition,
  CalledElementDefinition,
  ElementKind,
  FlowNode,
  FormBinding,
  HandlingDefinition,
  JobDefinition,
  MultiInstanceDefinition,
  ProcessModel,
  ScopeModel,
  ScriptDefinition,
  SequenceFlow,
  StandardLoopDefinition,
  UserTaskDefinition,
  VariableMapping,
} from './process-model.js';

const KIND_BY_TYPE: Record<string, ElementKind> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:Transaction': 'transaction',
  'bpmn:AdHocSubProcess': 'adHocSubProcess',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
};

// Flow elements with no execution semantics: they are drawn, stored and ignored.
const INERT_TYPES = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

const UNSUPPORTED: Record<string, { en: string; zh: string }> = {
  'bpmn:ComplexGateway': { en: 'Complex gateways are not executed: model the join rule with an inclusive or parallel gateway', zh: '不支持复杂网关：请用包容网关或并行网关表达汇聚规则' },
};

const JOB_KINDS = new Set<ElementKind>(['serviceTask', 'sendTask', 'businessRuleTask']);
const ACTIVITY_KINDS = new Set<ElementKind>(['task', 'manualTask', 'userTask', 'serviceTask', 'sendTask', 'businessRuleTask', 'scriptTask', 'receiveTask', 'subProcess', 'callActivity', 'transaction', 'adHocSubProcess']);

export type CompileProcessResult = { ok: true; model: ProcessModel } | { ok: false; problems: ModelProblem[] };

interface Collected {
  /** Compensation boundary event → handler activity, from bpmn:Association artifacts. */
  associations: Map<string, string>;
  elements: Map<string, FlowNode>;
  flows: Map<string, SequenceFlow>;
  scopes: Map<string, ScopeModel>;
  problems: ModelProblem[];
}

/** Turns one moddle bpmn:Process into a validated ProcessModel, collecting every problem (compile-deployment.ts says what `lenient` is for). */
export function compileProcess(process: ModdleElement, options: { lenient?: boolean } = {}): CompileProcessResult {
  const collected: Collected = { associations: new Map(), elements: new Map(), flows: new Map(), scopes: new Map(), problems: [] };
  const { problems } = collected;
  checkExtensions(process, 'process', String(process.id), problems);
  problems.push(...ignoredBpmnProblems(process, String(process.id)));
  executionListenersOf(process, 'process', String(process.id), undefined, problems);
  const processProperties = propertiesOf(process);
  compileScope(process, String(process.id), true, collected);
  connectFlows(collected);
  findImplicitStarts(collected, String(process.id));
  checkIdLengths([String(process.id), ...collected.elements.keys(), ...collected.flows.keys()], problems);
  const root = collected.scopes.get(String(process.id));
  validateFlows(collected);
  validateLinks(collected);
  validateEventBasedGateways(collected);
  validateReturnTargets(collected);

  if (problems.length > 0 && !options.lenient) return { ok: false, problems };
  const elements = computeInclusiveReachability(collected.elements, collected.flows);
  return {
    ok: true,
    model: {
      id: String(process.id),
      ...(process.name ? { name: String(process.name) } : {}),
      ...versionTagOf(process),
      gov: govAttributes(process, problems),
      ...handlingOf(process, problems),
      elements,
      flows: collected.flows,
      ...(root?.noneStartId ? { noneStartId: root.noneStartId } : {}),
      scopes: collected.scopes,
      ...(processProperties ? { properties: processProperties } : {}),
    },
  };
}

/** Compiles the flow elements of a process or subprocess, recursing into nested subprocesses. */
function compileScope(container: ModdleElement, scopeId: string, isProcess: boolean, collected: Collected, adHoc = false): void {
  const { problems } = collected;
  const flowElements = (container.flowElements as ModdleList) ?? [];
  for (const artifact of (container.artifacts as ModdleList) ?? []) {
    const source = artifact.sourceRef as ModdleElement | undefined;
    const target = artifact.targetRef as ModdleElement | undefined;
    if (artifact.$type === 'bpmn:Association' && source?.id && target?.id) collected.associations.set(String(source.id), String(target.id));
  }
  const elementIds: string[] = [];
  const eventSubProcessIds: string[] = [];
  const noneStarts: string[] = [];
  const triggeredStarts: string[] = [];
  const transactionIds: string[] = [];
  for (const element of flowElements) {
    if (element.$type === 'bpmn:SequenceFlow') {
      const flow = compileFlow(element, problems);
      if (flow) collected.flows.set(flow.id, flow);
      continue;
    }
    if (INERT_TYPES.has(element.$type)) continue;
    const node = compileNode(element, scopeId, collected);
    if (!node) continue;
    collected.elements.set(node.id, node);
    elementIds.push(node.id);
    if (node.kind === 'eventSubProcess') eventSubProcessIds.push(node.id);
    if (node.kind === 'startEvent') (node.event ? triggeredStarts : noneStarts).push(node.id);
    if (node.kind === 'transaction') transactionIds.push(node.id);
  }
  const where = { elementId: scopeId };
  if (isProcess) {
    if (noneStarts.length > 1) {
      for (const start of noneStarts.slice(1)) problems.push(problem('process.manyStarts', 'A process may have only one none start event', '一个流程只能有一个空启动事件', { elementId: start }));
    }
  } else if (adHoc) {
    if (noneStarts.length + triggeredStarts.length > 0) {
      problems.push(problem('adHoc.start', `Ad-hoc subprocess '${scopeId}' must not have start events; its elements are activated by name`, `自由子流程“${scopeId}”不能有启动事件，其中的元素按名称激活`, where));
    }
  } else if (noneStarts.length > 1 || triggeredStarts.length > 0) {
    // No start event at all is an implicit start (findImplicitStarts).
    problems.push(problem('subProcess.start', `Subprocess '${scopeId}' may have one none start event (or none: then every element without an incoming flow starts)`, `子流程“${scopeId}”最多只能有一个空启动事件（没有启动事件时，所有没有入口顺序流的元素一起启动）`, where));
  }
  collected.scopes.set(scopeId, {
    id: scopeId,
    ...(noneStarts[0] ? { noneStartId: noneStarts[0] } : {}),
    implicitStartIds: [],
    triggeredStartIds: triggeredStarts,
    eventSubProcessIds,
    elementIds,
  });
}

function compileNode(element: ModdleElement, scopeId: string, collected: Collected): FlowNode | undefined {
  const { problems } = collected;
  const id = String(element.id);
  const unsupported = UNSUPPORTED[element.$type];
  if (unsupported) {
    problems.push(problem('element.unsupported', `${unsupported.en} ('${id}')`, `${unsupported.zh}（“${id}”）`, { elementId: id }));
    return undefined;
  }
  let kind = KIND_BY_TYPE[element.$type];
  if (!kind) {
    const typeName = element.$type.replace('bpmn:', '');
    problems.push(problem('element.unsupported', `${typeName} '${id}' is not executed by this engine`, `本引擎不支持执行元素“${id}”（${typeName}）`, { elementId: id }));
    return undefined;
  }
  if (kind === 'subProcess' && element.triggeredByEvent === true) kind = 'eventSubProcess';
  problems.push(...ignoredBpmnProblems(element, id));
  const where = { elementId: id };
  const ids = (refs: unknown) => ((refs as ModdleList) ?? []).map((ref) => String(ref.id));
  const defaultFlow = element.default as ModdleElement | undefined;

  checkExtensions(element, kind, id, problems);
  const definitions = (element.eventDefinitions as ModdleList) ?? [];
  for (const definition of definitions) checkExtensions(definition, 'eventDefinition', id, problems);
  if (definitions.length > 1) {
    problems.push(problem('event.multiple', `Event '${id}' has several event definitions; only one is supported`, `事件“${id}”有多个事件定义，只支持一个`, where));
  }
  // A receive task subscribes like a message catch event: its messageRef is compiled as one.
  const eventSource = kind === 'receiveTask' ? { $type: 'bpmn:MessageEventDefinition', messageRef: element.messageRef } : definitions[0];
  const event = eventSource ? compileEventDefinition(eventSource, kind, id, problems, element) : undefined;
  // A definition that failed to compile has its own problem already; placement is checked on the rest.
  if (!eventSource || event) validateEventPlacement(kind, event?.type ?? 'none', id, scopeId, problems);

  if (kind === 'subProcess' || kind === 'eventSubProcess' || kind === 'transaction' || kind === 'adHocSubProcess') compileScope(element, id, false, collected, kind === 'adHocSubProcess');
  if (kind === 'eventSubProcess') validateEventSubProcess(element, id, collected);

  const attachedTo = element.attachedToRef as ModdleElement | undefined;
  const interrupting = kind === 'boundaryEvent' ? element.cancelActivity !== false : kind === 'startEvent' ? element.isInterrupting !== false : true;
  const isJob = JOB_KINDS.has(kind) || ((kind === 'intermediateThrowEvent' || kind === 'endEvent') && event?.type === 'message' && Boolean(extension(element, 'zeebe:TaskDefinition')));
  const isScriptJob = kind === 'scriptTask' && Boolean(extension(element, 'zeebe:TaskDefinition'));
  const script = kind === 'scriptTask' && !isScriptJob ? scriptDefinition(element, problems) : undefined;
  const decision = kind === 'businessRuleTask' && extension(element, 'zeebe:CalledDecision') ? calledDecision(element, problems) : undefined;
  if (decision && extension(element, 'zeebe:TaskDefinition')) {
    problems.push(problem('businessRuleTask.both', `Business rule task '${id}' has both a called decision and a job type: choose one`, `业务规则任务“${id}”同时设置了调用决策和作业类型，只能选其一`, where));
  }
  if (extension(element, 'zeebe:TaskDefinition') && !isJob && !isScriptJob) {
    problems.push(problem('extension.unsupported', `'${id}': a job type (zeebe:taskDefinition) is executed only on service, send, business rule and script tasks and on message throw events`, `“${id}”：作业类型（zeebe:taskDefinition）只适用于服务、发送、业务规则、脚本任务和消息抛出事件`, { elementId: id }));
  }
  const { inputs, outputs } = ioMappings(element, id, problems);
  const listeners = executionListenersOf(element, kind, id, event?.type, problems);
  const properties = propertiesOf(element);
  const node: FlowNode = {
    id,
    ...(element.name ? { name: String(element.name) } : {}),
    kind,
    scopeId,
    incoming: ids(element.incoming),
    outgoing: ids(element.outgoing),
    ...(defaultFlow ? { defaultFlowId: String(defaultFlow.id) } : {}),
    gov: govAttributes(element, problems),
    ...(event ? { event } : {}),
    boundaryIds: [],
    ...(attachedTo ? { attachedToId: String(attachedTo.id) } : {}),
    interrupting,
    ...(element.isForCompensation === true ? { forCompensation: true } : {}),
    inputs,
    outputs,
    ...(kind === 'userTask' ? { userTask: userTaskDefinition(element, problems) } : {}),
    ...((isJob && !decision) || isScriptJob ? jobDefinition(element, problems) : {}),
    ...(decision ? { calledDecision: decision } : {}),
    ...(script ? { script } : {}),
    ...(kind === 'callActivity' ? calledElement(element, problems) : {}),
    ...(kind === 'adHocSubProcess' ? adHocDefinition(element, problems) : {}),
    ...loopOf(element, kind, problems),
    ...(listeners ? { listeners } : {}),
    ...(properties ? { properties } : {}),
  };
  return node;
}

function validateEventPlacement(kind: ElementKind, type: string, id: string, scopeId: string, problems: ModelProblem[]): void {
  const where = { elementId: id };
  const refuse = (en: string, zh: string) => problems.push(problem('event.placement', `${en} ('${id}')`, `${zh}（“${id}”）`, where));
  if (kind === 'startEvent' && ['error', 'escalation', 'link', 'terminate'].includes(type)) {
    // Only allowed in event subprocesses; checked there.
    void scopeId;
  }
  if (kind === 'intermediateCatchEvent' && !['message', 'timer', 'signal', 'conditional', 'link'].includes(type)) {
    refuse('An intermediate catch event needs a message, timer, signal, conditional or link definition', '中间捕获事件需要消息、定时、信号、条件或链接定义');
  }
  if (kind === 'intermediateThrowEvent' && !['none', 'message', 'signal', 'escalation', 'link', 'compensate'].includes(type)) {
    refuse('An intermediate throw event may be none, message, signal, escalation, link or compensation', '中间抛出事件只能是空、消息、信号、升级、链接或补偿事件');
  }
  if (kind === 'endEvent' && !['none', 'message', 'signal', 'error', 'escalation', 'terminate', 'compensate', 'cancel'].includes(type)) {
    refuse('An end event may be none, message, signal, error, escalation, terminate, compensation or cancel', '结束事件只能是空、消息、信号、错误、升级、终止、补偿或取消事件');
  }
  if (kind === 'boundaryEvent' && !['message', 'timer', 'signal', 'error', 'escalation', 'conditional', 'compensate', 'cancel'].includes(type)) {
    refuse('A boundary event needs a message, timer, signal, error, escalation, conditional, compensation or cancel definition', '边界事件需要消息、定时、信号、错误、升级、条件、补偿或取消定义');
  }
}

function validateEventSubProcess(element: ModdleElement, id: string, collected: Collected): void {
  const scope = collected.scopes.get(id);
  const starts = ((element.flowElements as ModdleList) ?? []).filter((child) => child.$type === 'bpmn:StartEvent');
  // compileScope filed the trigger-less starts as none starts: an event subprocess needs exactly one triggered start.
  const problems = collected.problems;
  const index = problems.findIndex((entry) => entry.code === 'subProcess.start' && entry.elementId === id);
  if (index >= 0) problems.splice(index, 1);
  const triggered = starts.filter((start) => ((start.eventDefinitions as ModdleList) ?? []).length > 0);
  if (starts.length !== 1 || triggered.length !== 1) {
    problems.push(problem('eventSubProcess.start', `Event subprocess '${id}' needs exactly one start event with a trigger (message, timer, signal, error, escalation, conditional)`, `事件子流程“${id}”必须有且只有一个带触发器的启动事件（消息、定时、信号、错误、升级、条件）`, { elementId: id }));
    return;
  }
  if (scope) collected.scopes.set(id, { ...scope, noneStartId: String(triggered[0].id), triggeredStartIds: [] });
}

function compileFlow(element: ModdleElement, problems: ModelProblem[]): SequenceFlow | undefined {
  const id = String(element.id);
  checkExtensions(element, 'sequenceFlow', id, problems);
  problems.push(...ignoredBpmnProblems(element, id));
  const source = element.sourceRef as ModdleElement | undefined;
  const target = element.targetRef as ModdleElement | undefined;
  if (!source || !target) {
    problems.push(problem('flow.dangling', `Sequence flow '${id}' must connect a source and a target`, `顺序流“${id}”必须连接起点和终点`, { elementId: id }));
    return undefined;
  }
  const body = (element.conditionExpression as ModdleElement | undefined)?.body;
  let condition;
  if (typeof body === 'string' && body.trim() !== '') {
    condition = feel(body.trim(), id, 'condition', '条件', problems);
  }
  return {
    id,
    ...(element.name ? { name: String(element.name) } : {}),
    sourceId: String(source.id),
    targetId: String(target.id),
    ...(condition ? { condition } : {}),
  };
}

/**
 * BPMN 2.0 §10.5.2 (as Camunda 7 runs it): a process or an embedded subprocess without a start
 * event starts every flow node that has no incoming sequence flow. Boundary events, event
 * subprocesses, compensation handlers and link catch events are entered otherwise and do not count.
 */
function findImplicitStarts(collected: Collected, processId: string): void {
  const { elements, problems } = collected;
  for (const [scopeId, scope] of collected.scopes) {
    const kind = scopeId === processId ? 'process' : elements.get(scopeId)?.kind;
    if (kind === 'eventSubProcess' || kind === 'adHocSubProcess' || scope.noneStartId || scope.triggeredStartIds.length > 0) continue;
    if (kind !== 'process' && kind !== 'subProcess' && kind !== 'transaction') continue;
    const starts = scope.elementIds.filter((id) => {
      const node = elements.get(id);
      if (!node || node.incoming.length > 0 || node.forCompensation) return false;
      if (node.kind === 'boundaryEvent' || node.kind === 'eventSubProcess') return false;
      return !(node.kind === 'intermediateCatchEvent' && node.event?.type === 'link');
    });
    if (starts.length === 0) {
      const what = kind === 'process' ? `Process '${scopeId}' has no start event and no element without an incoming flow to start with` : `Subprocess '${scopeId}' has no start event and no element without an incoming flow to start with`;
      const whatZh = kind === 'process' ? `流程“${scopeId}”没有启动事件，也没有可作为起点的（无入口顺序流的）元素` : `子流程“${scopeId}”没有启动事件，也没有可作为起点的（无入口顺序流的）元素`;
      problems.push(problem(kind === 'process' ? 'process.noStart' : 'subProcess.start', what, whatZh, { elementId: scopeId }));
      continue;
    }
    collected.scopes.set(scopeId, { ...scope, implicitStartIds: starts });
  }
}

/**
 * Incoming and outgoing flows are taken from the flows' sourceRef/targetRef, in document
 * order (the order an exclusive gateway tries its conditions), not from the optional
 * <incoming>/<outgoing> children that some tools omit.
 */
function connectFlows(collected: Collected): void {
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const flow of collected.flows.values()) {
    outgoing.set(flow.sourceId, [...(outgoing.get(flow.sourceId) ?? []), flow.id]);
    incoming.set(flow.targetId, [...(incoming.get(flow.targetId) ?? []), flow.id]);
  }
  for (const [id, node] of collected.elements) {
    collected.elements.set(id, { ...node, incoming: incoming.get(id) ?? [], outgoing: outgoing.get(id) ?? [] });
  }
}

/** Attaches boundary events and checks conditions, defaults and gateways once every node is known. */
function validateFlows(collected: Collected): void {
  const { elements, flows, problems } = collected;
  for (const node of elements.values()) {
    if (node.kind !== 'boundaryEvent') continue;
    const host = node.attachedToId ? elements.get(node.attachedToId) : undefined;
    if (!host || !ACTIVITY_KINDS.has(host.kind)) {
      problems.push(problem('boundary.host', `Boundary event '${node.id}' must be attached to an activity`, `边界事件“${node.id}”必须附着在活动上`, { elementId: node.id }));
      continue;
    }
    (host.boundaryIds as string[]).push(node.id);
    if (node.event?.type === 'compensate') {
      const handler = elements.get(collected.associations.get(node.id) ?? '');
      if (!handler || !handler.forCompensation) {
        problems.push(problem('compensation.handler', `Compensation boundary event '${node.id}' needs an association to an activity marked isForCompensation`, `补偿边界事件“${node.id}”需要通过关联连接到一个标记为补偿处理（isForCompensation）的活动`, { elementId: node.id }));
      } else {
        elements.set(host.id, { ...host, compensationHandlerId: handler.id });
      }
    }
    if (node.event?.type === 'cancel' && host.kind !== 'transaction') {
      problems.push(problem('cancel.host', `Cancel boundary event '${node.id}' must be attached to a transaction subprocess`, `取消边界事件“${node.id}”必须附着在事务子流程上`, { elementId: node.id }));
    }
    if (node.event?.type === 'error' && !node.interrupting) {
      problems.push(problem('boundary.errorNonInterrupting', `Error boundary event '${node.id}' must be interrupting`, `错误边界事件“${node.id}”必须是中断型`, { elementId: node.id }));
    }
  }
  for (const flow of flows.values()) {
    const source = elements.get(flow.sourceId);
    const target = elements.get(flow.targetId);
    if (source && target && source.scopeId !== target.scopeId) {
      problems.push(problem('flow.crossesScope', `Sequence flow '${flow.id}' crosses a subprocess boundary`, `顺序流“${flow.id}”跨越了子流程边界`, { elementId: flow.id }));
    }
    if (!source || !flow.condition) continue;
    // BPMN 2.0 §8.3.13: a condition on a flow out of an exclusive or inclusive gateway or out of an
    // activity; anywhere else (events, parallel and event-based gateways) it would be ignored.
    if (source.kind !== 'exclusiveGateway' && source.kind !== 'inclusiveGateway' && !ACTIVITY_KINDS.has(source.kind)) {
      problems.push(problem('flow.conditionNotAllowed', `Conditional flow '${flow.id}' is only allowed out of an exclusive or inclusive gateway or an activity ('${source.id}' is a ${source.kind})`, `只有排他网关、包容网关和活动的出口顺序流可以设置条件（“${flow.id}”的起点“${source.id}”不可以）`, { elementId: flow.id }));
    }
    if (source.defaultFlowId === flow.id) {
      problems.push(problem('flow.defaultWithCondition', `Default flow '${flow.id}' must not have a condition`, `默认顺序流“${flow.id}”不能设置条件`, { elementId: flow.id }));
    }
  }
  for (const node of elements.values()) {
    if (node.kind === 'endEvent' && node.event?.type === 'cancel') {
      const scope = elements.get(node.scopeId);
      const hasBoundary = scope?.kind === 'transaction' && scope.boundaryIds.some((id) => elements.get(id)?.event?.type === 'cancel');
      if (!hasBoundary) {
        problems.push(problem('cancel.placement', `Cancel end event '${node.id}' must be inside a transaction subprocess that has a cancel boundary event`, `取消结束事件“${node.id}”必须位于带取消边界事件的事务子流程内`, { elementId: node.id }));
      }
    }
    if (node.forCompensation && (node.incoming.length > 0 || node.outgoing.length > 0)) {
      problems.push(problem('compensation.flows', `Compensation handler '${node.id}' must not have sequence flows`, `补偿处理活动“${node.id}”不能连接顺序流`, { elementId: node.id }));
    }
    if (node.kind === 'startEvent' && node.incoming.length > 0) {
      problems.push(problem('startEvent.incoming', `Start event '${node.id}' must not have incoming flows`, `启动事件“${node.id}”不能有入口顺序流`, { elementId: node.id }));
    }
  }
}

/** A link throw needs exactly one link catch of the same name in its scope. */
function validateLinks(collected: Collected): void {
  const { elements, problems } = collected;
  const catches = new Map<string, string[]>();
  for (const node of elements.values()) {
    if (node.kind === 'intermediateCatchEvent' && node.event?.type === 'link') {
      const key = `${node.scopeId}\u0000${node.event.linkName}`;
      catches.set(key, [...(catches.get(key) ?? []), node.id]);
    }
  }
  for (const [key, ids] of catches) {
    if (ids.length > 1) problems.push(problem('link.duplicate', `Link name '${key.split('\u0000')[1]}' is caught by several events`, `链接名“${key.split('\u0000')[1]}”被多个捕获事件使用`, { elementId: ids[1] }));
  }
  for (const node of elements.values()) {
    if (node.kind === 'intermediateThrowEvent' && node.event?.type === 'link' && !catches.has(`${node.scopeId}\u0000${node.event.linkName}`)) {
      problems.push(problem('link.noCatch', `Link throw event '${node.id}' has no link catch event named '${node.event.linkName}' in its scope`, `链接抛出事件“${node.id}”在同一范围内找不到名为“${node.event.linkName}”的链接捕获事件`, { elementId: node.id }));
    }
  }
}

function validateEventBasedGateways(collected: Collected): void {
  const { elements, flows, problems } = collected;
  for (const node of elements.values()) {
    if (node.kind !== 'eventBasedGateway') continue;
    const targets = node.outgoing.map((flowId) => elements.get(flows.get(flowId)?.targetId ?? ''));
    const valid = targets.every((target) => target && ((target.kind === 'intermediateCatchEvent' && ['message', 'timer', 'signal', 'conditional'].includes(target.event?.type ?? '')) || target.kind === 'receiveTask'));
    if (targets.length < 2 || !valid) {
      problems.push(problem('eventBasedGateway.targets', `Event-based gateway '${node.id}' needs at least two outgoing flows, each to a message, timer, signal or conditional catch event or a receive task`, `事件网关“${node.id}”需要至少两个出口，且每个都连接消息、定时、信号、条件捕获事件或接收任务`, { elementId: node.id }));
    }
  }
}

/** gov:operations returnTo must name user tasks of the same flow scope as the task it is on. */
function validateReturnTargets({ elements, problems }: Collected): void {
  for (const node of elements.values()) {
    const targets = node.gov.operations?.returnTo;
    if (!Array.isArray(targets)) continue;
    for (const target of targets) {
      const found = elements.get(target);
      if (found?.kind === 'userTask' && found.scopeId === node.scopeId && found.id !== node.id) continue;
      problems.push(problem('gov.operations', `gov:operations returnTo of '${node.id}' names '${target}', which is not another user task in the same flow scope`, `“${node.id}”的 gov:operations returnTo 中的“${target}”不是同一流程范围内的其他用户任务`, { elementId: node.id }));
    }
  }
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
  const followUpDate = pick(schedule?.followUpDate, 'followUpDate');
  const priority = pick(extension(element, 'zeebe:PriorityDefinition')?.priority, 'priority');
  // A date written as it is (not an expression) is checked now, not at each task: it would fail in every case.
  for (const [what, source] of [['dueDate', dueDate], ['followUpDate', followUpDate]] as const) {
    if (source && 'static' in source && !parseInstant(String(source.static))) {
      problems.push(problem('userTask.date', `User task '${id}': ${what} must be a date-time, e.g. 2025-10-01T17:00:00+08:00 (without a zone: China time), got '${String(source.static)}'`, `用户任务“${id}”：${what} 必须是日期时间，例如 2025-10-01T17:00:00+08:00（不带时区时按北京时间），实际为“${String(source.static)}”`, { elementId: id }));
    }
  }
  if (priority && 'static' in priority) {
    const value = Number(priority.static);
    if (!Number.isInteger(value) || value < 0 || value > 100) {
      problems.push(problem('userTask.priority', `User task '${id}': the priority must be a whole number from 0 to 100`, `用户任务“${id}”：优先级必须是 0 到 100 的整数`, { elementId: id }));
    }
  }
  if (form?.externalReference) {
    problems.push(problem('extension.unsupported', `User task '${id}': only linked forms (formId) and form keys are executed, not externalReference`, `用户任务“${id}”：只支持关联表单（formId）和 formKey，不支持 externalReference`, { elementId: id }));
  }
  const headers = headersOf(element);
  const formKey = form?.formKey;
  const formId = form?.formId;
  const formBinding = form ? formBindingOf(form, id, typeof formId === 'string' && formId !== '', problems) : undefined;
  return {
    ...handlingOf(element, problems),
    ...(assignee ? { assignee } : {}),
    ...(candidateGroups ? { candidateGroups } : {}),
    ...(candidateUsers ? { candidateUsers } : {}),
    ...(dueDate ? { dueDate } : {}),
    ...(followUpDate ? { followUpDate } : {}),
    ...(priority ? { priority } : {}),
    ...(headers ? { headers } : {}),
    ...(typeof formKey === 'string' && formKey !== '' ? { formKey } : {}),
    ...(typeof formId === 'string' && formId !== '' ? { formId } : {}),
    ...(formBinding ? { formBinding } : {}),
  };
}

/** gov:handling department as a static-or-FEEL value (`=handlingUnit` routes by the case's region). */
function handlingOf(element: ModdleElement, problems: ModelProblem[]): { handling?: HandlingDefinition } {
  const department = valueSource(extension(element, 'gov:Handling')?.department, String(element.id), 'gov:handling department', problems);
  return department ? { handling: { department } } : {};
}

function jobDefinition(element: ModdleElement, problems: ModelProblem[]): { job?: JobDefinition } {
  const id = String(element.id);
  const definition = extension(element, 'zeebe:TaskDefinition');
  const type = valueSource(definition?.type, id, 'job type', problems);
  if (!definition || !type) {
    problems.push(problem('serviceTask.noType', `'${id}' needs a job type (zeebe:taskDefinition type)`, `“${id}”需要设置作业类型（zeebe:taskDefinition type）`, { elementId: id }));
    return {};
  }
  const retries = definition.retries === undefined ? 3 : Number(definition.retries);
  if (!Number.isInteger(retries) || retries < 0) {
    problems.push(problem('serviceTask.retries', `Retries of '${id}' must be a whole number`, `“${id}”的重试次数必须是非负整数`, { elementId: id }));
  }
  return { job: { type, retries: Number.isInteger(retries) ? retries : 3, headers: headersOf(element) ?? {} } };
}

function headersOf(element: ModdleElement): Record<string, string> | undefined {
  const values = (extension(element, 'zeebe:TaskHeaders')?.values as ModdleList) ?? [];
  if (values.length === 0) return undefined;
  const headers: Record<string, string> = {};
  for (const header of values) if (typeof header.key === 'string') headers[header.key] = String(header.value ?? '');
  return headers;
}

function scriptDefinition(element: ModdleElement, problems: ModelProblem[]): ScriptDefinition | undefined {
  const id = String(element.id);
  const script = extension(element, 'zeebe:Script');
  if (!script || typeof script.expression !== 'string' || script.expression.trim() === '') {
    const format = typeof element.scriptFormat === 'string' ? ` (scriptFormat '${element.scriptFormat}')` : '';
    problems.push(problem('scriptTask.noExpression', `Script task '${id}' needs a FEEL expression (zeebe:script expression)${format}; other script languages are never run`, `脚本任务“${id}”需要 FEEL 表达式（zeebe:script expression）；出于安全原因不执行其他脚本语言`, { elementId: id }));
    return undefined;
  }
  const expression = feel(script.expression, id, 'script', '脚本表达式', problems);
  if (!expression) return undefined;
  const resultVariable = typeof script.resultVariable === 'string' && script.resultVariable.trim() !== '' ? script.resultVariable.trim() : undefined;
  return { expression, ...(resultVariable ? { resultVariable } : {}) };
}

/**
 * zeebe:calledDecision, as Camunda 8 writes it: the decision id (static or `=expression`), the
 * variable that takes the result, and which version is called (latest, the one deployed with
 * this process, or the one with a version tag).
 */
function calledDecision(element: ModdleElement, problems: ModelProblem[]): CalledDecisionDefinition | undefined {
  const id = String(element.id);
  const definition = extension(element, 'zeebe:CalledDecision') as ModdleElement;
  const attrs = (definition.$attrs ?? {}) as Record<string, unknown>;
  const decisionId = valueSource(definition.decisionId, id, 'decision id', problems);
  const resultVariable = typeof definition.resultVariable === 'string' ? definition.resultVariable.trim() : '';
  const before = problems.length;
  if (!decisionId) problems.push(problem('businessRuleTask.noDecision', `Business rule task '${id}' needs the id of the decision to call (zeebe:calledDecision decisionId)`, `业务规则任务“${id}”需要设置调用的决策 ID（zeebe:calledDecision decisionId）`, { elementId: id }));
  if (!resultVariable) problems.push(problem('businessRuleTask.noResultVariable', `Business rule task '${id}' needs a result variable (zeebe:calledDecision resultVariable)`, `业务规则任务“${id}”需要设置结果变量（zeebe:calledDecision resultVariable）`, { elementId: id }));
  const binding = bindingOf(definition, { en: `Business rule task '${id}'`, zh: `业务规则任务“${id}”`, typeCode: 'businessRuleTask.bindingType', tagCode: 'businessRuleTask.versionTag' }, id, problems);
  const unknown = Object.keys(attrs).filter((name) => !['bindingType', 'versionTag'].includes(name) && !name.startsWith('xmlns'));
  if (unknown.length > 0) problems.push(problem('extension.unsupported', `Business rule task '${id}': zeebe:calledDecision ${unknown.join(', ')} is not executed`, `业务规则任务“${id}”：不支持 zeebe:calledDecision 的 ${unknown.join('、')}`, { elementId: id }));
  if (!decisionId || !binding || problems.length > before) return undefined;
  return { decisionId, resultVariable, ...binding };
}

/**
 * zeebe:calledElement, as Camunda 8 writes it: the called process (static or `=expression`), how variables travel,
 * and which version is started (bindingType: the latest, the one deployed with the calling process, or the newest
 * with a version tag).
 */
function calledElement(element: ModdleElement, problems: ModelProblem[]): { calledElement?: CalledElementDefinition } {
  const id = String(element.id);
  const definition = extension(element, 'zeebe:CalledElement');
  const processId = valueSource(definition?.processId ?? definition?.processIdExpression, id, 'called process id', problems);
  const before = problems.length;
  if (definition?.businessId) {
    problems.push(problem('extension.unsupported', `Call activity '${id}': businessId is not executed`, `调用活动“${id}”：不支持 businessId`, { elementId: id }));
  }
  const binding = bindingOf(definition, { en: `Call activity '${id}'`, zh: `调用活动“${id}”`, typeCode: 'callActivity.bindingType', tagCode: 'callActivity.versionTag' }, id, problems);
  if (!processId) {
    problems.push(problem('callActivity.noProcessId', `Call activity '${id}' needs the id of the process to call (zeebe:calledElement processId)`, `调用活动“${id}”需要设置被调用流程的 ID（zeebe:calledElement processId）`, { elementId: id }));
    return {};
  }
  if (!binding || problems.length > before) return {};
  return {
    calledElement: {
      processId,
      propagateAllChildVariables: definition?.propagateAllChildVariables !== false,
      propagateAllParentVariables: definition?.propagateAllParentVariables !== false,
      ...binding,
    },
  };
}

function adHocDefinition(element: ModdleElement, problems: ModelProblem[]): { adHoc: AdHocDefinition } {
  const id = String(element.id);
  const zeebe = extension(element, 'zeebe:AdHoc');
  if (zeebe?.outputCollection || zeebe?.outputElement) {
    problems.push(problem('extension.unsupported', `Ad-hoc subprocess '${id}': outputCollection and outputElement are not executed`, `自由子流程“${id}”：不支持 outputCollection 和 outputElement`, { elementId: id }));
  }
  const collection = typeof zeebe?.activeElementsCollection === 'string' && zeebe.activeElementsCollection.trim() !== '' ? feel(zeebe.activeElementsCollection.trim(), id, 'activeElementsCollection', '激活元素集合', problems) : undefined;
  const body = (element.completionCondition as ModdleElement | undefined)?.body;
  const completionCondition = typeof body === 'string' && body.trim() !== '' ? feel(body.trim(), id, 'completionCondition', '完成条件', problems) : undefined;
  return {
    adHoc: {
      ...(collection ? { activeElements: collection } : {}),
      ...(completionCondition ? { completionCondition } : {}),
      cancelRemainingInstances: element.cancelRemainingInstances !== false,
    },
  };
}

function ioMappings(element: ModdleElement, id: string, problems: ModelProblem[]): { inputs: VariableMapping[]; outputs: VariableMapping[] } {
  const mapping = extension(element, 'zeebe:IoMapping');
  const read = (list: unknown, what: string, whatZh: string): VariableMapping[] => {
    const result: VariableMapping[] = [];
    for (const parameter of (list as ModdleList) ?? []) {
      const target = typeof parameter.target === 'string' ? parameter.target.trim() : '';
      const raw = typeof parameter.source === 'string' ? parameter.source : '';
      if (target === '' || raw.trim() === '') {
        problems.push(problem('ioMapping.incomplete', `A ${what} mapping of '${id}' needs a source and a target`, `“${id}”的${whatZh}映射需要源和目标`, { elementId: id }));
        continue;
      }
      // Zeebe: a source with '=' is FEEL; without, it is a fixed text value.
      const source = feel(raw.startsWith('=') ? raw : JSON.stringify(raw), id, `${what} mapping '${target}'`, `${whatZh}映射“${target}”`, problems);
      if (source) result.push({ source, target });
    }
    return result;
  };
  return { inputs: read(mapping?.inputParameters, 'input', '输入'), outputs: read(mapping?.outputParameters, 'output', '输出') };
}

function loopOf(element: ModdleElement, kind: ElementKind, problems: ModelProblem[]): { multiInstance?: MultiInstanceDefinition; loop?: StandardLoopDefinition } {
  const loop = element.loopCharacteristics as ModdleElement | undefined;
  if (!loop) return {};
  const id = String(element.id);
  if (!ACTIVITY_KINDS.has(kind)) {
    problems.push(problem('loop.notActivity', `Only activities can loop ('${id}')`, `只有活动可以设置循环（“${id}”）`, { elementId: id }));
    return {};
  }
  if (loop.$type === 'bpmn:StandardLoopCharacteristics') {
    const body = (loop.loopCondition as ModdleElement | undefined)?.body;
    const condition = typeof body === 'string' && body.trim() !== '' ? feel(body.trim(), id, 'loop condition', '循环条件', problems) : undefined;
    const maximum = loop.loopMaximum === undefined ? undefined : Number(loop.loopMaximum);
    if (maximum !== undefined && (!Number.isInteger(maximum) || maximum < 0)) {
      problems.push(problem('loop.maximum', `loopMaximum of '${id}' must be a whole number`, `“${id}”的最大循环次数必须是非负整数`, { elementId: id }));
    }
    if (!condition && maximum === undefined) {
      problems.push(problem('loop.unbounded', `Standard loop '${id}' needs a loop condition or a loop maximum`, `标准循环“${id}”需要循环条件或最大循环次数`, { elementId: id }));
    }
    return { loop: { ...(condition ? { condition } : {}), ...(maximum !== undefined ? { maximum } : {}), testBefore: loop.testBefore === true } };
  }
  checkExtensions(loop, 'loop', id, problems);
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const inputCollectionText = text(zeebe?.inputCollection);
  const inputCollection = inputCollectionText ? feel(inputCollectionText, id, 'inputCollection', '输入集合', problems) : undefined;
  const outputElementText = text(zeebe?.outputElement);
  const outputElement = outputElementText ? feel(outputElementText, id, 'outputElement', '输出元素', problems) : undefined;
  const completionBody = text((loop.completionCondition as ModdleElement | undefined)?.body);
  const completionCondition = completionBody ? feel(completionBody, id, 'completionCondition', '完成条件', problems) : undefined;
  const cardinalityBody = text((loop.loopCardinality as ModdleElement | undefined)?.body);
  const cardinality = cardinalityBody ? feel(cardinalityBody, id, 'loopCardinality', '循环基数', problems) : undefined;
  if (!inputCollectionText && !cardinalityBody) {
    problems.push(problem('multiInstance.noCollection', `Multi-instance '${id}' needs an input collection (zeebe:loopCharacteristics inputCollection) or a loop cardinality`, `多实例“${id}”需要输入集合（zeebe:loopCharacteristics inputCollection）或循环基数`, { elementId: id }));
  }
  if (text(zeebe?.outputCollection) && !outputElementText) {
    problems.push(problem('multiInstance.noOutputElement', `Multi-instance '${id}' has an output collection but no output element`, `多实例“${id}”设置了输出集合但没有输出元素`, { elementId: id }));
  }
  const inputElement = text(zeebe?.inputElement);
  const outputCollection = text(zeebe?.outputCollection);
  return {
    multiInstance: {
      sequential: loop.isSequential === true,
      ...(inputCollection ? { inputCollection } : {}),
      ...(inputElement ? { inputElement } : {}),
      ...(outputCollection ? { outputCollection } : {}),
      ...(outputElement ? { outputElement } : {}),
      ...(completionCondition ? { completionCondition } : {}),
      ...(cardinality ? { cardinality } : {}),
    },
  };
}

/**
 * zeebe:formDefinition bindingType, as Camunda 8 writes it for a linked form: latest (the default: the newest version
 * when the task is created), deployment (the version sent with the process) or versionTag (the newest with that tag).
 */
function formBindingOf(form: ModdleElement, id: string, linked: boolean, problems: ModelProblem[]): FormBinding | undefined {
  const binding = bindingOf(form, { en: `User task '${id}', its form`, zh: `用户任务“${id}”的表单`, typeCode: 'userTask.formBinding', tagCode: 'userTask.formBinding' }, id, problems);
  if (!binding || binding.bindingType === 'latest') return undefined;
  if (!linked) {
    problems.push(problem('userTask.formBinding', `User task '${id}': a form bindingType applies to a linked form (formId)`, `用户任务“${id}”：表单 bindingType 只适用于关联表单（formId）`, { elementId: id }));
    return undefined;
  }
  return binding.bindingType === 'versionTag' ? { bindingType: 'versionTag', versionTag: binding.versionTag! } : { bindingType: 'deployment' };
}

function versionTagOf(process: ModdleElement): { versionTag?: string } {
  const tag = extension(process, 'zeebe:VersionTag')?.value;
  return typeof tag === 'string' && tag !== '' ? { versionTag: tag } : {};
}

/** Ids travel into indexed columns and request fields (processId, elementId) that take at most this many characters. */
export const MAX_ID_LENGTH = 200;

/** An id longer than a request may name it could be deployed but never started or addressed: refused, naming it. */
function checkIdLengths(ids: Iterable<string>, problems: ModelProblem[]): void {
  for (const id of ids) {
    if (id.length <= MAX_ID_LENGTH) continue;
    const shown = `${id.slice(0, 40)}…`;
    problems.push(problem('element.idTooLong', `The id '${shown}' has ${id.length} characters; ids may have at most ${MAX_ID_LENGTH}`, `标识“${shown}”有 ${id.length} 个字符，标识最多 ${MAX_ID_LENGTH} 个字符`, { elementId: shown }));
  }
}
