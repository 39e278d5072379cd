/**
 * Administrator's command: create or update a user and print a new API token.
 *   npm run token -- --user li.si --name 李四 --department SCJGJ --roles staff,integrator [--groups 受理窗口]
 * Uses DATABASE_URL, or the embedded database in MATTERFLOW_DATA (stop the server first: the
 * embedded folder admits one process at a time).
 */
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { configFromEnv } from '../api/config.js';
import { createContext } from '../api/server.js';

const { values } = parseArgs({
  options: {
    user: { type: 'string' },
    name: { type: 'string' },
    department: { type: 'string' },
    roles: { type: 'string' },
    groups: { type: 'string' },
    label: { type: 'string' },
  },
});

async function main(): Promise<void> {
  if (!values.user) throw new Error('Usage: npm run token -- --user ID [--name NAME --department CODE --roles r1,r2 --groups g1,g2]');
  const config = configFromEnv();
  const context = await createContext({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, log: pino({ level: 'warn' }) });
  try {
    const existing = await context.tokens.getUser(values.user);
    if (!existing && (!values.department || !values.roles)) throw new Error(`User ${values.user} does not exist: give --department and --roles`);
    const list = (text: string | undefined) => text?.split(',').map((entry) => entry.trim()).filter(Boolean);
    await context.tokens.upsertUser({
      id: values.user,
      name: values.name ?? existing?.name ?? values.user,
      department: values.department ?? existing!.department,
      roles: list(values.roles) ?? existing!.roles,
      groups: list(values.groups) ?? existing?.groups ?? [],
    });
    console.log(await context.tokens.createToken(values.user, values.label ?? 'cli'));
  } finally {
    await context.db.close();
  }
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
