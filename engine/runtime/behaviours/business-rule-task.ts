import type { Behaviour } from './behaviour.js';
import { jobTask } from './job-task.js';

/**
 * A business rule task: with zeebe:calledDecision the store evaluates the DMN decision in the
 * command's transaction (decision.requested) and answers with completeDecision or
 * decisionFailed; without it, a worker does the job.
 */
export const businessRuleTask: Behaviour = {
  activate(execution, node, instance) {
    const called = node.calledDecision;
    if (!called) {
      jobTask.activate(execution, node, instance);
      return;
    }
    const decisionId = execution.resolve(called.decisionId, instance.id);
    if (!decisionId.ok || decisionId.value == null || decisionId.value === '') {
      const message = decisionId.ok ? 'the decision id evaluated to null' : decisionId.message;
      const messageZh = decisionId.ok ? '决策 ID 求值为空' : decisionId.messageZh;
      execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Called decision of '${node.id}': ${message}`, `“${node.id}”调用的决策：${messageZh}`, 'activate');
      return;
    }
    instance.phase = 'waiting';
    instance.waitsFor = 'decision';
    execution.emit({
      type: 'decision.requested',
      elementInstanceId: instance.id,
      elementId: node.id,
      decisionId: String(decisionId.value),
      bindingType: called.bindingType,
      ...(called.versionTag ? { versionTag: called.versionTag } : {}),
      resultVariable: called.resultVariable,
      variables: { ...execution.visible(instance.id) },
    });
  },
};
