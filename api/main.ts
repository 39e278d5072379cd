import { loadSampleCatalog } from '../catalog/index.js';
import { slaOf } from '../engine/sla/index.js';
import { DataFolderLockedError } from '../engine/index.js';
import { configFromEnv } from './config.js';
import { bootstrapAdmin, deployExamples, seedDevTokens } from './seed.js';
import { PortInUseError, startServer } from './server.js';

/** `npm start`: the API and the designer on one port, with the examples deployed. */
async function main(): Promise<void> {
  const config = configFromEnv();
  const server = await startServer({ port: config.port, host: config.host, databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, holdReadiness: true });
  const { context } = server;
  const lines = [
    '',
    `Matterflow is running at ${server.url}  (API: ${server.url}/api/v1, OpenAPI: ${server.url}/api/v1/openapi.json)`,
    `Database: ${context.db.kind === 'pglite' ? `embedded PGlite in ${context.db.location} (for trying and development; set DATABASE_URL for PostgreSQL)` : context.db.location}`,
  ];
  if (config.samples) {
    const sample = await loadSampleCatalog(context.db, context.engine);
    const deployed = await deployExamples(context);
    lines.push(
      `Examples deployed: ${deployed.join(', ')}`,
      `Sample catalog 示例事项目录: ${sample.loaded ? `${sample.matters} matters 事项, ${sample.implementations} implementation entries 实施清单, ${sample.bundles} 一件事 bundles (loaded in ${sample.ms} ms)` : 'already loaded 已加载'}`,
    );
  } else {
    lines.push('Sample catalog and example processes: not loaded (MATTERFLOW_SAMPLES=true loads them) 未加载示例目录与示例流程');
  }
  if (context.db.kind === 'pglite' && config.samples) {
    lines.push('Sample tokens (Authorization: Bearer <token>) 示例令牌:');
    for (const { user, token } of await seedDevTokens(context, config.dataDir)) {
      lines.push(`  ${user.department.padEnd(6)} ${user.id.padEnd(7)} ${token}   ${user.name} [${user.roles.join(', ')}]`);
    }
  } else {
    const token = await bootstrapAdmin(context);
    if (token) lines.push(`Administrator token (shown once, keep it safe) 管理员令牌（仅显示一次）: ${token}`);
  }
  // From October a limit started can end in next year: say at start-up when its holiday schedule is still missing.
  const readiness = await slaOf(context.engine).calendarReadiness.of({ userId: 'system', department: '', roles: ['admin'] });
  if (readiness.needed) lines.push(`Calendar 工作日历: ${readiness.messageZh}`, `  ${readiness.message}`);
  server.markReady();
  console.log(lines.join('\n') + '\n');

  const shutdown = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error) => {
  if (error instanceof DataFolderLockedError || error instanceof PortInUseError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
