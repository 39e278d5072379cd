import type { Logger } from 'pino';
import type { Database, Engine } from '../engine/index.js';
import type { TokenStore } from './auth/token-store.js';

/** What every router gets: the database, the engine and the services built on them. */
export interface AppContext {
  db: Database;
  engine: Engine;
  tokens: TokenStore;
  log: Logger;
}
