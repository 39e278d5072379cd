import type { Db } from '../../db/index.js';

/** A phrase (常用语) as kept: a department's has no user, a user's own names them. */
export interface OpinionPhraseRow {
  id: string;
  department: string | null;
  user_id: string | null;
  text: string;
}

/** A user's own phrases and their department's, the department's first, each in its order. */
export function phrasesFor(db: Db, userId: string, department: string): Promise<OpinionPhraseRow[]> {
  return db.query<OpinionPhraseRow>(
    `SELECT id, department, user_id, text FROM opinion_phrases WHERE user_id = $1 OR (user_id IS NULL AND department = $2) ORDER BY user_id NULLS FIRST, sort, created_at`,
    [userId, department],
  );
}

/** A phrase of a department (userId null) or of one user in it. */
export async function insertPhrase(db: Db, phrase: { id: string; department: string; userId: string | null; text: string; createdAt: Date }): Promise<void> {
  await db.query('INSERT INTO opinion_phrases (id, department, user_id, text, created_at) VALUES ($1, $2, $3, $4, $5)', [phrase.id, phrase.department, phrase.userId, phrase.text, phrase.createdAt]);
}

/**
 * Removes a user's own phrase, or (`manager`: a department administrator) one of their department's; whether one
 * was removed.
 */
export async function deletePhrase(db: Db, id: string, by: { userId: string; manager: boolean; department: string }): Promise<boolean> {
  const rows = await db.query('DELETE FROM opinion_phrases WHERE id = $1 AND (user_id = $2 OR ($3 AND user_id IS NULL AND department = $4)) RETURNING id', [id, by.userId, by.manager, by.department]);
  return rows.length > 0;
}
