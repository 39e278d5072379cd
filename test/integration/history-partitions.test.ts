import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineMigrations, migrate, openDatabase, type Actor, type Database } from '../../engine/index.js';
import { addHistoryMonths } from '../../engine/store/history-months.js';
import { MIGRATIONS, shippedEngine } from '../../api/server.js';
import { freshDatabase, onPostgres, type TestDatabaseTarget } from '../support/database.js';
import { FakeClock } from '../support/context.js';
import { end, process as bpmnProcess, start, userTask } from './durable/models.js';

const clerk: Actor = { userId: 'clerk', department: 'SCJGJ', roles: ['designer', 'integrator', 'staff', 'supervisor'] };
const INSTANCE = '00000000-0000-4000-8000-000000000001';

/** The engine's migrations before history was partitioned (a copy of the folder without 1090 and later). */
function migrationsBeforePartitioning(): { module: string; folder: string } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-migrations-'));
  for (const file of fs.readdirSync(engineMigrations.folder).filter((name) => name.endsWith('.sql') && name < '1090')) {
    fs.copyFileSync(path.join(engineMigrations.folder, file), path.join(folder, file));
  }
  return { module: engineMigrations.module, folder };
}

/** Which table holds each history row, by id. */
async function tablesOf(db: Database): Promise<Map<number, string>> {
  const rows = await db.query<{ id: string; tableoid: string }>('SELECT id, tableoid::regclass::text AS tableoid FROM history ORDER BY id');
  return new Map(rows.map((row) => [Number(row.id), row.tableoid]));
}

describe(`history partitioned by month (${onPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  let target: TestDatabaseTarget;
  let db: Database;
  beforeAll(async () => {
    target = await freshDatabase();
    db = await openDatabase({ databaseUrl: target.databaseUrl });
  });
  afterAll(async () => {
    await db.close();
    await target.drop();
  });

  test('the migration keeps every existing row, each in the table of its month, and ids go on from where they were', async () => {
    const before = migrationsBeforePartitioning();
    await migrate(db, [before]);
    fs.rmSync(before.folder, { recursive: true, force: true });
    const old = [
      ['2024-01-31T23:59:59.999Z', 'instance.started'],
      ['2024-02-01T00:00:00Z', 'userTask.created'],
      ['2025-09-25T01:00:00Z', 'instance.completed'],
    ];
    for (const [at, type] of old) {
      await db.query(`INSERT INTO history (instance_id, department, at, type, actor) VALUES ($1, 'SCJGJ', $2, $3, 'clerk')`, [INSTANCE, at, type]);
    }
    const ids = (await db.query<{ id: string }>('SELECT id FROM history ORDER BY id')).map((row) => Number(row.id));

    expect(await migrate(db, MIGRATIONS)).toContain('engine/1090_history_partitions.sql');

    const partitioned = await db.query<{ relkind: string }>(`SELECT relkind FROM pg_class WHERE relname = 'history'`);
    expect(partitioned[0].relkind).toBe('p');
    const tables = await tablesOf(db);
    expect([...tables.entries()]).toEqual([
      [ids[0], 'history_2024_01'],
      [ids[1], 'history_2024_02'],
      [ids[2], 'history_2025_09'],
    ]);
    const copied = await db.query<{ type: string; at: Date; actor: string }>('SELECT type, at, actor FROM history ORDER BY id');
    expect(copied.map((row) => [row.at.toISOString(), row.type])).toEqual(old.map(([at, type]) => [new Date(at).toISOString(), type]));
    const [next] = await db.query<{ id: string }>(`INSERT INTO history (instance_id, department, at, type) VALUES ($1, 'SCJGJ', now(), 'probe') RETURNING id`, [INSTANCE]);
    expect(Number(next.id)).toBeGreaterThan(ids[2]);
    await db.query(`DELETE FROM history WHERE type = 'probe'`);
  });

  test('a row of a month without a table lands in the default table, and moves into its month when that month is added', async () => {
    await db.query(`INSERT INTO history (instance_id, department, at, type) VALUES ($1, 'SCJGJ', '2031-05-17T08:00:00Z', 'far.future')`, [INSTANCE]);
    const [row] = await db.query<{ id: string; tableoid: string }>(`SELECT id, tableoid::regclass::text AS tableoid FROM history WHERE type = 'far.future'`);
    expect(row.tableoid).toBe('history_default');

    expect(await addHistoryMonths(db, new Date('2031-04-30T23:00:00Z'))).toEqual(['2031-04', '2031-05', '2031-06']);
    expect((await tablesOf(db)).get(Number(row.id))).toBe('history_2031_05');
    expect(await addHistoryMonths(db, new Date('2031-05-02T00:00:00Z'))).toEqual(['2031-07']);
    const [{ count }] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM history_default`);
    expect(count).toBe(0);
  });

  test("the engine writes and reads a case's trail across the tables, in order", async () => {
    const clock = new FakeClock(new Date('2024-01-31T23:59:00Z'));
    const { engine } = await shippedEngine(db, clock);
    await engine.deploy({ xml: bpmnProcess('partitioned', `${start()}${userTask('Review')}${end()}`, [['F1', 'Start', 'Review'], ['F2', 'Review', 'End']]), actor: clerk });
    const instance = await engine.startInstance({ processId: 'partitioned', actor: clerk });
    clock.set('2024-02-01T00:05:00Z');
    const [task] = await engine.listTasks(clerk, { instanceId: instance.id });
    await engine.completeTask(clerk, task.id, {});
    const trail = await engine.history(clerk, instance.id);
    expect(trail[0].type).toBe('instance.started');
    expect(trail.at(-1)!.type).toBe('instance.completed');
    const tables = await tablesOf(db);
    expect(tables.get(Number(trail[0].id))).toBe('history_2024_01');
    expect(tables.get(Number(trail.at(-1)!.id))).toBe('history_2024_02');
    const ids = trail.map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  (onPostgres() ? test : test.skip)('several processes adding the same months at once add each once', async () => {
    const added = await Promise.all(Array.from({ length: 4 }, () => addHistoryMonths(db, new Date('2033-01-15T00:00:00Z'))));
    expect(added.flat().sort()).toEqual(['2033-01', '2033-02', '2033-03']);
  });
});
