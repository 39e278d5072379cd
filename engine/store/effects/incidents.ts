import { randomUUID } from 'node:crypto';
import type { IncidentCreated, IncidentResolved } from '../../runtime/index.js';
import type { InstanceScope } from './instance-scope.js';

/** The cause of a job incident, which the interpreter does not know (engine/jobs/fail-job.ts fills it in). */
export interface IncidentCause {
  jobId?: string;
  data?: Record<string, unknown>;
}

/**
 * Inserts the incidents of a command with one statement: a runaway model stopped by the step
 * budget can leave thousands of pending elements, each with its incident.
 */
export async function createIncidents(scope: InstanceScope, effects: readonly IncidentCreated[], cause: IncidentCause = {}): Promise<void> {
  if (effects.length === 0) return;
  await scope.unit.tx.query(
    `INSERT INTO incidents (id, instance_id, department, element_instance_id, element_id, error_type, message, message_zh, state, created_at, job_id, data)
     SELECT id, $1, $2, element_instance_id, element_id, error_type, message, message_zh, 'active', $3, $4, $5
     FROM unnest($6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[]) AS t (id, element_instance_id, element_id, error_type, message, message_zh)`,
    [
      scope.instanceId,
      scope.department,
      scope.unit.now,
      cause.jobId ?? null,
      cause.data ? JSON.stringify(cause.data) : null,
      effects.map(() => randomUUID()),
      effects.map((effect) => effect.elementInstanceId),
      effects.map((effect) => effect.elementId),
      effects.map((effect) => effect.errorType),
      effects.map((effect) => effect.message),
      effects.map((effect) => effect.messageZh),
    ],
  );
}

export async function resolveIncidents(scope: InstanceScope, effect: IncidentResolved): Promise<void> {
  await scope.unit.tx.query(
    `UPDATE incidents SET state = 'resolved', resolved_at = $3, resolved_by = $4 WHERE instance_id = $1 AND element_instance_id = $2 AND state = 'active'`,
    [scope.instanceId, effect.elementInstanceId, scope.unit.now, scope.unit.actor.userId],
  );
}
