import { pino } from 'pino';
import type { Express } from 'express';
import request from 'supertest';
import type { Clock } from '../../engine/index.js';
import { createApp } from '../../api/app.js';
import { loadSampleCatalog } from '../../catalog/index.js';
import type { User } from '../../api/auth/token-store.js';
import type { AppContext } from '../../api/context.js';
import { createContext } from '../../api/server.js';
import { freshDatabase } from './database.js';

export interface TestApp {
  context: AppContext;
  app: Express;
  /** Creates a user with a fresh token and returns the token. */
  userToken(user: Partial<User> & { id: string; department: string; roles: string[] }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database (PGlite in memory, or PostgreSQL when DATABASE_URL is set);
 * `sampleCatalog` gives it the sample catalog as `npm start` loads it.
 */
export async function createTestApp(options: { clock?: Clock; sampleCatalog?: boolean } = {}): Promise<TestApp> {
  const target = await freshDatabase(options.sampleCatalog ? 'sample-catalog' : 'migrated');
  const context = await createContext({ databaseUrl: target.databaseUrl, clock: options.clock, log: pino({ level: 'silent' }) });
  // A copied template already holds it (loading is idempotent, so this only fills the staff directory's gaps).
  if (options.sampleCatalog && !target.databaseUrl) await loadSampleCatalog(context.db, context.engine);
  const app = createApp(context);
  return {
    context,
    app,
    async userToken(user) {
      await context.tokens.upsertUser({ name: user.id, groups: [], ...user });
      return context.tokens.createToken(user.id);
    },
    async close() {
      await context.tokens.cache.stop();
      await context.db.close();
      await target.drop();
    },
  };
}

/** The posts (岗位) the example permit's tasks are offered to (examples/administrative-permit.bpmn). */
export const PERMIT_POSTS = ['受理窗口', '审查科室', '审批负责人'];

/** supertest with a bearer token. */
export function as(app: Express, token: string) {
  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${token}`);
  return {
    get: (path: string) => auth(request(app).get(path)),
    post: (path: string) => auth(request(app).post(path)),
    put: (path: string) => auth(request(app).put(path)),
    patch: (path: string) => auth(request(app).patch(path)),
    delete: (path: string) => auth(request(app).delete(path)),
  };
}

/** A clock tests can move: timers, deadlines and SLA states are tested without waiting. */
export class FakeClock implements Clock {
  constructor(private current: Date = new Date('2025-09-25T01:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
