import { createScratchDatabase } from '../../engine/index.js';

/**
 * Where integration tests run: PGlite in memory by default, or a fresh database created on
 * the PostgreSQL server named by DATABASE_URL (CI sets it), dropped when the test file ends.
 */
export interface TestDatabaseTarget {
  /** Connection string of a fresh, empty database; undefined means in-memory PGlite. */
  databaseUrl?: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDatabaseTarget> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { drop: async () => undefined };
  const scratch = await createScratchDatabase(serverUrl, 'mf_test');
  return { databaseUrl: scratch.url, drop: scratch.drop };
}

export const onPostgres = (): boolean => Boolean(process.env.DATABASE_URL);
