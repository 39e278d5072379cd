import { activateElement } from '../lifecycle.js';
import { closeSubscriptions, openEventSubProcessSubscriptions } from '../subscriptions.js';
import type { Behaviour } from './behaviour.js';

/** An embedded subprocess is a scope: its event subprocesses listen, its none start event runs (or, without one, every element without an incoming flow). */
export const subProcess: Behaviour = {
  activate(execution, node, instance) {
    const opened = openEventSubProcessSubscriptions(execution, instance, node.id);
    if (!opened.ok) {
      closeSubscriptions(execution, instance);
      execution.raiseIncident(instance, opened.errorType, opened.message, opened.messageZh, 'activate');
      return;
    }
    const scope = execution.model.scopes.get(node.id);
    const startIds = scope?.noneStartId ? [scope.noneStartId] : (scope?.implicitStartIds ?? []);
    for (const startId of startIds) activateElement(execution, execution.node(startId), instance.id);
  },
};

/** An event subprocess enters through the start event that triggered it, with the event's variables. */
export const eventSubProcess: Behaviour = {
  activate(execution, node, instance) {
    const startId = instance.triggeredStartId ?? execution.model.scopes.get(node.id)?.noneStartId;
    if (!startId) return;
    const triggeredWith = instance.triggeredWith ?? {};
    delete instance.triggeredWith;
    activateElement(execution, execution.node(startId), instance.id, { triggeredWith });
  },
};
