import type { Behaviour } from './behaviour.js';
import { leave } from './flow.js';

/** A none end event consumes its token; the instance completes when no token is left. */
export const endEvent: Behaviour = {
  activate(execution, node, elementInstanceId) {
    leave(execution, node, elementInstanceId, []);
  },
};
