import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { pino, type Logger } from 'pino';
import { Engine, engineMigrations, LiveCalendar, migrate, openDatabase, Staff, systemClock, type Clock, type Database, type MigrationSource } from '../engine/index.js';
import { catalogMigrations } from '../catalog/index.js';
import { startJobExecutor } from '../engine/jobs/job-executor.js';
import { PollingLoop } from '../engine/jobs/polling-loop.js';
import { startSlaMonitor, withSla } from '../engine/sla/index.js';
import { createApp } from './app.js';
import { TokenStore } from './auth/token-store.js';
import type { AppContext } from './context.js';

export interface ServerOptions {
  port?: number;
  host?: string;
  databaseUrl?: string;
  /** Embedded database folder; ignored with databaseUrl; absent = in memory. */
  dataDir?: string;
  clock?: Clock;
  log?: Logger;
  /** Run the job executor (timers, message TTL) and the SLA monitor in this process; default true. */
  workers?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  context: AppContext;
  close(): Promise<void>;
}

/** Every module's migrations, in dependency order. */
export const MIGRATIONS: MigrationSource[] = [engineMigrations, catalogMigrations];

/** Opens the database, applies migrations and builds the app's context. */
export async function createContext(options: Omit<ServerOptions, 'port' | 'host'>): Promise<AppContext> {
  const log = options.log ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const db: Database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  await migrate(db, MIGRATIONS);
  const clock = options.clock ?? systemClock;
  const calendar = new LiveCalendar(clock);
  await calendar.refresh(db);
  const staff = new Staff(db);
  await staff.refresh();
  const engine = withSla(new Engine(db, clock, { services: { calendar, directory: staff.directory }, staff }));
  return { db, engine, calendar, tokens: new TokenStore(db, staff), log };
}

/** Starts the HTTP server; `port: 0` picks a free port (tests). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const context = await createContext(options);
  const app = createApp(context);
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const workers = options.workers === false ? [] : [startJobExecutor(context), startSlaMonitor(context), refreshEvery(context, 10_000)];
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    context,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(workers.map((worker) => worker.stop()));
      await context.db.close();
    },
  };
}

/** Keeps the timers' business calendar and the task-routing directory in step with changes made by any process. */
function refreshEvery(context: AppContext, ms: number): PollingLoop {
  const loop = new PollingLoop(
    'calendar and staff directory refresh',
    async () => {
      await context.calendar.refresh(context.db);
      await context.engine.staff.refresh();
      return { moreWork: false };
    },
    context.log,
  );
  loop.start(ms);
  return loop;
}
