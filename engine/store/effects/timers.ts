import { randomUUID } from 'node:crypto';
import type { TimerCanceled, TimerCreated } from '../../runtime/index.js';
import type { InstanceScope } from './instance-scope.js';
import { GUARD } from '../../instances/deferred-writes.js';

/** How often the executor tries a timer whose firing throws before it gives up on it (state 'failed'). */
export const TIMER_ATTEMPTS = 3;

/** A timer is a row in the job queue (D5) that the job executor fires with `triggerTimer`. */
export async function createTimer(scope: InstanceScope, effect: TimerCreated): Promise<void> {
  const { unit } = scope;
  await unit.defer({
    sql: `INSERT INTO jobs (id, kind, instance_id, department, element_instance_id, element_id, type, timer_id, state, retries, due_at, payload, created_at)
          SELECT $1, 'timer', $2, $3, $4, $5, 'timer', $6, 'activatable', ${TIMER_ATTEMPTS}, $7, $8, $9 WHERE ${GUARD}`,
    params: [randomUUID(), scope.instanceId, scope.department, effect.elementInstanceId, effect.elementId, effect.timerId, new Date(effect.dueAt), JSON.stringify({ repetitionsLeft: effect.repetitionsLeft ?? null }), unit.now],
  });
}

export async function cancelTimer(scope: InstanceScope, effect: TimerCanceled): Promise<void> {
  await scope.unit.tx.query(`DELETE FROM jobs WHERE instance_id = $1 AND timer_id = $2 AND kind = 'timer'`, [scope.instanceId, effect.timerId]);
}
