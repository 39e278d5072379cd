// Group commit (engine/db/group-commit.ts, issue 12): commands that arrive together share one transaction,
// one failing command leaves the others committed, and no command is answered before its commit.
// Runs on PGlite, and on PostgreSQL when DATABASE_URL is set; transactions are counted by the group commit itself.
import { GroupCommit, PgliteDatabase, PostgresDatabase, type Database, type Db, type Engine } from '../../../engine/index.js';
import { shippedEngine } from '../../../api/server.js';
import { freshDatabase, onPostgres, type TestDatabaseTarget } from '../../support/database.js';
import { clerk as harnessClerk } from '../durable/harness.js';

const clerk = { ...harnessClerk, groups: ['clerks'] };

const reviewXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D_Group" targetNamespace="http://matterflow.dev/tests">
  <bpmn:process id="group-review" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
    <bpmn:userTask id="Review" name="审查">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="clerks" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

/** A promise and the hand that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  return done;
};

describe('group commit', () => {
  let target: TestDatabaseTarget;
  let db: Database;
  let engine: Engine;

  beforeAll(async () => {
    target = await freshDatabase();
    db = target.databaseUrl ? new PostgresDatabase(target.databaseUrl) : await PgliteDatabase.open();
    process.env.MATTERFLOW_GROUP_COMMIT = 'on';
    ({ engine } = await shippedEngine(db));
    delete process.env.MATTERFLOW_GROUP_COMMIT;
    await engine.deploy({ xml: reviewXml, actor: clerk });
    await db.exec('CREATE TABLE group_commit_probe (id int, note text, CONSTRAINT group_commit_probe_once UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)');
  });
  afterAll(async () => {
    await db.close();
    await target.drop();
  });

  test('the shipped engine commits N concurrent starts in fewer than N transactions, every one of them', async () => {
    const N = 40;
    const before = { ...engine.groupCommit!.stats };
    const started = await Promise.all(Array.from({ length: N }, (_, n) => engine.startInstance({ processId: 'group-review', businessKey: `G-${n}`, actor: clerk })));
    const transactions = engine.groupCommit!.stats.transactions - before.transactions;
    expect(engine.groupCommit!.stats.commands - before.commands).toBe(N);
    expect(transactions).toBeLessThan(N);
    const [{ count }] = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM process_instances WHERE id = ANY($1::uuid[])`, [started.map((row) => row.id)]);
    expect(count).toBe(N);
    const [{ tasks }] = await db.query<{ tasks: number }>(`SELECT count(*)::int AS tasks FROM user_tasks WHERE instance_id = ANY($1::uuid[]) AND state = 'created'`, [started.map((row) => row.id)]);
    expect(tasks).toBe(N);
  });

  test('two clerks completing the same task at once: one wins, the other is refused, the instance moves once', async () => {
    const instance = await engine.startInstance({ processId: 'group-review', businessKey: 'G-race', actor: clerk });
    const [task] = await db.query<{ id: string }>(`SELECT id FROM user_tasks WHERE instance_id = $1`, [instance.id]);
    const outcomes = await Promise.allSettled([engine.completeTask(clerk, task.id), engine.completeTask(clerk, task.id), engine.completeTask(clerk, task.id)]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const [row] = await db.query<{ status: string; revision: number }>('SELECT status, revision FROM process_instances WHERE id = $1', [instance.id]);
    expect(row).toEqual({ status: 'completed', revision: instance.revision + 1 });
    const completed = await db.query(`SELECT 1 FROM history WHERE instance_id = $1 AND type = 'instance.completed'`, [instance.id]);
    expect(completed).toHaveLength(1);
  });

  test('a failing command in a batch is rolled back alone; the others commit in the same transaction', async () => {
    const group = new GroupCommit(db);
    const insert = (id: number, note: string) => (tx: Db) => tx.query('INSERT INTO group_commit_probe (id, note) VALUES ($1, $2)', [id, note]);
    const results = await Promise.allSettled([
      group.transaction(insert(1, 'first')),
      group.transaction(async (tx) => {
        await insert(2, 'failing')(tx);
        throw new Error('refused');
      }),
      group.transaction(async (tx) => {
        await tx.query('SELECT 1 / 0'); // a statement error aborts only this command's savepoint
      }),
      group.transaction(insert(3, 'third')),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(group.stats).toEqual({ transactions: 1, commands: 2 });
    const rows = await db.query<{ id: number; note: string }>('SELECT id, note FROM group_commit_probe ORDER BY id');
    expect(rows).toEqual([
      { id: 1, note: 'first' },
      { id: 3, note: 'third' },
    ]);
    await db.query('DELETE FROM group_commit_probe');
  });

  test('a command is answered only after its batch commits, and not at all as a success when the commit fails', async () => {
    const group = new GroupCommit(db);
    const held = gate();
    const early = group.transaction((tx) => tx.query('INSERT INTO group_commit_probe (id, note) VALUES (10, $1)', ['early']));
    const late = group.transaction(async (tx) => {
      await held.opened;
      await tx.query('INSERT INTO group_commit_probe (id, note) VALUES (11, $1)', ['late']);
    });
    // The early command's work is done, but its batch has not committed: no answer yet.
    expect(await settled(early)).toBe(false);
    // PGlite runs one transaction at a time, so only PostgreSQL can look from outside meanwhile.
    if (onPostgres()) expect(await db.query('SELECT 1 FROM group_commit_probe WHERE id = 10')).toEqual([]);
    held.open();
    await Promise.all([early, late]);
    expect((await db.query<{ id: number }>('SELECT id FROM group_commit_probe ORDER BY id')).map((row) => row.id)).toEqual([10, 11]);

    // Both commands' statements succeed, the deferred constraint fails at COMMIT: neither is answered with success.
    const twice = await Promise.allSettled([
      group.transaction((tx) => tx.query('INSERT INTO group_commit_probe (id, note) VALUES (20, $1)', ['a'])),
      group.transaction((tx) => tx.query('INSERT INTO group_commit_probe (id, note) VALUES (20, $1)', ['b'])),
    ]);
    expect(twice.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await db.query('SELECT 1 FROM group_commit_probe WHERE id = 20')).toEqual([]);
  });
});
