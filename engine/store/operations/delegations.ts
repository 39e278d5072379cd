import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import type { DelegationRow } from '../../operations/delegation.js';
import type { UserTaskRow } from '../rows.js';

/** 委托 of one task: the delegate holds it, the owner stays, and whether it comes back to the owner is kept. */
export async function delegateTaskRow(tx: Db, taskId: string, delegation: { owner: string; delegate: string; returnToOwner: boolean }): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>(`UPDATE user_tasks SET owner = $2, assignee = $3, delegation_state = 'pending', return_to_owner = $4 WHERE id = $1 RETURNING *`, [
    taskId,
    delegation.owner,
    delegation.delegate,
    delegation.returnToOwner,
  ]);
  return row;
}

/** A 委托 for a period (of one process, or all: null). */
export async function insertDelegation(
  db: Db,
  delegation: { userId: string; department: string; delegate: string; startsAt: Date; endsAt: Date; processId: string | null; reason: string; createdAt: Date },
): Promise<DelegationRow> {
  const [row] = await db.query<DelegationRow>(
    `INSERT INTO delegations (id, user_id, department, delegate, starts_at, ends_at, process_id, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [randomUUID(), delegation.userId, delegation.department, delegation.delegate, delegation.startsAt, delegation.endsAt, delegation.processId, delegation.reason, delegation.createdAt],
  );
  return row;
}

/** The delegations a user gave or was given that are not revoked and not over at `now`, by start. */
export function currentDelegationsOf(db: Db, userId: string, now: Date): Promise<DelegationRow[]> {
  return db.query<DelegationRow>(`SELECT * FROM delegations WHERE (user_id = $1 OR delegate = $1) AND revoked_at IS NULL AND ends_at > $2 ORDER BY starts_at`, [userId, now]);
}

/** Revokes a user's own delegation, if it still stands; whether one was revoked. */
export async function revokeDelegationOf(db: Db, id: string, userId: string, now: Date): Promise<boolean> {
  const rows = await db.query('UPDATE delegations SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id', [id, userId, now]);
  return rows.length > 0;
}
