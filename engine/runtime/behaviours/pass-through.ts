import { completeElement } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';

/**
 * None tasks, manual tasks, start events and boundary events do their work by being passed
 * (a triggered event brings the variables of its message or signal along).
 */
export const passThrough: Behaviour = {
  activate(execution, _node, instance) {
    completeElement(execution, instance, instance.triggeredWith ?? {});
  },
};
