// Plain JavaScript: jest loads global set-up and teardown outside its ESM module mapping.
import pg from 'pg';

/** Names one jest run's template databases (test/support/database.ts reads it; keep the two in step). */
export const TEST_RUN_VARIABLE = 'MATTERFLOW_TEST_RUN';
export const TEMPLATE_PREFIX = 'mf_tpl_';

/**
 * Once per jest run, before the workers start: a run id that names this run's template databases.
 * Workers inherit it through the environment. Templates that a killed run left behind more than a
 * day ago are dropped here, since their run never reached its teardown.
 */
export default async function globalSetup() {
  process.env[TEST_RUN_VARIABLE] = Date.now().toString(36);
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return;
  const dayAgo = (Date.now() - 86_400_000).toString(36);
  await dropTemplates(serverUrl, (run) => run.length === dayAgo.length && run < dayAgo);
}

/** Drops the template databases whose run id `matches`. */
export async function dropTemplates(serverUrl, matches) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [TEMPLATE_PREFIX]);
    for (const { datname } of rows) {
      const run = datname.slice(TEMPLATE_PREFIX.length).split('_')[0];
      // Names come from pg_database and match our own pattern; DROP DATABASE takes no parameters.
      if (/^[a-z0-9_]+$/.test(datname) && matches(run)) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
