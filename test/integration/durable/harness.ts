import { pino } from 'pino';
import { JobExecutor, type Actor } from '../../../engine/index.js';
import type { AppContext } from '../../../api/context.js';
import { createContext } from '../../../api/server.js';
import { freshDatabase } from '../../support/database.js';
import { FakeClock } from '../../support/context.js';

export const clerk: Actor = { userId: 'clerk', department: 'SCJGJ', roles: ['designer', 'integrator', 'staff', 'supervisor'] };
export const outsider: Actor = { userId: 'other', department: 'ZJJ', roles: ['designer', 'integrator', 'staff'] };

export interface Harness {
  context: AppContext;
  clock: FakeClock;
  executor: JobExecutor;
  close(): Promise<void>;
}

/** A real engine on a fresh database (PGlite, or PostgreSQL with DATABASE_URL), a fake clock and an executor driven by hand. */
export async function harness(): Promise<Harness> {
  const target = await freshDatabase('migrated');
  const clock = new FakeClock();
  const context = await createContext({ databaseUrl: target.databaseUrl, clock, log: pino({ level: 'silent' }) });
  const executor = new JobExecutor(context.engine, { owner: 'test-executor' });
  return {
    context,
    clock,
    executor,
    async close() {
      await context.db.close();
      await target.drop();
    },
  };
}
