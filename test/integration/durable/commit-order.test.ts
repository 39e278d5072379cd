import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import type { AppContext } from '../../../api/context.js';
import { createContext } from '../../../api/server.js';
import { EngineError, type Actor } from '../../../engine/index.js';
import { readNotificationFeed } from '../../../engine/sla/index.js';
import { freshDatabase, onPostgres, type TestDatabaseTarget } from '../../support/database.js';
import { clerk } from './harness.js';
import { end, process, start, userTask } from './models.js';

const approval = process('approval', [start(), userTask('Approve'), end()].join('\n'), [
  ['F1', 'Start', 'Approve'],
  ['F2', 'Approve', 'End'],
]);
const admin: Actor = { userId: 'admin', department: 'ZSJ', roles: ['admin'] };
const colleague: Actor = { ...clerk, userId: 'colleague' };

/** Whether a promise has settled within `ms` (it should still be waiting on a row lock). */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, ms));
  return settled;
}

// Two transactions open at once need two connections: PostgreSQL (DATABASE_URL) only; PGlite has one.
(onPostgres() ? describe : describe.skip)('what another transaction commits meanwhile is seen (PostgreSQL)', () => {
  let target: TestDatabaseTarget;
  let context: AppContext;
  let other: pg.Client;

  beforeAll(async () => {
    target = await freshDatabase();
    context = await createContext({ databaseUrl: target.databaseUrl, log: pino({ level: 'silent' }) });
    await context.engine.deploy({ xml: approval, actor: clerk });
    other = new pg.Client({ connectionString: target.databaseUrl });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await context.db.close();
    await target.drop();
  });

  test('completing a task sees a claim that commits while the completion waits: 409, and the task stays with the claimant', async () => {
    const instance = await context.engine.startInstance({ processId: 'approval', actor: clerk });
    const [task] = await context.engine.listTasks(clerk, { instanceId: instance.id });
    await other.query('BEGIN');
    await other.query('UPDATE user_tasks SET assignee = $2 WHERE id = $1', [task.id, 'clerk']);
    const completion = context.engine.completeTask(colleague, task.id, { decision: 'by colleague' });
    expect(await settledWithin(completion, 300)).toBe(false);
    await other.query('COMMIT');
    const error = await completion.then(() => undefined, (reason: unknown) => reason);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ kind: 'conflict', message: expect.stringMatching(/claimed by clerk/) });
    const after = await context.engine.getTask(clerk, task.id);
    expect(after).toMatchObject({ state: 'created', assignee: 'clerk' });
    expect((await context.engine.getInstance(clerk, instance.id)).state.variables).not.toHaveProperty('decision');
    // The claimant can still complete it.
    await context.engine.completeTask(clerk, task.id, { decision: 'by clerk' });
    expect((await context.engine.getInstance(clerk, instance.id)).status).toBe('completed');
  });

  test('the notification feed never passes over a row whose transaction commits after a later one', async () => {
    const insert = (client: pg.Client | pg.Pool, type: string) =>
      client.query<{ seq: string }>("INSERT INTO sla_notifications (instance_id, department, type, at, data) VALUES ($1, 'SCJGJ', $2, now(), '{}') RETURNING seq", [randomUUID(), type]);
    const seen: string[] = [];
    let cursor = (await readNotificationFeed(context.db, admin, { after: 0, limit: 1000 })).at(-1)?.seq ?? 0;
    const poll = async () => {
      const items = await readNotificationFeed(context.db, admin, { after: cursor, limit: 1000 });
      seen.push(...items.map((item) => item.type));
      cursor = items.at(-1)?.seq ?? cursor;
    };

    await other.query('BEGIN');
    const early = await insert(other, 'early-but-slow');
    const laterClient = new pg.Client({ connectionString: target.databaseUrl });
    await laterClient.connect();
    try {
      const later = await insert(laterClient, 'later-but-quick');
      expect(Number(later.rows[0].seq)).toBeGreaterThan(Number(early.rows[0].seq));
      await poll();
      expect(seen).toEqual(['later-but-quick']);
      await other.query('COMMIT');
      await poll();
      expect(seen).toEqual(['later-but-quick', 'early-but-slow']);
      await poll();
      expect(seen).toHaveLength(2);
    } finally {
      await laterClient.end();
    }
  });

  test('feed positions stay gap-free and unique when many transactions commit at once', async () => {
    const before = (await readNotificationFeed(context.db, admin, { after: 0, limit: 1000 })).length;
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 8 });
    try {
      const reads: Array<Promise<unknown>> = [];
      await Promise.all(
        Array.from({ length: 40 }, async (_, index) => {
          await pool.query("INSERT INTO sla_notifications (instance_id, department, type, at, data) VALUES ($1, 'SCJGJ', 'burst', now(), '{}')", [randomUUID()]);
          if (index % 5 === 0) reads.push(readNotificationFeed(context.db, admin, { after: 0, limit: 1000 }));
        }),
      );
      await Promise.all(reads);
    } finally {
      await pool.end();
    }
    const all = await readNotificationFeed(context.db, admin, { after: 0, limit: 1000 });
    expect(all).toHaveLength(before + 40);
    const positions = all.map((item) => item.seq);
    expect(new Set(positions).size).toBe(positions.length);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});
