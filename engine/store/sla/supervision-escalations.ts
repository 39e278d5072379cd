import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';

/**
 * A 督办 request at `level` for an overdue clock, for the supervising department to start. A level already requested
 * for the case is left as it is, so a monitor that retries a round requests nothing twice.
 */
export async function requestSupervisionLevel(
  tx: Db,
  request: { instanceId: string; department: string; clockId: string; supervisingDepartment: string; level: number; requestedAt: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO sla_supervisions (id, instance_id, department, clock_id, supervising_department, level, state, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7) ON CONFLICT (instance_id, level) DO NOTHING`,
    [randomUUID(), request.instanceId, request.department, request.clockId, request.supervisingDepartment, request.level, request.requestedAt],
  );
}
