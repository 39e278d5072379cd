import { completeElement } from '../lifecycle.js';
import { openSubscription } from '../subscriptions.js';
import type { Behaviour } from './behaviour.js';

/**
 * Intermediate catch events and receive tasks wait on their own subscription; entered from an
 * event gateway that already saw the event, they complete at once. A link catch is passed.
 */
export const catchEvent: Behaviour = {
  activate(execution, node, instance) {
    if (instance.triggeredWith || node.event?.type === 'link') {
      completeElement(execution, instance, instance.triggeredWith ?? {});
      return;
    }
    const opened = openSubscription(execution, instance, node, instance.id);
    if (!opened.ok) {
      execution.raiseIncident(instance, opened.errorType, opened.message, opened.messageZh, 'activate');
      return;
    }
    instance.phase = 'waiting';
  },
};
