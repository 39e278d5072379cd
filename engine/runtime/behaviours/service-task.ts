import type { Behaviour } from './behaviour.js';

/** Creates a job for a worker of the task's type and waits for its completion. */
export const serviceTask: Behaviour = {
  activate(execution, node, elementInstanceId) {
    const job = node.job;
    const type = execution.resolve(job?.type);
    if (!job || !type.ok || type.value == null) {
      const message = type.ok ? 'the job type evaluated to null' : type.message;
      const messageZh = type.ok ? '作业类型求值为空' : type.messageZh;
      execution.raiseIncident(node, elementInstanceId, 'EXPRESSION_FAILED', message, messageZh);
      return;
    }
    execution.wait({ id: elementInstanceId, elementId: node.id, state: 'waiting' });
    execution.effects.push({
      type: 'job.created',
      elementInstanceId,
      elementId: node.id,
      jobType: String(type.value),
      retries: job.retries,
      headers: { ...job.headers },
      variables: { ...execution.state.variables },
    });
  },
};
