import type { FlowNode } from '../../model/index.js';
import type { Execution } from '../execution.js';
import type { ElementInstanceState } from '../state.js';

/**
 * One element kind's part of the lifecycle (Zeebe's processors): `activate` runs once the
 * element instance has its input mappings and boundary subscriptions. It completes the
 * instance (lifecycle.completeElement), or leaves it waiting for a command.
 */
export interface Behaviour {
  activate(execution: Execution, node: FlowNode, instance: ElementInstanceState): void;
}
