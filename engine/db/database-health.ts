import type { Database } from './db.js';

/**
 * Resolves when the database answers, rejects when it does not (the readiness probe's check).
 * The embedded database lives in this process (it is there if we answer), and it runs one
 * transaction at a time: a query there would wait for a long import instead of telling anything.
 */
export async function checkDatabaseAnswers(db: Database): Promise<void> {
  if (db.kind !== 'pglite') await db.query('SELECT 1');
}
