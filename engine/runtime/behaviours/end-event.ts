import { cancelTransaction, startCompensation } from '../compensation.js';
import { throwEscalation } from '../events.js';
import { completeElement, terminateChildren } from '../lifecycle.js';
import type { Behaviour } from './behaviour.js';
import { createJob } from './jobs.js';
import { emitThrownEvent, thrownCode, throwOrFail } from './throwing.js';

/** End events consume their token; the flow scope completes when no token is left in it. */
export const endEvent: Behaviour = {
  activate(execution, node, instance) {
    const event = node.event;
    switch (event?.type) {
      case 'compensate':
        if (!startCompensation(execution, instance, event.activityRef)) completeElement(execution, instance, {}, []);
        return;
      case 'cancel':
        return cancelTransaction(execution, instance);
      case 'terminate':
        // Everything else in the scope ends now; the scope then completes (Zeebe: the process completes).
        terminateChildren(execution, instance.parentId as string, instance.id);
        return completeElement(execution, instance, {}, []);
      case 'error': {
        const code = thrownCode(execution, node, instance);
        if (code !== undefined) throwOrFail(execution, instance, code, event.errorMessage ?? '', {});
        return;
      }
      case 'escalation': {
        const code = thrownCode(execution, node, instance);
        if (code !== undefined && throwEscalation(execution, instance, code)) completeElement(execution, instance, {}, []);
        return;
      }
      case 'message':
        if (node.job) return createJob(execution, node, instance);
        if (!emitThrownEvent(execution, node, instance).ok) return;
        return completeElement(execution, instance, {}, []);
      case 'signal':
        if (!emitThrownEvent(execution, node, instance).ok) return;
        return completeElement(execution, instance, {}, []);
      default:
        return completeElement(execution, instance, {}, []);
    }
  },
};
