import type { Db } from '../../db/index.js';

/** 不满意重办: each reopened case's link to the case it reopens and to the first of the chain, with its reopen count. */

/** The case a 重办 instance names as the one it reopens (its reopenOf variable, any text), if there is such a case. */
export async function reopenedCase(tx: Db, reopenOf: string): Promise<{ id: string; department: string } | undefined> {
  const [row] = await tx.query<{ id: string; department: string }>('SELECT id, department FROM process_instances WHERE id::text = $1', [reopenOf]);
  return row;
}

/** How often the chain was reopened up to this case, if the case itself is a reopening. */
export async function reopenCount(db: Db, instanceId: string): Promise<number | undefined> {
  const [row] = await db.query<{ reopen_count: number }>('SELECT reopen_count FROM case_reopens WHERE instance_id = $1', [instanceId]);
  return row?.reopen_count;
}

/** The chain this case belongs to, if the case itself is a reopening: its first case and how often it was reopened. */
export async function reopenChainOf(tx: Db, instanceId: string): Promise<{ root_instance_id: string; reopen_count: number } | undefined> {
  const [row] = await tx.query<{ root_instance_id: string; reopen_count: number }>('SELECT root_instance_id, reopen_count FROM case_reopens WHERE instance_id = $1', [instanceId]);
  return row;
}

/** Records that a new instance reopens `originalInstanceId`, written with the new instance's start. */
export async function insertCaseReopen(
  tx: Db,
  reopen: { instanceId: string; department: string; originalInstanceId: string; rootInstanceId: string; reopenCount: number; createdAt: Date },
): Promise<void> {
  await tx.query('INSERT INTO case_reopens (instance_id, department, original_instance_id, root_instance_id, reopen_count, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    reopen.instanceId,
    reopen.department,
    reopen.originalInstanceId,
    reopen.rootInstanceId,
    reopen.reopenCount,
    reopen.createdAt,
  ]);
}
