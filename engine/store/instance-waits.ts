import type { Db } from '../db/index.js';
import type { InstanceRow, JobRow } from './rows.js';

/**
 * What an instance waits on outside its own row (jobs, subscriptions, open tasks, incidents), as the instance
 * operations change it in their command's transaction.
 */

/**
 * Closes every wait row of an instance: the safety net after a cancellation, so that nothing the interpreter did not
 * close (there should be nothing) lets a worker, a timer or a message move a canceled instance.
 */
export async function closeWaits(tx: Db, instanceId: string, now: Date, actor: string): Promise<void> {
  await tx.query('DELETE FROM jobs WHERE instance_id = $1', [instanceId]);
  await tx.query('DELETE FROM message_subscriptions WHERE instance_id = $1', [instanceId]);
  await tx.query('DELETE FROM signal_subscriptions WHERE instance_id = $1', [instanceId]);
  await tx.query(`UPDATE user_tasks SET state = 'canceled', ended_at = $2 WHERE instance_id = $1 AND state = 'created'`, [instanceId, now]);
  await tx.query(`UPDATE incidents SET state = 'resolved', resolved_at = $2, resolved_by = $3 WHERE instance_id = $1 AND state = 'active'`, [instanceId, now, actor]);
}

/** While suspended, an instance's jobs are not activated and its timers do not fire (they fire late after resume). */
export async function suspendJobs(tx: Db, instanceId: string, suspended: boolean): Promise<void> {
  await tx.query('UPDATE jobs SET suspended = $2 WHERE instance_id = $1', [instanceId, suspended]);
}

/** The child instances a case's call activities started, in one status, oldest first. */
export function childInstancesIn(tx: Db, parentId: string, status: string): Promise<InstanceRow[]> {
  return tx.query<InstanceRow>('SELECT * FROM process_instances WHERE parent_instance_id = $1 AND status = $2 ORDER BY started_at', [parentId, status]);
}

/** A job's kind, if the job is still there (an incident's job may have gone with a newer version of its process). */
export async function jobKind(tx: Db, jobId: string): Promise<{ id: string; kind: JobRow['kind'] } | undefined> {
  const [row] = await tx.query<{ id: string; kind: JobRow['kind'] }>('SELECT id, kind FROM jobs WHERE id = $1', [jobId]);
  return row;
}

/** Marks an incident resolved by `actor`, if it is still open. */
export async function markIncidentResolved(tx: Db, incidentId: string, now: Date, actor: string): Promise<void> {
  await tx.query(`UPDATE incidents SET state = 'resolved', resolved_at = $2, resolved_by = $3 WHERE id = $1 AND state = 'active'`, [incidentId, now, actor]);
}

/** Moves an instance to another version of its process (instance migration); the row as it now is. */
export async function moveToDefinition(tx: Db, instanceId: string, target: { id: string; process_id: string; version: number }): Promise<InstanceRow> {
  const [row] = await tx.query<InstanceRow>('UPDATE process_instances SET definition_id = $2, process_id = $3, version = $4 WHERE id = $1 RETURNING *', [
    instanceId,
    target.id,
    target.process_id,
    target.version,
  ]);
  return row;
}

/** An element renamed by a migration: its open tasks and its service jobs follow (they keep their element instance). */
export async function renameWaitingElement(tx: Db, instanceId: string, source: string, target: string): Promise<void> {
  await tx.query(`UPDATE user_tasks SET element_id = $3 WHERE instance_id = $1 AND element_id = $2 AND state = 'created'`, [instanceId, source, target]);
  await tx.query(`UPDATE jobs SET element_id = $3 WHERE instance_id = $1 AND element_id = $2 AND kind = 'service'`, [instanceId, source, target]);
}

/** The children a call activity started that have not ended (ids): what cancelling the activity cancels. */
export async function runningChildrenOf(tx: Db, parentId: string, elementInstanceId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id FROM process_instances WHERE parent_instance_id = $1 AND parent_element_instance_id = $2 AND status NOT IN ('completed', 'canceled', 'terminated')`,
    [parentId, elementInstanceId],
  );
  return rows.map((row) => row.id);
}
