import type { ExecutionListener, FlowNode } from '../../model/index.js';
import type { Execution } from '../execution.js';
import type { ElementInstanceState } from '../state.js';

/** Creates the job of a job-based element (service, send, business rule, message throw) and waits for it. */
export function createJob(execution: Execution, node: FlowNode, instance: ElementInstanceState): void {
  const job = node.job;
  const type = execution.resolve(job?.type, instance.id);
  if (!job || !type.ok || type.value == null || type.value === '') {
    const message = type.ok ? 'the job type evaluated to null' : type.message;
    const messageZh = type.ok ? '作业类型求值为空' : type.messageZh;
    execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Job type of '${node.id}': ${message}`, `“${node.id}”的作业类型：${messageZh}`, 'activate');
    return;
  }
  instance.phase = 'waiting';
  instance.waitsFor = 'job';
  execution.emit({
    type: 'job.created',
    elementInstanceId: instance.id,
    elementId: node.id,
    jobType: String(type.value),
    retries: job.retries,
    headers: { ...job.headers },
    variables: { ...execution.visible(instance.id) },
    ...(node.properties ? { properties: { ...node.properties } } : {}),
  });
}

/**
 * The job of an execution listener (Camunda 8): the element waits for it, like for its own
 * work. Its headers are the element's task headers overlaid by the listener's own. False when the
 * job type could not be evaluated (an incident on the element: `retry` says what a retry re-runs).
 */
export function createListenerJob(execution: Execution, node: FlowNode, instance: ElementInstanceState, listener: ExecutionListener, event: 'start' | 'end', retry: 'activate' | 'complete'): boolean {
  const type = execution.resolve(listener.type, instance.id);
  if (!type.ok || type.value == null || type.value === '') {
    const message = type.ok ? 'the job type evaluated to null' : type.message;
    const messageZh = type.ok ? '作业类型求值为空' : type.messageZh;
    execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Execution listener (${event}) of '${node.id}': ${message}`, `“${node.id}”的${event === 'start' ? '开始' : '结束'}执行监听器：${messageZh}`, retry);
    return false;
  }
  instance.phase = 'waiting';
  instance.waitsFor = 'job';
  execution.emit({
    type: 'job.created',
    elementInstanceId: instance.id,
    elementId: node.id,
    jobType: String(type.value),
    retries: listener.retries,
    headers: { ...(node.job?.headers ?? node.userTask?.headers ?? {}), ...listener.headers },
    variables: { ...execution.visible(instance.id) },
    listenerEventType: event,
    ...(node.properties ? { properties: { ...node.properties } } : {}),
  });
  return true;
}
