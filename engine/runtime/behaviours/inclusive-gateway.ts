import { evaluateCondition } from '../conditions.js';
import { completeElement } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';

/**
 * Fork: a token down every flow whose condition is true (the default only when none is).
 * The join side lives in lifecycle.fireInclusiveJoins: it fires once no token can still arrive.
 */
export const inclusiveGateway: Behaviour = {
  activate(execution, node, instance) {
    if (node.outgoing.length <= 1) return completeElement(execution, instance);
    const taken: string[] = [];
    for (const flowId of node.outgoing) {
      const condition = execution.model.flows.get(flowId)?.condition;
      if (!condition) continue;
      const result = evaluateCondition(execution, condition, instance.parentId);
      if (!result.ok) {
        execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Condition of '${flowId}': ${result.message}`, `顺序流“${flowId}”的条件：${result.messageZh}`, 'activate');
        return;
      }
      if (result.value === true) taken.push(flowId);
    }
    if (taken.length === 0 && node.defaultFlowId) taken.push(node.defaultFlowId);
    if (taken.length === 0) {
      execution.raiseIncident(instance, 'NO_FLOW_TAKEN', `No condition of inclusive gateway '${node.id}' is true and it has no default flow`, `包容网关“${node.id}”没有满足条件的出口，也没有默认流`, 'activate');
      return;
    }
    completeElement(execution, instance, {}, taken);
  },
};
