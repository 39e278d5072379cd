import type { FlowNode } from '../../model/index.js';
import type { Execution } from '../execution.js';

/**
 * One element kind's lifecycle (Zeebe's processors): `activate` when a token arrives;
 * elements that wait are later finished through `complete` by a command.
 */
export interface Behaviour {
  activate(execution: Execution, node: FlowNode, elementInstanceId: string, arrivedVia: string | undefined): void;
}
