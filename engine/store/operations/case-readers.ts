import type { Db } from '../../db/index.js';

/** Those of `userIds` who are active users, with their department (whom a case may be copied to). */
export function activeUsersAmong(tx: Db, userIds: readonly string[]): Promise<Array<{ id: string; department: string }>> {
  return tx.query<{ id: string; department: string }>('SELECT id, department FROM users WHERE id = ANY ($1::text[]) AND disabled_at IS NULL', [userIds]);
}

/** 抄送: a user may read a case from now on (a second copy to them changes nothing). */
export async function grantCaseReader(tx: Db, grant: { instanceId: string; userId: string; department: string; grantedBy: string; grantedAt: Date; reason: string }): Promise<void> {
  await tx.query(`INSERT INTO case_readers (instance_id, user_id, department, granted_by, granted_at, reason) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (instance_id, user_id) DO NOTHING`, [
    grant.instanceId,
    grant.userId,
    grant.department,
    grant.grantedBy,
    grant.grantedAt,
    grant.reason,
  ]);
}
