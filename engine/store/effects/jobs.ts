import { randomUUID } from 'node:crypto';
import type { JobCreated } from '../../runtime/index.js';
import { jsonb } from '../jsonb.js';
import type { InstanceScope } from './instance-scope.js';

/**
 * A service-task job (or an execution listener's), activatable by a worker of its type at once.
 * An element re-activated after an incident, or moving from one listener to the next, gets a
 * fresh job in place of its old row.
 */
export async function createServiceJob(scope: InstanceScope, effect: JobCreated): Promise<void> {
  const { unit } = scope;
  await unit.defer({
    key: `job:${scope.instanceId}:${effect.elementInstanceId}`,
    kind: 'insert',
    table: 'jobs',
    values: {
      id: randomUUID(), kind: 'service', instance_id: scope.instanceId, department: scope.department, element_instance_id: effect.elementInstanceId, element_id: effect.elementId,
      type: effect.jobType, state: 'activatable', retries: effect.retries, due_at: unit.now, headers: jsonb(effect.headers), created_at: unit.now,
      listener_event_type: effect.listenerEventType ?? null, properties: jsonb(effect.properties),
    },
    onConflict: `ON CONFLICT (instance_id, element_instance_id) WHERE kind = 'service' DO UPDATE
       SET id = EXCLUDED.id, element_id = EXCLUDED.element_id, type = EXCLUDED.type, state = 'activatable', retries = EXCLUDED.retries, due_at = EXCLUDED.due_at,
           headers = EXCLUDED.headers, created_at = EXCLUDED.created_at, lock_owner = NULL, lock_expires_at = NULL, error_message = NULL, suspended = false,
           listener_event_type = EXCLUDED.listener_event_type, properties = EXCLUDED.properties`,
  });
}

/**
 * The element of a job was left without it (a boundary event fired, the instance was
 * canceled, the token was moved): the job is withdrawn, and a worker still holding it gets
 * a conflict when it tries to complete it. Any incident on it is resolved with it.
 */
export async function cancelJobsOf(scope: InstanceScope, elementInstanceId: string, kind: 'service' | 'timer'): Promise<void> {
  const { tx, now } = scope.unit;
  const rows = await tx.query<{ id: string; element_id: string; type: string }>(
    'DELETE FROM jobs WHERE instance_id = $1 AND element_instance_id = $2 AND kind = $3 RETURNING id, element_id, type',
    [scope.instanceId, elementInstanceId, kind],
  );
  if (kind === 'service') {
    for (const row of rows) scope.record({ type: 'job.canceled', elementId: row.element_id, elementInstanceId, data: { jobId: row.id, jobType: row.type } });
    if (rows.length > 0) {
      await tx.query(`UPDATE incidents SET state = 'resolved', resolved_at = $2, resolved_by = 'system' WHERE job_id = ANY ($1::uuid[]) AND state = 'active'`, [rows.map((row) => row.id), now]);
    }
  }
}
