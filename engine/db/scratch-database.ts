import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A throw-away database on a PostgreSQL server, for tests and benchmarks. */
export interface ScratchDatabase {
  /** Connection string of the new, empty database. */
  url: string;
  /** Drops it, even with connections still open. */
  drop(): Promise<void>;
}

/**
 * `template` names a database on the same server to copy (PostgreSQL's CREATE DATABASE … TEMPLATE):
 * tests copy one that is already migrated, or holds the sample catalog, instead of building it again.
 */
export async function createScratchDatabase(serverUrl: string, prefix = 'mf_scratch', template?: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  if (template !== undefined && !/^[a-z0-9_]+$/.test(template)) throw new Error(`not a template database name: ${template}`);
  await onServer(serverUrl, template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

// CREATE/DROP DATABASE cannot run in a transaction or take parameters: the name is ours, never input.
async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
