import type { FlowNode, SequenceFlow } from './process-model.js';

/**
 * For every inclusive join, which flow nodes of its scope can still send a token to each
 * incoming flow (BPMN 2.0 §13.3.4: the join waits only for tokens that can still arrive).
 * Computed once at deploy by walking the flows backwards; a path through the join itself
 * does not count (that token must pass the join first), and a boundary event is reached
 * from the activity it is attached to.
 */
export function computeInclusiveReachability(elements: ReadonlyMap<string, FlowNode>, flows: ReadonlyMap<string, SequenceFlow>): Map<string, FlowNode> {
  const result = new Map(elements);
  for (const gateway of elements.values()) {
    if (gateway.kind !== 'inclusiveGateway' || gateway.incoming.length < 2) continue;
    const reachableFrom: Record<string, string[]> = {};
    for (const flowId of gateway.incoming) {
      const flow = flows.get(flowId);
      reachableFrom[flowId] = flow ? predecessors(flow.sourceId, gateway.id, elements, flows) : [];
    }
    result.set(gateway.id, { ...gateway, reachableFrom });
  }
  return result;
}

function predecessors(startId: string, gatewayId: string, elements: ReadonlyMap<string, FlowNode>, flows: ReadonlyMap<string, SequenceFlow>): string[] {
  const seen = new Set<string>();
  const queue = [startId];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (id === gatewayId || seen.has(id)) continue;
    seen.add(id);
    const node = elements.get(id);
    if (!node) continue;
    for (const flowId of node.incoming) {
      const flow = flows.get(flowId);
      if (flow) queue.push(flow.sourceId);
    }
    if (node.attachedToId) queue.push(node.attachedToId);
  }
  return [...seen];
}
