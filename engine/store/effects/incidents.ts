import { randomUUID } from 'node:crypto';
import type { IncidentCreated, IncidentResolved } from '../../runtime/index.js';
import type { InstanceScope } from './instance-scope.js';

/** The cause of a job incident, which the interpreter does not know (engine/jobs/fail-job.ts fills it in). */
export interface IncidentCause {
  jobId?: string;
  data?: Record<string, unknown>;
}

export async function createIncident(scope: InstanceScope, effect: IncidentCreated, cause: IncidentCause = {}): Promise<void> {
  await scope.unit.tx.query(
    `INSERT INTO incidents (id, instance_id, department, element_instance_id, element_id, error_type, message, message_zh, state, created_at, job_id, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $10, $11)`,
    [randomUUID(), scope.instanceId, scope.department, effect.elementInstanceId, effect.elementId, effect.errorType, effect.message, effect.messageZh, scope.unit.now, cause.jobId ?? null, cause.data ? JSON.stringify(cause.data) : null],
  );
}

export async function resolveIncidents(scope: InstanceScope, effect: IncidentResolved): Promise<void> {
  await scope.unit.tx.query(
    `UPDATE incidents SET state = 'resolved', resolved_at = $3, resolved_by = $4 WHERE instance_id = $1 AND element_instance_id = $2 AND state = 'active'`,
    [scope.instanceId, effect.elementInstanceId, scope.unit.now, scope.unit.actor.userId],
  );
}
