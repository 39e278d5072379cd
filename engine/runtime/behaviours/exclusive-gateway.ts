import { selectFlows } from '../flow-selection.js';
import { completeElement } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';

/**
 * Takes the first outgoing flow, in model order, whose condition is true or that has no
 * condition; else the default. A condition that fails to evaluate is an incident.
 */
export const exclusiveGateway: Behaviour = {
  activate(execution, node, instance) {
    const selected = selectFlows(execution, node, instance.id, true);
    if (!selected.ok) return execution.raiseIncident(instance, selected.errorType, selected.message, selected.messageZh, 'activate');
    completeElement(execution, instance, {}, selected.flowIds);
  },
};
