import type { Behaviour } from './behaviour.js';
import { leave } from './flow.js';

/**
 * Takes the first outgoing flow whose condition is true, in model order, else the default.
 * A condition that fails to evaluate is an incident, never a silently taken default.
 */
export const exclusiveGateway: Behaviour = {
  activate(execution, node, elementInstanceId) {
    if (node.outgoing.length <= 1) return leave(execution, node, elementInstanceId);
    for (const flowId of node.outgoing) {
      const condition = execution.model.flows.get(flowId)?.condition;
      if (!condition) continue;
      const result = condition.evaluate(execution.state.variables);
      if (!result.ok) {
        execution.raiseIncident(node, elementInstanceId, 'EXPRESSION_FAILED', `Condition of '${flowId}': ${result.message}`, `顺序流“${flowId}”的条件：${result.messageZh}`);
        return;
      }
      if (result.value === true) return leave(execution, node, elementInstanceId, [flowId]);
    }
    if (node.defaultFlowId) return leave(execution, node, elementInstanceId, [node.defaultFlowId]);
    execution.raiseIncident(node, elementInstanceId, 'NO_FLOW_TAKEN', `No condition of exclusive gateway '${node.id}' is true and it has no default flow`, `排他网关“${node.id}”没有满足条件的出口，也没有默认流`);
  },
};
