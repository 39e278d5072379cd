import { loadSampleCatalog } from '../catalog/index.js';
import { DataFolderLockedError } from '../engine/index.js';
import { configFromEnv } from './config.js';
import { bootstrapAdmin, deployExamples, seedDevTokens } from './seed.js';
import { startServer } from './server.js';

/** `npm start`: the API and the designer on one port, with the examples deployed. */
async function main(): Promise<void> {
  const config = configFromEnv();
  const server = await startServer({ port: config.port, host: config.host, databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
  const { context } = server;
  const sample = await loadSampleCatalog(context.db, context.engine);
  const deployed = await deployExamples(context);
  const lines = [
    '',
    `Matterflow is running at ${server.url}  (API: ${server.url}/api/v1, OpenAPI: ${server.url}/api/v1/openapi.json)`,
    `Database: ${context.db.kind === 'pglite' ? `embedded PGlite in ${context.db.location} (for trying and development; set DATABASE_URL for PostgreSQL)` : context.db.location}`,
    `Examples deployed: ${deployed.join(', ')}`,
    `Sample catalog 示例事项目录: ${sample.loaded ? `${sample.matters} matters 事项, ${sample.implementations} implementation entries 实施清单, ${sample.bundles} 一件事 bundles (loaded in ${sample.ms} ms)` : 'already loaded 已加载'}`,
  ];
  if (context.db.kind === 'pglite') {
    lines.push('Sample tokens (Authorization: Bearer <token>) 示例令牌:');
    for (const { user, token } of await seedDevTokens(context, config.dataDir)) {
      lines.push(`  ${user.department.padEnd(6)} ${user.id.padEnd(7)} ${token}   ${user.name} [${user.roles.join(', ')}]`);
    }
  } else {
    const token = await bootstrapAdmin(context);
    if (token) lines.push(`Administrator token (shown once, keep it safe) 管理员令牌（仅显示一次）: ${token}`);
  }
  console.log(lines.join('\n') + '\n');

  const shutdown = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error) => {
  if (error instanceof DataFolderLockedError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
