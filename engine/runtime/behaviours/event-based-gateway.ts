import { closeSubscriptions, openSubscription } from '../subscriptions.js';
import type { Behaviour } from './behaviour.js';

/** Subscribes to the event behind each outgoing flow; the first event wins (events.triggerSubscription). */
export const eventBasedGateway: Behaviour = {
  activate(execution, node, instance) {
    for (const flowId of node.outgoing) {
      const target = execution.node(execution.model.flows.get(flowId)?.targetId ?? '');
      const opened = openSubscription(execution, instance, target, instance.parentId);
      if (!opened.ok) {
        closeSubscriptions(execution, instance);
        execution.raiseIncident(instance, opened.errorType, opened.message, opened.messageZh, 'activate');
        return;
      }
    }
    instance.phase = 'waiting';
  },
};
