import { randomUUID } from 'node:crypto';
import type { TimerCanceled, TimerCreated } from '../../runtime/index.js';
import type { InstanceScope } from './instance-scope.js';

/** How often the executor tries a timer whose firing throws before it gives up on it (state 'failed'). */
export const TIMER_ATTEMPTS = 3;

/** A timer is a row in the job queue (D5) that the job executor fires with `triggerTimer`. */
export async function createTimer(scope: InstanceScope, effect: TimerCreated): Promise<void> {
  const { unit } = scope;
  await unit.defer({
    kind: 'insert',
    table: 'jobs',
    values: {
      id: randomUUID(), kind: 'timer', instance_id: scope.instanceId, department: scope.department, element_instance_id: effect.elementInstanceId, element_id: effect.elementId,
      type: 'timer', timer_id: effect.timerId, state: 'activatable', retries: TIMER_ATTEMPTS, due_at: new Date(effect.dueAt),
      payload: JSON.stringify({ repetitionsLeft: effect.repetitionsLeft ?? null }), created_at: unit.now,
    },
  });
}

export async function cancelTimer(scope: InstanceScope, effect: TimerCanceled): Promise<void> {
  await scope.unit.tx.query(`DELETE FROM jobs WHERE instance_id = $1 AND timer_id = $2 AND kind = 'timer'`, [scope.instanceId, effect.timerId]);
}
