import type { Execution } from './execution.js';
import { triggerSubscription } from './events.js';

/**
 * Conditional events fire when their condition becomes true: evaluated whenever a step that
 * changed variables has settled. A condition that cannot be evaluated yet (a variable not set)
 * is not true; the event keeps waiting.
 */
export function evaluateConditionals(execution: Execution): boolean {
  if (!execution.variablesChanged) return false;
  execution.variablesChanged = false;
  let triggered = false;
  for (const instance of Object.values(execution.state.elements)) {
    for (const subscription of instance.subscriptions ?? []) {
      if (subscription.kind !== 'conditional') continue;
      const event = execution.node(subscription.elementId).event;
      if (event?.type !== 'conditional') continue;
      const result = execution.evaluate(event.condition, instance.id);
      const holds = result.ok && result.value === true;
      if (holds && !subscription.satisfied) {
        subscription.satisfied = true;
        triggered = true;
        const ownerId = instance.id;
        const elementId = subscription.elementId;
        const current = () => execution.instance(ownerId)?.subscriptions?.find((candidate) => candidate.elementId === elementId && candidate.kind === 'conditional');
        execution.schedule(
          () => {
            const owner = execution.instance(ownerId);
            const subscription = current();
            if (owner && subscription) triggerSubscription(execution, owner, subscription, {});
          },
          {
            // Not run (the command's step budget is spent): the condition is looked at again next time.
            drop: () => {
              const subscription = current();
              if (subscription) subscription.satisfied = false;
            },
          },
        );
      } else if (!holds) {
        subscription.satisfied = false;
      }
    }
  }
  return triggered;
}
