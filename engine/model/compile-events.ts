import { extension } from './moddle-access.js';
import type { ModdleElement } from './parse-bpmn.js';
import { problem, type ModelProblem } from './problem.js';
import type { FeelExpression } from '../expressions/index.js';
import type { ElementKind, EventDefinition, TimerDefinition } from './process-model.js';
import { feel, valueSource } from './compile-values.js';
import { parseIsoCycle, parseIsoDateTime, parseIsoDuration, timerValueProblem } from './timer-values.js';

const NAMES_ZH: Record<string, string> = {};

/**
 * An error or escalation code: static, or on a throw event an expression (`=code`) evaluated when it throws, as
 * Camunda 8 allows. A catch event's code is matched as written, so an expression there is refused (null).
 */
function compileCode(text: string | undefined, kind: ElementKind, id: string, what: string, whatZh: string, problems: ModelProblem[]): { static?: string; expression?: FeelExpression } | null | undefined {
  if (text === undefined) return undefined;
  if (!text.startsWith('=')) return { static: text };
  if (kind !== 'endEvent' && kind !== 'intermediateThrowEvent') {
    problems.push(problem('event.codeExpression', `'${id}' catches by ${what} '${text}': a catch event's ${what} must be written out, not an expression`, `“${id}”按${whatZh}“${text}”捕获：捕获事件的${whatZh}必须是固定值，不能是表达式`, { elementId: id }));
    return null;
  }
  const expression = feel(text, id, what, whatZh, problems);
  return expression ? { expression } : null;
}

/** One bpmn:*EventDefinition → EventDefinition, with every problem named on the element. */
export function compileEventDefinition(definition: ModdleElement, kind: ElementKind, id: string, problems: ModelProblem[], event?: ModdleElement): EventDefinition | undefined {
  const where = { elementId: id };
  switch (definition.$type) {
    case 'bpmn:MessageEventDefinition': {
      const message = definition.messageRef as ModdleElement | undefined;
      const messageName = valueSource(message?.name, id, 'message name', problems);
      if (!messageName) {
        problems.push(problem('message.noName', `Message event '${id}' needs a message with a name`, `消息事件“${id}”需要引用一个有名称的消息`, where));
        return undefined;
      }
      const key = message ? extension(message, 'zeebe:Subscription')?.correlationKey : undefined;
      const correlationKey = valueSource(key, id, 'correlation key', problems);
      const catches = kind === 'intermediateCatchEvent' || kind === 'boundaryEvent' || kind === 'receiveTask';
      if (catches && !correlationKey) {
        problems.push(problem('message.noCorrelationKey', `Message catch event '${id}' needs a correlation key (zeebe:subscription correlationKey)`, `消息捕获事件“${id}”需要关联键（zeebe:subscription correlationKey）`, where));
      }
      return { type: 'message', messageName, ...(correlationKey ? { correlationKey } : {}) };
    }
    case 'bpmn:TimerEventDefinition':
      return timerDefinition(definition, id, problems, event);
    case 'bpmn:SignalEventDefinition': {
      const signal = definition.signalRef as ModdleElement | undefined;
      const signalName = valueSource(signal?.name, id, 'signal name', problems);
      if (!signalName) {
        problems.push(problem('signal.noName', `Signal event '${id}' needs a signal with a name`, `信号事件“${id}”需要引用一个有名称的信号`, where));
        return undefined;
      }
      return { type: 'signal', signalName };
    }
    case 'bpmn:ErrorEventDefinition': {
      const error = definition.errorRef as ModdleElement | undefined;
      const errorCode = typeof error?.errorCode === 'string' && error.errorCode.trim() !== '' ? error.errorCode.trim() : undefined;
      if (!errorCode && (kind === 'endEvent')) {
        problems.push(problem('error.noCode', `Error end event '${id}' needs an error with an error code`, `错误结束事件“${id}”需要引用带错误码的错误`, where));
      }
      const code = compileCode(errorCode, kind, id, 'error code', '错误码', problems);
      if (code === null) return undefined;
      return { type: 'error', ...(code?.static ? { errorCode: code.static } : {}), ...(code?.expression ? { errorCodeExpression: code.expression } : {}), ...(typeof error?.name === 'string' ? { errorMessage: error.name } : {}) };
    }
    case 'bpmn:EscalationEventDefinition': {
      const escalation = definition.escalationRef as ModdleElement | undefined;
      const escalationCode = typeof escalation?.escalationCode === 'string' && escalation.escalationCode.trim() !== '' ? escalation.escalationCode.trim() : undefined;
      if (!escalationCode && (kind === 'endEvent' || kind === 'intermediateThrowEvent')) {
        problems.push(problem('escalation.noCode', `Escalation throw event '${id}' needs an escalation with a code`, `升级抛出事件“${id}”需要引用带升级码的升级定义`, where));
      }
      const code = compileCode(escalationCode, kind, id, 'escalation code', '升级码', problems);
      if (code === null) return undefined;
      return { type: 'escalation', ...(code?.static ? { escalationCode: code.static } : {}), ...(code?.expression ? { escalationCodeExpression: code.expression } : {}) };
    }
    case 'bpmn:ConditionalEventDefinition': {
      const body = (definition.condition as ModdleElement | undefined)?.body;
      const condition = typeof body === 'string' && body.trim() !== '' ? feel(body.trim(), id, 'condition', '条件', problems) : undefined;
      if (!condition) {
        if (typeof body !== 'string' || body.trim() === '') problems.push(problem('conditional.noCondition', `Conditional event '${id}' needs a condition`, `条件事件“${id}”需要条件表达式`, where));
        return undefined;
      }
      return { type: 'conditional', condition };
    }
    case 'bpmn:LinkEventDefinition': {
      const linkName = typeof definition.name === 'string' ? definition.name.trim() : '';
      if (linkName === '') {
        problems.push(problem('link.noName', `Link event '${id}' needs a link name`, `链接事件“${id}”需要链接名称`, where));
        return undefined;
      }
      return { type: 'link', linkName };
    }
    case 'bpmn:TerminateEventDefinition':
      return { type: 'terminate' };
    case 'bpmn:CompensateEventDefinition': {
      const activity = definition.activityRef as ModdleElement | undefined;
      if (definition.waitForCompletion === false) {
        problems.push(problem('compensation.noWait', `Compensation event '${id}': waitForCompletion="false" is not supported; the event waits for the handlers`, `补偿事件“${id}”：不支持 waitForCompletion="false"，补偿事件会等待补偿处理完成`, where));
      }
      return { type: 'compensate', ...(activity?.id ? { activityRef: String(activity.id) } : {}) };
    }
    case 'bpmn:CancelEventDefinition':
      return { type: 'cancel' };
    default: {
      const name = definition.$type.replace('bpmn:', '');
      const zh = NAMES_ZH[definition.$type] ?? name;
      problems.push(problem('event.unsupported', `${name} on '${id}' is not executed by this engine yet`, `本引擎暂不支持“${id}”上的${zh}`, where));
      return undefined;
    }
  }
}

function timerDefinition(definition: ModdleElement, id: string, problems: ModelProblem[], event?: ModdleElement): EventDefinition | undefined {
  const where = { elementId: id };
  const present = (['timeDate', 'timeDuration', 'timeCycle'] as const).filter((field) => definition[field]);
  if (present.length !== 1) {
    problems.push(problem('timer.definition', `Timer '${id}' needs exactly one of timeDate, timeDuration, timeCycle`, `定时器“${id}”必须且只能设置 timeDate、timeDuration、timeCycle 之一`, where));
    return undefined;
  }
  const field = present[0];
  const body = (definition[field] as ModdleElement).body;
  const text = typeof body === 'string' ? body.trim() : '';
  const kind = field === 'timeDate' ? 'date' : field === 'timeDuration' ? 'duration' : 'cycle';
  if (text === '') {
    problems.push(problem('timer.empty', `Timer '${id}' has an empty ${field}`, `定时器“${id}”的 ${field} 为空`, where));
    return undefined;
  }
  const value = valueSource(text, id, field, problems);
  if (!value) return undefined;
  if ('static' in value) {
    const valid = kind === 'date' ? parseIsoDateTime(text) : kind === 'duration' ? parseIsoDuration(text) : parseIsoCycle(text);
    if (!valid) {
      const expected = kind === 'date' ? 'an ISO 8601 date-time with an offset, e.g. 2025-10-01T09:00:00+08:00' : kind === 'duration' ? 'an ISO 8601 duration, e.g. P20D or PT2H' : 'an ISO 8601 repeating interval, e.g. R3/PT10M';
      const expectedZh = kind === 'date' ? '带时区的 ISO 8601 时间，例如 2025-10-01T09:00:00+08:00' : kind === 'duration' ? 'ISO 8601 时长，例如 P20D 或 PT2H' : 'ISO 8601 重复间隔，例如 R3/PT10M';
      problems.push(problem('timer.invalid', `Timer '${id}': '${text}' is not ${expected}`, `定时器“${id}”：“${text}”不是${expectedZh}`, where));
      return undefined;
    }
    // Kept in the model (a stored model compiled leniently fails at run time instead).
    const absurd = timerValueProblem(kind, text);
    if (absurd) problems.push(problem('timer.range', `Timer '${id}': ${absurd.message}`, `定时器“${id}”：${absurd.messageZh}`, where));
  }
  // gov:calendar may sit on the timer definition or on its event.
  const calendarName = ((extension(definition, 'gov:Calendar') ?? (event ? extension(event, 'gov:Calendar') : undefined))?.name as string | undefined)?.trim();
  let calendar: TimerDefinition['calendar'];
  if (calendarName) {
    if (calendarName !== 'working' && calendarName !== 'natural') {
      problems.push(problem('timer.calendar', `Timer '${id}': gov:calendar name must be 'working' or 'natural'`, `定时器“${id}”：gov:calendar 的 name 只能是 working（工作日）或 natural（自然日）`, where));
      return undefined;
    }
    if (kind === 'date') {
      problems.push(problem('timer.calendarOnDate', `Timer '${id}': a business calendar applies to durations and cycles, not to a fixed date`, `定时器“${id}”：工作日历只适用于时长和周期，不适用于固定时间`, where));
      return undefined;
    }
    calendar = calendarName;
  }
  return { type: 'timer', timer: { kind, value, ...(calendar ? { calendar } : {}) } };
}
