import { randomBytes } from 'node:crypto';
import pg from 'pg';

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
  const name = `mf_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export const onPostgres = (): boolean => Boolean(process.env.DATABASE_URL);
