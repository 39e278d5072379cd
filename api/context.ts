import type { Logger } from 'pino';
import type { Database, Engine, LiveCalendar } from '../engine/index.js';
import type { TokenStore } from './auth/token-store.js';

/** What every router gets: the database, the engine and the services built on them. */
export interface AppContext {
  db: Database;
  engine: Engine;
  /** The business calendar timers count working days with; refreshed from the database. */
  calendar: LiveCalendar;
  tokens: TokenStore;
  log: Logger;
  /** False while start-up (sample data, examples) is still running: /health then says "starting". */
  readiness: { ready: boolean };
}
