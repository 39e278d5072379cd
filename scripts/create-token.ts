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

const USAGE = `Create or update a user and print a new API token. 创建或更新用户并生成 API 令牌。

Usage: npm run token -- --user ID [--name NAME] [--department CODE] [--roles r1,r2] [--groups g1,g2] [--label TEXT]

  --user ID          the user id (required) 用户标识
  --name NAME        display name 姓名
  --department CODE  department code, required for a new user 部门代码（新用户必填）
  --roles r1,r2      roles, required for a new user 角色（新用户必填）
  --groups g1,g2     posts (岗位) the user holds
  --label TEXT       a label for the token (default: cli)
  -h, --help         this text

Uses DATABASE_URL, or the embedded database in MATTERFLOW_DATA (stop the server first).`;

function parseOptions() {
  return parseArgs({
    options: {
      help: { type: 'boolean', short: 'h' },
      user: { type: 'string' },
      name: { type: 'string' },
      department: { type: 'string' },
      roles: { type: 'string' },
      groups: { type: 'string' },
      label: { type: 'string' },
    },
  }).values;
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parseOptions>;
  try {
    values = parseOptions();
  } catch (error) {
    // An unknown or malformed option: say which, then how to call it (no stack trace).
    throw new Error(`${(error as Error).message}\n\n${USAGE}`, { cause: error });
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.user) throw new Error(USAGE);
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
