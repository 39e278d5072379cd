import { freeVariableNames } from '../expressions/free-names.js';
import type { FlowNode, ProcessModel } from '../model/index.js';
import type { InstanceState } from './state.js';
import type { Variables } from './variables.js';
import { visibleVariables } from './visible-variables.js';

/** A gateway the completing element leads to, and the variables its conditions read that nobody has given. */
export interface MissingGatewayInput {
  readonly gatewayId: string;
  readonly gatewayName?: string;
  readonly variables: readonly string[];
}

/**
 * Before a user task or a job completes: the exclusive and inclusive gateways its token reaches
 * next without waiting anywhere (straight on, through a parallel split or an exclusive merge),
 * whose conditions read variables that are neither in the case nor in the completion (a null
 * value counts as none). Camunda 8 completes the task and raises an incident at the gateway;
 * Matterflow refuses the completion instead, because the person completing it can still supply
 * the value, and nobody has to repair the case afterwards (docs/gateway-inputs.md).
 *
 * A gateway that can always go on is never a reason to refuse: one with a default flow, or with
 * a flow that has no condition. Names are found by parsing the conditions (free-names.ts), never
 * by evaluating them; anything else that fails at a gateway still becomes an incident.
 */
export function missingGatewayInputs(model: ProcessModel, state: InstanceState, elementInstanceId: string, submitted: Variables): MissingGatewayInput[] {
  const instance = state.elements[elementInstanceId];
  const node = instance ? model.elements.get(instance.elementId) : undefined;
  // A listener's job or one run of a multi-instance activity does not leave the element.
  if (!instance || !node || instance.listener || instance.inner) return [];
  const deciding = gatewaysReachedNext(model, node).filter((gateway) => !canAlwaysGoOn(model, gateway));
  // Most completions lead to no deciding gateway: the scope's variables are gathered only when one does.
  if (deciding.length === 0) return [];
  const known: Variables = { ...visibleVariables(state, instance.parentId), ...submitted };
  for (const output of node.outputs) known[output.target.split('.')[0]] ??= true;
  const missing: MissingGatewayInput[] = [];
  for (const gateway of deciding) {
    const read = new Set(gateway.outgoing.flatMap((flowId) => {
      const condition = model.flows.get(flowId)?.condition;
      return condition ? freeVariableNames(condition.source) : [];
    }));
    const absent = [...read].filter((name) => known[name] === undefined || known[name] === null);
    if (absent.length > 0) missing.push({ gatewayId: gateway.id, ...(gateway.name ? { gatewayName: gateway.name } : {}), variables: absent });
  }
  return missing;
}

/** Deciding gateways a token leaving `node` by its unconditional flows reaches before anything can wait. */
function gatewaysReachedNext(model: ProcessModel, node: FlowNode): FlowNode[] {
  const found: FlowNode[] = [];
  const seen = new Set<string>();
  const queue = [...node.outgoing];
  while (queue.length > 0) {
    const flow = model.flows.get(queue.shift()!);
    if (!flow || flow.condition) continue;
    const target = model.elements.get(flow.targetId);
    if (!target || seen.has(target.id)) continue;
    seen.add(target.id);
    const deciding = target.outgoing.length > 1;
    if (target.kind === 'exclusiveGateway') {
      if (deciding) found.push(target);
      else queue.push(...target.outgoing);
    } else if (target.kind === 'inclusiveGateway' && target.incoming.length === 1) {
      // An inclusive join waits for other tokens, which may still bring the value.
      if (deciding) found.push(target);
      else queue.push(...target.outgoing);
    } else if (target.kind === 'parallelGateway' && target.incoming.length === 1) {
      queue.push(...target.outgoing);
    }
  }
  return found;
}

function canAlwaysGoOn(model: ProcessModel, gateway: FlowNode): boolean {
  return gateway.defaultFlowId !== undefined || gateway.outgoing.some((flowId) => !model.flows.get(flowId)?.condition);
}
