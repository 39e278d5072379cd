import type { FlowNode } from '../../model/index.js';
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
  });
}
