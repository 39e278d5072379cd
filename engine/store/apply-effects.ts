import type { ChildInstanceCancelRequested, ChildInstanceRequested, DecisionRequested, Effect, ErrorPropagated, EscalationPropagated, IncidentCreated, MessageThrown, SignalThrown } from '../runtime/index.js';
import { createIncidents, resolveIncidents, type IncidentCause } from './effects/incidents.js';
import type { InstanceScope } from './effects/instance-scope.js';
import { cancelJobsOf, createServiceJob } from './effects/jobs.js';
import { closeMessageSubscription, closeSignalSubscription, openMessageSubscription, openSignalSubscription } from './effects/subscriptions.js';
import { cancelTimer, createTimer } from './effects/timers.js';
import { cancelUserTask, createUserTask } from './effects/user-tasks.js';

/**
 * What reaches beyond the instance: other instances (children, parents, signal and message
 * receivers). The instance runner implements it; the store only writes this instance's rows.
 */
export interface EffectHost {
  childRequested(scope: InstanceScope, effect: ChildInstanceRequested): Promise<void>;
  childCancelRequested(scope: InstanceScope, effect: ChildInstanceCancelRequested): Promise<void>;
  decisionRequested(scope: InstanceScope, effect: DecisionRequested): Promise<void>;
  errorPropagated(scope: InstanceScope, effect: ErrorPropagated): void;
  escalationPropagated(scope: InstanceScope, effect: EscalationPropagated): void;
  signalThrown(scope: InstanceScope, effect: SignalThrown): Promise<void>;
  messageThrown(scope: InstanceScope, effect: MessageThrown): void;
  messageSubscriptionOpened(scope: InstanceScope, subscriptionId: string): void;
}

/** Writes what the interpreter did, in the command's transaction (CONTRACT.md says what each effect means). */
export async function applyEffects(scope: InstanceScope, effects: readonly Effect[], host: EffectHost, cause?: IncidentCause): Promise<void> {
  // New incidents are written together, as soon as anything else than history comes between.
  let incidents: IncidentCreated[] = [];
  const writeIncidents = async () => {
    const batch = incidents;
    incidents = [];
    await createIncidents(scope, batch, cause);
  };
  for (const effect of effects) {
    if (effect.type === 'incident.created') {
      incidents.push(effect);
      continue;
    }
    if (effect.type !== 'history' && incidents.length > 0) await writeIncidents();
    switch (effect.type) {
      case 'history': {
        const { type, elementId, elementType, elementName, elementInstanceId, data } = effect.event;
        scope.record({ type, elementId, elementType, elementName, elementInstanceId, data });
        break;
      }
      case 'userTask.created':
        await createUserTask(scope, effect);
        break;
      case 'userTask.canceled':
        await cancelUserTask(scope, effect.elementInstanceId);
        break;
      case 'job.created':
        await createServiceJob(scope, effect);
        break;
      case 'job.canceled':
        await cancelJobsOf(scope, effect.elementInstanceId, 'service');
        break;
      case 'timer.created':
        await createTimer(scope, effect);
        break;
      case 'timer.canceled':
        await cancelTimer(scope, effect);
        break;
      case 'messageSubscription.opened':
        host.messageSubscriptionOpened(scope, await openMessageSubscription(scope, effect));
        break;
      case 'messageSubscription.closed':
        await closeMessageSubscription(scope, effect);
        break;
      case 'signalSubscription.opened':
        await openSignalSubscription(scope, effect);
        break;
      case 'signalSubscription.closed':
        await closeSignalSubscription(scope, effect);
        break;
      case 'signal.thrown':
        await host.signalThrown(scope, effect);
        break;
      case 'message.thrown':
        host.messageThrown(scope, effect);
        break;
      case 'childInstance.requested':
        await host.childRequested(scope, effect);
        break;
      case 'childInstance.cancelRequested':
        await host.childCancelRequested(scope, effect);
        break;
      case 'decision.requested':
        await host.decisionRequested(scope, effect);
        break;
      case 'error.propagated':
        host.errorPropagated(scope, effect);
        break;
      case 'escalation.propagated':
        host.escalationPropagated(scope, effect);
        break;
      case 'incident.resolved':
        await resolveIncidents(scope, effect);
        break;
      default: {
        const unknown: never = effect;
        throw new Error(`The store does not know the effect ${JSON.stringify(unknown)}`);
      }
    }
  }
  await writeIncidents();
}
