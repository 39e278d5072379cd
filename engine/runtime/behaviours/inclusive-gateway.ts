import { selectFlows } from '../flow-selection.js';
import { completeElement } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';

/**
 * Fork: a token down every flow whose condition is true or that has none (the default only when
 * no other is taken). The join side lives in lifecycle.fireInclusiveJoins: it fires once no
 * token can still arrive.
 */
export const inclusiveGateway: Behaviour = {
  activate(execution, node, instance) {
    const selected = selectFlows(execution, node, instance.id, false);
    if (!selected.ok) return execution.raiseIncident(instance, selected.errorType, selected.message, selected.messageZh, 'activate');
    completeElement(execution, instance, {}, selected.flowIds);
  },
};
