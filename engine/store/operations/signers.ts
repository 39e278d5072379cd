import type { Db } from '../../db/index.js';
import type { Variables } from '../../runtime/index.js';
import type { UserTaskRow } from '../rows.js';

/** 加签: who holds the task now, and who signs after them, in order. */
export async function queueSigners(tx: Db, taskId: string, assignee: string, signers: readonly string[]): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>('UPDATE user_tasks SET assignee = $2, signers = $3 WHERE id = $1 RETURNING *', [taskId, assignee, signers]);
  return row;
}

/** 减签 of a queued signer: the queue that is left. */
export async function setSigners(tx: Db, taskId: string, signers: readonly string[]): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>('UPDATE user_tasks SET signers = $2 WHERE id = $1 RETURNING *', [taskId, signers]);
  return row;
}

/** The other open runs of a task's step (a 会签's fellow tasks). */
export function openSiblingRuns(tx: Db, task: Pick<UserTaskRow, 'id' | 'instance_id' | 'element_id'>): Promise<UserTaskRow[]> {
  return tx.query<UserTaskRow>(`SELECT * FROM user_tasks WHERE instance_id = $1 AND element_id = $2 AND state = 'created' AND id <> $3`, [task.instance_id, task.element_id, task.id]);
}

/** The next queued signer gets the task, with what was submitted so far kept until the last signs. */
export async function passToSigner(tx: Db, taskId: string, next: string, rest: readonly string[], submitted: Variables): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>('UPDATE user_tasks SET assignee = $2, signers = $3, pending_variables = $4 WHERE id = $1 RETURNING *', [taskId, next, rest, JSON.stringify(submitted)]);
  return row;
}

/** A delegated task (委托) comes back to its owner for a last look, with what the delegate submitted kept. */
export async function resolveToOwner(tx: Db, taskId: string, submitted: Variables): Promise<UserTaskRow> {
  const [row] = await tx.query<UserTaskRow>(`UPDATE user_tasks SET assignee = owner, delegation_state = 'resolved', pending_variables = $2 WHERE id = $1 RETURNING *`, [taskId, JSON.stringify(submitted)]);
  return row;
}
