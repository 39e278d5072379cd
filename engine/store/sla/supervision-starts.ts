import type { Db } from '../../db/index.js';

/** The 督办 requests the supervision starter turns into 督办 instances, and what it records of each start. */

/** A requested 督办 with what its 督办 instance is started with: the case, and the clock that ran overdue. */
export interface RequestedSupervision {
  id: string;
  instance_id: string;
  department: string;
  supervising_department: string;
  level: number;
  requested_at: Date;
  business_key: string | null;
  process_id: string;
  region_code: string | null;
  due_at: Date | null;
  kind: string | null;
  label: string | null;
  reason: string | null;
  responsible_unit: string | null;
}

/** The oldest `limit` 督办 requests not started yet. */
export function requestedSupervisions(db: Db, limit: number): Promise<RequestedSupervision[]> {
  return db.query<RequestedSupervision>(
    `SELECT s.id, s.instance_id, s.department, s.supervising_department, s.level, s.requested_at, s.reason, s.responsible_unit,
       i.business_key, i.process_id, i.region_code, c.due_at, c.kind, c.label
     FROM sla_supervisions s JOIN process_instances i ON i.id = s.instance_id LEFT JOIN sla_clocks c ON c.id = s.clock_id
     WHERE s.state = 'requested' ORDER BY s.requested_at LIMIT $1`,
    [limit],
  );
}

/** Marks a request that could not start as failed, with the error, unless it started meanwhile. */
export async function markSupervisionFailed(db: Db, id: string, error: string): Promise<void> {
  await db.query(`UPDATE sla_supervisions SET state = 'failed', error = $2 WHERE id = $1 AND state = 'requested'`, [id, error]);
}

/** Records the 督办 instance a request started; false when another starter recorded it first. */
export async function markSupervisionStarted(tx: Db, id: string, start: { supervisionInstanceId: string; startedAt: Date; responsibleUnit: string }): Promise<boolean> {
  const updated = await tx.query(
    `UPDATE sla_supervisions SET state = 'started', supervision_instance_id = $2, started_at = $3, responsible_unit = $4 WHERE id = $1 AND state = 'requested' RETURNING id`,
    [id, start.supervisionInstanceId, start.startedAt, start.responsibleUnit],
  );
  return updated.length > 0;
}

/**
 * The unit working the case's oldest open step outside the supervising department (a 12345 ticket's handling unit in
 * its town), if any: who gets the 督办单.
 */
export async function unitOfOldestOpenStep(db: Db, instanceId: string, supervisingDepartment: string): Promise<string | undefined> {
  const [task] = await db.query<{ unit: string }>(
    `SELECT COALESCE(unit, department) AS unit FROM user_tasks WHERE instance_id = $1 AND state = 'created' AND department <> $2 ORDER BY created_at LIMIT 1`,
    [instanceId, supervisingDepartment],
  );
  return task?.unit;
}
