import type { FlowNode } from '../../model/index.js';
import { throwError } from '../events.js';
import type { Execution } from '../execution.js';
import { terminateChildren } from '../lifecycle.js';
import { ROOT_ID, type ElementInstanceState } from '../state.js';
import { closeSubscriptions } from '../subscriptions.js';
import type { Variables } from '../variables.js';

/** Signal and message throw events hand the event to the store, which broadcasts or publishes it. */
export function emitThrownEvent(execution: Execution, node: FlowNode, instance: ElementInstanceState): { ok: true } | { ok: false } {
  const event = node.event;
  const variables = { ...execution.visible(instance.id) };
  if (event?.type === 'signal') {
    const name = execution.resolve(event.signalName, instance.id);
    if (!name.ok) return failed(execution, instance, `Signal name of '${node.id}': ${name.message}`, `“${node.id}”的信号名称：${name.messageZh}`);
    execution.emit({ type: 'signal.thrown', elementInstanceId: instance.id, elementId: node.id, signalName: String(name.value), variables });
    execution.nodeEvent('signal.thrown', instance, { signalName: String(name.value) });
  }
  if (event?.type === 'message') {
    const name = execution.resolve(event.messageName, instance.id);
    if (!name.ok) return failed(execution, instance, `Message name of '${node.id}': ${name.message}`, `“${node.id}”的消息名称：${name.messageZh}`);
    const key = execution.resolve(event.correlationKey, instance.id);
    if (!key.ok) return failed(execution, instance, `Correlation key of '${node.id}': ${key.message}`, `“${node.id}”的关联键：${key.messageZh}`);
    const correlationKey = key.value == null ? '' : String(key.value);
    execution.emit({ type: 'message.thrown', elementInstanceId: instance.id, elementId: node.id, messageName: String(name.value), correlationKey, variables });
    execution.nodeEvent('message.thrown', instance, { messageName: String(name.value), correlationKey });
  }
  return { ok: true };
}

/**
 * The error or escalation code a throw event throws: as written, or its expression evaluated in the thrower's scope
 * (a string, or a number written as one). Undefined after an incident when the expression fails.
 */
export function thrownCode(execution: Execution, node: FlowNode, instance: ElementInstanceState): string | undefined {
  const event = node.event;
  const [written, expression, what, whatZh] =
    event?.type === 'error' ? [event.errorCode, event.errorCodeExpression, 'Error code', '错误码'] : event?.type === 'escalation' ? [event.escalationCode, event.escalationCodeExpression, 'Escalation code', '升级码'] : [undefined, undefined, '', ''];
  if (!expression) return written ?? '';
  const value = execution.evaluate(expression, instance.id);
  if (!value.ok) return void failed(execution, instance, `${what} of '${node.id}': ${value.message}`, `“${node.id}”的${whatZh}：${value.messageZh}`);
  if ((typeof value.value !== 'string' || value.value === '') && typeof value.value !== 'number') {
    return void failed(execution, instance, `${what} of '${node.id}' must be a non-empty string, got ${JSON.stringify(value.value)}`, `“${node.id}”的${whatZh}必须是非空字符串，实际为 ${JSON.stringify(value.value)}`);
  }
  return String(value.value);
}

function failed(execution: Execution, instance: ElementInstanceState, message: string, messageZh: string): { ok: false } {
  execution.raiseIncident(instance, 'EXPRESSION_FAILED', message, messageZh, 'activate');
  return { ok: false };
}

/**
 * An error end event (or a worker's error) this instance does not catch: passed to the calling instance when that one
 * (or one calling it) catches it, else an incident on the thrower, here (Camunda 8).
 */
export function throwOrFail(execution: Execution, thrower: ElementInstanceState, errorCode: string, errorMessage: string, variables: Variables): void {
  if (throwError(execution, thrower, errorCode, errorMessage, variables)) return;
  if (execution.state.calledBy && execution.services.callersCatch?.(errorCode) !== false) {
    // The call activity in the parent instance gets its chance to catch it.
    execution.emit({ type: 'error.propagated', calledBy: execution.state.calledBy, errorCode, errorMessage, variables: { ...execution.visible(thrower.id), ...variables } });
    const root = execution.instance(ROOT_ID);
    terminateChildren(execution, ROOT_ID);
    if (root) closeSubscriptions(execution, root);
    execution.state.elements = {};
    execution.state.status = 'terminated';
    execution.history({ type: 'instance.terminated', elementId: execution.model.id, elementType: 'process', data: { errorCode } });
    return;
  }
  execution.raiseIncident(
    thrower,
    'UNHANDLED_ERROR',
    `Error '${errorCode}'${errorMessage ? ` (${errorMessage})` : ''} thrown at '${thrower.elementId}' is not caught by any error boundary or event subprocess`,
    `“${thrower.elementId}”抛出的错误“${errorCode}”${errorMessage ? `（${errorMessage}）` : ''}没有被任何错误边界事件或事件子流程捕获`,
    'activate',
  );
}
