import { pino } from 'pino';
import { startServer, type RunningServer } from '../../api/server.js';
import { loadSampleCatalog } from '../../catalog/index.js';
import { freshDatabase } from '../support/database.js';

/**
 * The real server on a free port with the sample catalog, as `npm start` runs it: on PostgreSQL
 * when DATABASE_URL is set (a copy of the run's sample database), else on in-memory PGlite.
 */
export async function startSampleServer(): Promise<RunningServer> {
  const target = await freshDatabase('sample-catalog');
  const server = await startServer({ port: 0, databaseUrl: target.databaseUrl, log: pino({ level: 'silent' }) });
  if (!target.databaseUrl) await loadSampleCatalog(server.context.db, server.context.engine);
  return {
    ...server,
    async close() {
      await server.close();
      await target.drop();
    },
  };
}
