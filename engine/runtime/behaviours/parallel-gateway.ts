import type { Behaviour } from './behaviour.js';
import { leave } from './flow.js';

/**
 * Fork: a token down every outgoing flow. Join: waits until a token has arrived on every
 * incoming flow, consuming one per flow, so extra tokens on one flow wait for the next round.
 */
export const parallelGateway: Behaviour = {
  activate(execution, node, elementInstanceId, arrivedVia) {
    if (node.incoming.length > 1) {
      const arrived = (execution.state.joins[node.id] ??= []);
      if (arrivedVia) arrived.push(arrivedVia);
      if (!node.incoming.every((flowId) => arrived.includes(flowId))) return;
      for (const flowId of node.incoming) arrived.splice(arrived.indexOf(flowId), 1);
      if (arrived.length === 0) delete execution.state.joins[node.id];
      execution.nodeEvent('element.activated', node, elementInstanceId);
    }
    leave(execution, node, elementInstanceId);
  },
};
