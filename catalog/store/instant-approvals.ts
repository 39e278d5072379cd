import type { Db } from '../../engine/index.js';

/** A matter marked 秒批: the decision (in the department that runs the cases) that approves it. */
export interface InstantApproval {
  matterCode: string;
  department: string;
  decisionId: string;
  updatedBy: string;
  updatedAt: string;
}

const COLUMNS = `matter_code AS "matterCode", department, decision_id AS "decisionId", updated_by AS "updatedBy", updated_at AS "updatedAt"`;

/** Marks a matter 秒批 (or changes its decision). */
export async function putInstantApproval(db: Db, approval: Omit<InstantApproval, 'updatedAt'>, now: Date): Promise<InstantApproval> {
  const [row] = await db.query<InstantApproval>(
    `INSERT INTO catalog_instant_approvals (matter_code, department, decision_id, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (matter_code) DO UPDATE SET department = EXCLUDED.department, decision_id = EXCLUDED.decision_id, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
     RETURNING ${COLUMNS}`,
    [approval.matterCode, approval.department, approval.decisionId, approval.updatedBy, now],
  );
  return row;
}

/** A matter's 秒批 mark, if it has one. */
export async function instantApprovalOf(db: Db, matterCode: string): Promise<InstantApproval | undefined> {
  const [row] = await db.query<InstantApproval>(`SELECT ${COLUMNS} FROM catalog_instant_approvals WHERE matter_code = $1`, [matterCode]);
  return row;
}

/** Unmarks a matter 秒批; returns the removed mark. */
export async function removeInstantApproval(db: Db, matterCode: string): Promise<InstantApproval | undefined> {
  const [row] = await db.query<InstantApproval>(`DELETE FROM catalog_instant_approvals WHERE matter_code = $1 RETURNING ${COLUMNS}`, [matterCode]);
  return row;
}
