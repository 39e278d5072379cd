import { pino } from 'pino';
import pg from 'pg';
import { createScratchDatabase } from '../../engine/index.js';

/**
 * Where integration tests run: PGlite in memory by default, or a fresh database created on
 * the PostgreSQL server named by DATABASE_URL (CI sets it), dropped when the test file ends.
 */
export interface TestDatabaseTarget {
  /** Connection string of a fresh database; undefined means in-memory PGlite. */
  databaseUrl?: string;
  drop(): Promise<void>;
}

/**
 * What the new database holds: nothing (the default), every migration applied, or the sample
 * catalog (catalog/sample) as `npm start` loads it. On PostgreSQL the latter two are copies of a
 * database built once per test run; on PGlite the database is empty and the caller's context
 * migrates it (and loads the sample).
 */
export type TestDatabaseContents = 'empty' | 'migrated' | 'sample-catalog';

export async function freshDatabase(contents: TestDatabaseContents = 'empty'): Promise<TestDatabaseTarget> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { drop: async () => undefined };
  const template = contents === 'empty' ? undefined : await templateDatabase(serverUrl, contents === 'sample-catalog' ? 'sample' : 'migrated');
  const scratch = await createScratchDatabase(serverUrl, 'mf_test', template);
  return { databaseUrl: scratch.url, drop: scratch.drop };
}

export const onPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

/** Set by test/support/global-setup.mjs (keep the two in step): one jest run's templates are named after it and dropped after it. */
export const TEST_RUN_VARIABLE = 'MATTERFLOW_TEST_RUN';
export const TEMPLATE_PREFIX = 'mf_tpl_';

type TemplateKind = 'migrated' | 'sample';
const templates = new Map<TemplateKind, Promise<string | undefined>>();

/**
 * The run's template database of a kind, built by whichever jest worker asks first (an advisory
 * lock keeps the others waiting). Migrating takes about a second and loading the sample catalog
 * about twelve on PostgreSQL; copying a template takes a fraction of that. Without a run id (jest
 * started without the global set-up) there is no template and each test builds its own.
 */
function templateDatabase(serverUrl: string, kind: TemplateKind): Promise<string | undefined> {
  const run = process.env[TEST_RUN_VARIABLE];
  if (!run || !/^[a-z0-9]+$/.test(run)) return Promise.resolve(undefined);
  let template = templates.get(kind);
  if (!template) {
    template = buildTemplateOnce(serverUrl, `${TEMPLATE_PREFIX}${run}_${kind}`, kind);
    templates.set(kind, template);
  }
  return template;
}

async function buildTemplateOnce(serverUrl: string, name: string, kind: TemplateKind): Promise<string> {
  const base = kind === 'sample' ? await templateDatabase(serverUrl, 'migrated') : undefined;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('matterflow test template'), hashtext($1))", [name]);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await buildTemplate(serverUrl, client, name, kind, base);
    return name;
  } finally {
    await client.end(); // ends the session, and with it the advisory lock
  }
}

/** Builds under a temporary name and renames, so a half-built template is never copied. */
async function buildTemplate(serverUrl: string, client: pg.Client, name: string, kind: TemplateKind, base: string | undefined): Promise<void> {
  // The API's context (migrations, the staff directory) and the catalog loader are what tests get.
  const [{ createContext }, { loadSampleCatalog }] = await Promise.all([import('../../api/server.js'), import('../../catalog/index.js')]);
  const building = `${name}_building`;
  await client.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  await client.query(base ? `CREATE DATABASE ${building} TEMPLATE ${base}` : `CREATE DATABASE ${building}`);
  const url = new URL(serverUrl);
  url.pathname = `/${building}`;
  const context = await createContext({ databaseUrl: url.toString(), log: pino({ level: 'silent' }) });
  try {
    if (kind === 'sample') await loadSampleCatalog(context.db, context.engine);
  } finally {
    await context.tokens.cache.stop();
    await context.db.close();
  }
  await client.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
}
