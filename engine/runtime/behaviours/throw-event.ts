import { startCompensation } from '../compensation.js';
import { throwEscalation } from '../events.js';
import { activateElement, completeElement } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';
import { createJob } from './jobs.js';
import { emitThrownEvent, thrownCode } from './throwing.js';

/** Intermediate throw events: none, signal, message (a job with a job type), escalation, link. */
export const throwEvent: Behaviour = {
  activate(execution, node, instance) {
    const event = node.event;
    switch (event?.type) {
      case 'link': {
        const target = execution.model.scopes
          .get(node.scopeId)
          ?.elementIds.map((id) => execution.node(id))
          .find((candidate) => candidate.kind === 'intermediateCatchEvent' && candidate.event?.type === 'link' && candidate.event.linkName === event.linkName);
        execution.nodeEvent('link.thrown', instance, { linkName: event.linkName });
        if (target) activateElement(execution, target, instance.parentId as string);
        return completeElement(execution, instance, {}, []);
      }
      case 'compensate':
        if (!startCompensation(execution, instance, event.activityRef)) completeElement(execution, instance);
        return;
      case 'escalation': {
        const code = thrownCode(execution, node, instance);
        if (code !== undefined && throwEscalation(execution, instance, code)) completeElement(execution, instance);
        return;
      }
      case 'message':
        if (node.job) return createJob(execution, node, instance);
        if (emitThrownEvent(execution, node, instance).ok) completeElement(execution, instance);
        return;
      case 'signal':
        if (emitThrownEvent(execution, node, instance).ok) completeElement(execution, instance);
        return;
      default:
        return completeElement(execution, instance);
    }
  },
};
