import type { Behaviour } from './behaviour.js';
import { leave } from './flow.js';

/** Start events, none tasks and manual tasks do their work by being passed. */
export const passThrough: Behaviour = {
  activate(execution, node, elementInstanceId) {
    leave(execution, node, elementInstanceId);
  },
};
