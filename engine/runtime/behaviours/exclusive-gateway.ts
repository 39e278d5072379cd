import { evaluateCondition } from '../conditions.js';
import { completeElement } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';

/**
 * Takes the first outgoing flow whose condition is true, in model order, else the default.
 * A condition that fails to evaluate is an incident, never a silently taken default.
 */
export const exclusiveGateway: Behaviour = {
  activate(execution, node, instance) {
    if (node.outgoing.length <= 1) return completeElement(execution, instance);
    for (const flowId of node.outgoing) {
      const condition = execution.model.flows.get(flowId)?.condition;
      if (!condition) continue;
      const result = evaluateCondition(execution, condition, instance.parentId);
      if (!result.ok) {
        execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Condition of '${flowId}': ${result.message}`, `顺序流“${flowId}”的条件：${result.messageZh}`, 'activate');
        return;
      }
      if (result.value === true) return completeElement(execution, instance, {}, [flowId]);
    }
    if (node.defaultFlowId) return completeElement(execution, instance, {}, [node.defaultFlowId]);
    execution.raiseIncident(instance, 'NO_FLOW_TAKEN', `No condition of exclusive gateway '${node.id}' is true and it has no default flow`, `排他网关“${node.id}”没有满足条件的出口，也没有默认流`, 'activate');
  },
};
