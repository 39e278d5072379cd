import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import type { EvaluationRow } from '../../sla/evaluations.js';

/** A case's evaluation (好差评). The table takes one per case: a second fails as a unique violation. */
export async function insertEvaluation(tx: Db, evaluation: Omit<EvaluationRow, 'id' | 'reopened_instance_id'>): Promise<EvaluationRow> {
  const [row] = await tx.query<EvaluationRow>(
    `INSERT INTO case_evaluations (id, instance_id, department, result, comment, evaluated_by, evaluated_at, reopen_requested, channel, remedy)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [randomUUID(), evaluation.instance_id, evaluation.department, evaluation.result, evaluation.comment, evaluation.evaluated_by, evaluation.evaluated_at, evaluation.reopen_requested, evaluation.channel, evaluation.remedy],
  );
  return row;
}

/** A case's evaluation, if it has one. */
export async function evaluationOf(db: Db, instanceId: string): Promise<EvaluationRow | undefined> {
  const [row] = await db.query<EvaluationRow>('SELECT * FROM case_evaluations WHERE instance_id = $1', [instanceId]);
  return row;
}

/** Links a case's evaluation to the 重办 instance that reopened it. */
export async function markEvaluationReopened(tx: Db, instanceId: string, reopenedInstanceId: string): Promise<void> {
  await tx.query('UPDATE case_evaluations SET reopened_instance_id = $2 WHERE instance_id = $1', [instanceId, reopenedInstanceId]);
}
