import { jobKind, markIncidentResolved } from '../store/instance-waits.js';
import { EngineError } from '../errors.js';
import { retryIncident } from '../runtime/index.js';
import { updateJobRetries } from '../jobs/service-jobs.js';
import { retryFailedTimer } from '../jobs/timer-failures.js';
import type { IncidentRow } from '../store/rows.js';
import type { CommandUnit } from './command-unit.js';
import type { InstanceRunner } from './instance-runner.js';

/**
 * Resolves an incident. A job that ran out of retries gets `retries` new ones and is
 * activatable again, so does a timer that failed to fire; any other incident (a FEEL expression that failed, no flow taken, an
 * unhandled error) is retried by the interpreter, usually after the variables were fixed.
 */
export async function resolveIncident(runner: InstanceRunner, unit: CommandUnit, incident: IncidentRow, retries = 1): Promise<void> {
  if (incident.state !== 'active') throw new EngineError('conflict', `Incident ${incident.id} is already resolved`, '该事件（incident）已解决');
  if (incident.job_id) {
    const job = await jobKind(unit.tx, incident.job_id);
    if (job?.kind === 'timer' || job?.kind === 'timer-start') return retryFailedTimer(unit, incident, job, retries);
    if (job) {
      await updateJobRetries(runner, unit, { userId: unit.actor.userId, department: incident.department, roles: ['admin'] }, job.id, retries);
      return;
    }
  }
  if (!incident.instance_id || !incident.element_instance_id) {
    // A start timer's row went with a newer version of its process: nothing is left to retry.
    await markIncidentResolved(unit.tx, incident.id, unit.now, unit.actor.userId);
    return;
  }
  const elementInstanceId = incident.element_instance_id;
  await runner.advanceOrThrow(unit, incident.instance_id, (model, state, now, services) => retryIncident(model, state, elementInstanceId, now, services));
  await markIncidentResolved(unit.tx, incident.id, unit.now, unit.actor.userId);
}
