import type { FlowNode } from '../model/index.js';
import { evaluateCondition } from './conditions.js';
import type { Execution } from './execution.js';

export type Selected = { ok: true; flowIds: string[] } | { ok: false; errorType: 'EXPRESSION_FAILED' | 'NO_FLOW_TAKEN'; message: string; messageZh: string };

/**
 * Which outgoing flows a token takes (BPMN 2.0 §13.2, as Camunda 7 runs it): a flow without a
 * condition is always taken (the default flow aside), a conditional flow when its condition is
 * true, the default flow only when no other is taken. `first` stops at the first flow taken (an
 * exclusive gateway, in model order); otherwise every one is taken (an inclusive gateway, an
 * activity with conditional flows). A condition that cannot be evaluated is a failure, never a
 * silently taken default. Conditions see the variables of `scopeId`.
 */
export function selectFlows(execution: Execution, node: FlowNode, scopeId: string | undefined, first: boolean): Selected {
  const taken: string[] = [];
  for (const flowId of node.outgoing) {
    if (flowId === node.defaultFlowId) continue;
    const condition = execution.model.flows.get(flowId)?.condition;
    if (condition) {
      const result = evaluateCondition(execution, condition, scopeId);
      if (!result.ok) return { ok: false, errorType: 'EXPRESSION_FAILED', message: `Condition of '${flowId}': ${result.message}`, messageZh: `顺序流“${flowId}”的条件：${result.messageZh}` };
      if (result.value !== true) continue;
    }
    taken.push(flowId);
    if (first) break;
  }
  if (taken.length === 0 && node.defaultFlowId) taken.push(node.defaultFlowId);
  if (taken.length === 0 && node.outgoing.length > 0) {
    return {
      ok: false,
      errorType: 'NO_FLOW_TAKEN',
      message: `No outgoing flow of '${node.id}' can be taken: no condition is true and there is no default flow`,
      messageZh: `“${node.id}”没有可走的出口顺序流：没有条件成立，也没有默认流`,
    };
  }
  return { ok: true, flowIds: taken };
}

/** An activity decides among its outgoing flows only when one of them has a condition (or it names a default flow). */
export function hasConditionalOutgoing(execution: Execution, node: FlowNode): boolean {
  return node.defaultFlowId !== undefined || node.outgoing.some((flowId) => execution.model.flows.get(flowId)?.condition !== undefined);
}
