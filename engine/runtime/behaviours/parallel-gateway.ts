import { completeElement } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';

/** Fork: a token down every outgoing flow. The join (a token on every incoming flow) happens in lifecycle.take. */
export const parallelGateway: Behaviour = {
  activate(execution, _node, instance) {
    completeElement(execution, instance);
  },
};
