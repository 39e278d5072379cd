import type { Database } from './db.js';
import { PgliteDatabase } from './pglite-database.js';
import { PostgresDatabase } from './postgres-database.js';

export interface DatabaseConfig {
  /** A PostgreSQL connection string; when absent, the embedded database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database; absent means in memory. */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    const db = new PostgresDatabase(config.databaseUrl, config.poolSize);
    await db.query('SELECT 1'); // fail at start-up, not on the first request
    return db;
  }
  return PgliteDatabase.open(config.dataDir);
}
