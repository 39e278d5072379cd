import type { Behaviour } from './behaviour.js';

/**
 * Asks the store for a child instance of the called process and waits for it; the child's
 * result comes back through completeCallActivity (variables as zeebe:calledElement says).
 */
export const callActivity: Behaviour = {
  activate(execution, node, instance) {
    const called = node.calledElement;
    const processId = execution.resolve(called?.processId, instance.id);
    if (!called || !processId.ok || processId.value == null || processId.value === '') {
      const message = processId.ok ? 'the called process id evaluated to null' : processId.message;
      const messageZh = processId.ok ? '被调用流程 ID 求值为空' : processId.messageZh;
      execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Called element of '${node.id}': ${message}`, `“${node.id}”的被调用流程：${messageZh}`, 'activate');
      return;
    }
    const variables = called.propagateAllParentVariables ? { ...execution.visible(instance.id) } : { ...(instance.variables ?? {}) };
    instance.phase = 'waiting';
    instance.waitsFor = 'child';
    execution.emit({
      type: 'childInstance.requested',
      elementInstanceId: instance.id,
      elementId: node.id,
      processId: String(processId.value),
      bindingType: called.bindingType,
      ...(called.versionTag ? { versionTag: called.versionTag } : {}),
      variables,
    });
  },
};
