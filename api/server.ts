import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { pino, type Logger } from 'pino';
import { answerClientError } from './http/client-error.js';
import { Engine, engineMigrations, LiveCalendar, migrate, openDatabase, Staff, systemClock, type Clock, type Database, type MigrationSource } from '../engine/index.js';
import { catalogMigrations } from '../catalog/index.js';
import { startJobExecutor } from '../engine/jobs/job-executor.js';
import { addHistoryMonths } from '../engine/store/history-months.js';
import { PollingLoop } from '../engine/jobs/polling-loop.js';
import { startSlaMonitor, withSla } from '../engine/sla/index.js';
import { createApp } from './app.js';
import { expressMessages } from './http/express-messages.js';
import { TokenStore } from './auth/token-store.js';
import type { AppContext } from './context.js';
import { PortInUseError } from './port-in-use.js';

export { PortInUseError } from './port-in-use.js';

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
  /** Answer /health with "starting" until `markReady()` (the caller has start-up work of its own). */
  holdReadiness?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  context: AppContext;
  /** Start-up has finished: /health says ready from now on. */
  markReady(): void;
  close(): Promise<void>;
}

/** Every module's migrations, in dependency order. */
export const MIGRATIONS: MigrationSource[] = [engineMigrations, catalogMigrations];

/** Opens the database, applies migrations and builds the app's context. */
export async function createContext(options: Omit<ServerOptions, 'port' | 'host'>): Promise<AppContext> {
  const log = options.log ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const db: Database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  const { engine, calendar, staff } = await shippedEngine(db, options.clock ?? systemClock);
  const tokens = new TokenStore(db, staff);
  await tokens.cache.start();
  return { db, engine, calendar, tokens, log, readiness: { ready: true } };
}

/**
 * The engine as the server runs it, on a database: migrations applied, the live business calendar, the
 * staff directory that routes tasks, and the SLA module. Benchmarks build theirs here, so they measure it.
 */
export async function shippedEngine(db: Database, clock: Clock = systemClock): Promise<{ engine: Engine; calendar: LiveCalendar; staff: Staff }> {
  await migrate(db, MIGRATIONS);
  await addHistoryMonths(db, clock.now());
  const calendar = new LiveCalendar(clock);
  await calendar.refresh(db);
  const staff = new Staff(db);
  await staff.refresh();
  // Group commit stays off until it pays on the shipped configuration (issue 12; bench/durable.ts measures both).
  const groupCommit = process.env.MATTERFLOW_GROUP_COMMIT === 'on';
  const engine = withSla(new Engine(db, clock, { services: { calendar, directory: staff.directory }, staff, groupCommit }));
  return { engine, calendar, staff };
}

/**
 * Starts the HTTP server; `port: 0` picks a free port (tests). The port is taken first, so a
 * busy port fails at once, and liveness (/api/v1/health/live) answers while the database opens
 * and migrates; every other request gets 503 until the app is ready.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  let handle: http.RequestListener = whileStarting;
  const messages = expressMessages();
  const server = http.createServer({ IncomingMessage: messages.IncomingMessage, ServerResponse: messages.ServerResponse }, (req, res) => handle(req, res));
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, options.port ?? 3000) : error));
    server.listen(options.port ?? 3000, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  let context: AppContext;
  try {
    context = await createContext(options);
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw error;
  }
  if (options.holdReadiness) context.readiness.ready = false;
  const app = createApp(context);
  messages.use(app);
  handle = app;
  const workers = options.workers === false ? [] : [startJobExecutor(context), startSlaMonitor(context), refreshEvery(context, 10_000)];
  return {
    url: `http://${host}:${port}`,
    port,
    context,
    markReady() {
      context.readiness.ready = true;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(workers.map((worker) => worker.stop()));
      await context.tokens.cache.stop();
      await context.db.close();
    },
  };
}

/** Before the database is open: alive, but not ready for anything else. */
function whileStarting(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.url === '/api/v1/health/live') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ status: 'alive' }));
    return;
  }
  if (req.url?.startsWith('/api/v1/health')) {
    res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '2' }).end(JSON.stringify({ status: 'starting' }));
    return;
  }
  const body = { type: 'https://matterflow.dev/problems/starting', title: 'The server is starting', titleZh: '服务正在启动', status: 503 };
  res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '2' }).end(JSON.stringify(body));
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

