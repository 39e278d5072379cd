import { ROOT_ID, type InstanceState } from './state.js';
import type { Variables } from './variables.js';

/**
 * The variables an element instance sees (Zeebe's scopes): the process's, overlaid by the locals
 * of every scope from the outermost down to the element itself (input mappings, a multi-instance
 * run's input element and loopCounter). What a job's worker and a user task's form get, as in
 * Camunda 8, where a job carries every variable visible from its element's scope.
 */
export function visibleVariables(state: Pick<InstanceState, 'variables' | 'elements'>, elementInstanceId: string | undefined): Variables {
  if (elementInstanceId === undefined || elementInstanceId === ROOT_ID) return state.variables;
  const chain: Variables[] = [];
  const elements: Partial<InstanceState['elements']> = state.elements ?? {};
  for (let instance = elements[elementInstanceId]; instance && instance.id !== ROOT_ID; instance = instance.parentId ? elements[instance.parentId] : undefined) {
    if (instance.variables) chain.push(instance.variables);
  }
  if (chain.length === 0) return state.variables;
  const merged: Variables = { ...state.variables };
  for (let index = chain.length - 1; index >= 0; index--) Object.assign(merged, chain[index]);
  return merged;
}
