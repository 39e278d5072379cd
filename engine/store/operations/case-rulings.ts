import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import type { CaseRuling } from '../../operations/case-rulings.js';

/** A ruling's columns under the names of the API's shape. */
const COLUMNS = `id, instance_id AS "instanceId", department, unit_code AS "unitCode", handling_department AS "handlingDepartment", handling_unit AS "handlingUnit",
  disputed_by AS "disputedBy", reason, decided_by AS "decidedBy", decided_at AS "decidedAt"`;

/** Keeps a command centre's decision (快处快裁) on a ticket. */
export async function insertRulingRow(tx: Db, ruling: Omit<CaseRuling, 'id'>): Promise<CaseRuling> {
  const [row] = await tx.query<CaseRuling>(
    `INSERT INTO case_rulings (id, instance_id, department, unit_code, handling_department, handling_unit, disputed_by, reason, decided_by, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
    [randomUUID(), ruling.instanceId, ruling.department, ruling.unitCode, ruling.handlingDepartment, ruling.handlingUnit, ruling.disputedBy, ruling.reason, ruling.decidedBy, ruling.decidedAt],
  );
  return row;
}

/** The rulings on a case, in the order they were decided. */
export function rulingsOf(db: Db, instanceId: string): Promise<CaseRuling[]> {
  return db.query<CaseRuling>(`SELECT ${COLUMNS} FROM case_rulings WHERE instance_id = $1 ORDER BY decided_at, id`, [instanceId]);
}

/** The latest ruling that bound a case's ticket to a department's unit, if there is one. */
export async function latestRulingBinding(db: Db, binding: { instanceId: string; department: string; unit: string | null }): Promise<CaseRuling | undefined> {
  const [row] = await db.query<CaseRuling>(
    `SELECT ${COLUMNS} FROM case_rulings WHERE instance_id = $1 AND handling_department = $2 AND handling_unit IS NOT DISTINCT FROM $3 ORDER BY decided_at DESC LIMIT 1`,
    [binding.instanceId, binding.department, binding.unit],
  );
  return row;
}
