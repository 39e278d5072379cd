import type { ModdleElement } from './parse-bpmn.js';
import { problem, type ModelProblem } from './problem.js';

/**
 * BPMN 2.0 attributes and child elements that mean something in the standard but that this engine (like Zeebe)
 * does not execute. A model that sets them would run as if they were not there (an assignment by potentialOwner
 * lost, a receive task that should start the process that does not), so deployment refuses them, naming each and
 * saying what to write instead. Documentation the standard means as such (data objects and their associations,
 * lanes, text annotations, documentation) stays allowed.
 */
interface Ignored {
  /** The moddle property. */
  property: string;
  /** When the value means something; a default or empty value means nothing. */
  meaningful: (value: unknown) => boolean;
  en: string;
  zh: string;
}

const isSet = (value: unknown) => (Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null);
const not = (expected: unknown) => (value: unknown) => value !== undefined && value !== expected;

const IGNORED: readonly Ignored[] = [
  { property: 'resources', meaningful: isSet, en: 'human performers and potential owners are not read: assign with zeebe:assignmentDefinition', zh: '不读取 humanPerformer/potentialOwner：请用 zeebe:assignmentDefinition 指定办理人' },
  { property: 'ioSpecification', meaningful: isSet, en: 'an ioSpecification (data inputs and outputs) is not read: map variables with zeebe:ioMapping', zh: '不读取 ioSpecification（数据输入输出）：请用 zeebe:ioMapping 映射变量' },
  { property: 'properties', meaningful: isSet, en: 'BPMN properties are not read: use zeebe:properties or process variables', zh: '不读取 BPMN property：请使用 zeebe:properties 或流程变量' },
  { property: 'startQuantity', meaningful: not(1), en: 'startQuantity other than 1 is not executed', zh: '不支持 startQuantity 不为 1' },
  { property: 'completionQuantity', meaningful: not(1), en: 'completionQuantity other than 1 is not executed', zh: '不支持 completionQuantity 不为 1' },
  { property: 'isImmediate', meaningful: isSet, en: 'isImmediate on a sequence flow is not executed', zh: '不支持顺序流的 isImmediate 属性' },
  { property: 'operationRef', meaningful: isSet, en: 'a WSDL operation (operationRef) is not called: use a job type (zeebe:taskDefinition)', zh: '不调用 WSDL 操作（operationRef）：请用作业类型（zeebe:taskDefinition）' },
  {
    property: 'implementation',
    meaningful: (value) => typeof value === 'string' && value !== '##WebService' && value !== '##unspecified',
    en: 'an implementation attribute is not read: use a job type (zeebe:taskDefinition)',
    zh: '不读取 implementation 属性：请用作业类型（zeebe:taskDefinition）',
  },
  { property: 'instantiate', meaningful: (value) => value === true, en: 'instantiate="true" does not start the process: use a message start event', zh: 'instantiate="true" 不会启动流程：请使用消息启动事件' },
  { property: 'eventGatewayType', meaningful: not('Exclusive'), en: 'a parallel event-based gateway is not executed', zh: '不支持并行型事件网关' },
  { property: 'parallelMultiple', meaningful: (value) => value === true, en: 'parallelMultiple events are not executed', zh: '不支持 parallelMultiple 事件' },
];

/** Problems for what `element` sets that the engine would not execute; `id` names it. */
export function ignoredBpmnProblems(element: ModdleElement, id: string): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const type = element.$type.replace('bpmn:', '');
  for (const ignored of IGNORED) {
    // Only what the file set: moddle keeps defaults on the prototype, a parsed value on the element itself.
    if (!Object.hasOwn(element, ignored.property)) continue;
    if (!ignored.meaningful((element as Record<string, unknown>)[ignored.property])) continue;
    problems.push(problem('element.ignoredAttribute', `${type} '${id}': ${ignored.en}`, `${type}“${id}”：${ignored.zh}`, { elementId: id }));
  }
  return problems;
}
