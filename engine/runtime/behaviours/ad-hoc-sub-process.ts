import { activateElement, checkScopeCompletion } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';

/**
 * An ad-hoc subprocess activates the inner elements its activeElementsCollection names (ids of
 * elements without incoming flows); more can be activated later by instance modification. It
 * completes as its completion condition says (lifecycle.checkScopeCompletion).
 */
export const adHocSubProcess: Behaviour = {
  activate(execution, node, instance) {
    const definition = node.adHoc;
    let ids: string[] = [];
    if (definition?.activeElements) {
      const result = execution.evaluate(definition.activeElements, instance.id);
      if (!result.ok) {
        execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Active elements of '${node.id}': ${result.message}`, `“${node.id}”的激活元素集合：${result.messageZh}`, 'activate');
        return;
      }
      const value = result.value;
      const inside = execution.model.scopes.get(node.id)?.elementIds ?? [];
      const valid = Array.isArray(value) && value.every((entry) => typeof entry === 'string' && inside.includes(entry) && execution.node(entry).incoming.length === 0 && execution.node(entry).kind !== 'boundaryEvent');
      if (!valid) {
        execution.raiseIncident(
          instance,
          'EXPRESSION_FAILED',
          `Active elements of '${node.id}' must be a list of ids of its elements without incoming flows, got ${JSON.stringify(value)}`,
          `“${node.id}”的激活元素集合必须是其中无入口顺序流的元素 ID 列表，实际为 ${JSON.stringify(value)}`,
          'activate',
        );
        return;
      }
      ids = value as string[];
    }
    for (const id of ids) activateElement(execution, execution.node(id), instance.id);
    if (ids.length === 0) checkScopeCompletion(execution, instance.id);
  },
};
