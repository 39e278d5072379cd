import type { Db } from '../../db/index.js';
import { jsonb } from '../jsonb.js';

/** Publications with a message id (message_publications): publishing twice with one id has the effect of once. */

/** Claims a message id for this publication; false when it was published before. */
export async function claimMessageId(tx: Db, department: string, messageId: string, now: Date): Promise<boolean> {
  const claimed = await tx.query(
    `INSERT INTO message_publications (department, message_id, result, published_at) VALUES ($1, $2, '{}', $3) ON CONFLICT DO NOTHING RETURNING message_id`,
    [department, messageId, now],
  );
  return claimed.length > 0;
}

/** What the first publication with this message id answered. */
export async function firstPublicationResult<Result>(tx: Db, department: string, messageId: string): Promise<Result> {
  const [first] = await tx.query<{ result: Result }>('SELECT result FROM message_publications WHERE department = $1 AND message_id = $2', [department, messageId]);
  return first.result;
}

/** Keeps a publication's answer, for a repeated one to return. */
export async function savePublicationResult(tx: Db, department: string, messageId: string, result: unknown): Promise<void> {
  await tx.query('UPDATE message_publications SET result = $3 WHERE department = $1 AND message_id = $2', [department, messageId, jsonb(result)]);
}
