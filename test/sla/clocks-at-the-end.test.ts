import { openDatabase, type Actor, type Database, type Db, type Engine } from '../../engine/index.js';
import { shippedEngine } from '../../api/server.js';
import { FakeClock } from '../support/context.js';
import { freshDatabase, type TestDatabaseTarget } from '../support/database.js';
import { end, process, serviceTask, start, userTask } from '../integration/durable/models.js';

const clerk: Actor = { userId: 'clerk', department: 'SCJGJ', roles: ['designer', 'integrator', 'staff'] };

const check = process('check-then-end', [start(), serviceTask('Check', 'check-data'), end()].join('\n'), [
  ['F1', 'Start', 'Check'],
  ['F2', 'Check', 'End'],
]);
const review = process('review-then-end', [start(), userTask('Review', '审查'), end()].join('\n'), [
  ['F1', 'Start', 'Review'],
  ['F2', 'Review', 'End'],
]);

/** The database as the engine sees it, counting the transactions it opens. */
function countingTransactions(db: Database): { db: Database; transactions: () => number } {
  let transactions = 0;
  const counted: Database = Object.create(db) as Database;
  counted.transaction = <T>(work: (tx: Db) => Promise<T>) => {
    transactions++;
    return db.transaction(work);
  };
  counted.query = (sql, params) => db.query(sql, params);
  return { db: counted, transactions: () => transactions };
}

/**
 * An instance's open SLA clocks are stopped when it ends. The SLA module reads them without a lock and stops
 * them under a check in the command's statement, so that an instance with none ends by one autocommitted write.
 */
describe('SLA clocks when an instance ends', () => {
  let target: TestDatabaseTarget;
  let database: Database;
  let engine: Engine;
  let transactions: () => number;

  beforeAll(async () => {
    target = await freshDatabase('migrated');
    database = await openDatabase({ databaseUrl: target.databaseUrl });
    const counting = countingTransactions(database);
    transactions = counting.transactions;
    ({ engine } = await shippedEngine(counting.db, new FakeClock()));
    for (const xml of [check, review]) await engine.deploy({ xml, actor: clerk });
  });
  afterAll(async () => {
    await database.close();
    await target.drop();
  });

  const openClocks = async (instanceId: string) =>
    (await database.query<{ kind: string }>(`SELECT kind FROM sla_clocks WHERE instance_id = $1 AND state <> 'stopped' ORDER BY kind`, [instanceId])).map((row) => row.kind);
  const stoppedClocks = async (instanceId: string) =>
    (await database.query<{ kind: string }>(`SELECT kind FROM sla_clocks WHERE instance_id = $1 AND state = 'stopped' ORDER BY kind`, [instanceId])).map((row) => row.kind);

  /** Completes an instance's job; answers how many transactions the completion opened. */
  const activated = new Map<string, string>();
  const completeOnlyJob = async (instanceId: string) => {
    for (const job of await engine.activateJobs(clerk, { type: 'check-data', worker: 'w1', max: 100, lockMs: 60_000 })) activated.set(job.instance_id!, job.id);
    const jobId = activated.get(instanceId)!;
    const before = transactions();
    await engine.completeJob(clerk, jobId, { checked: true });
    return transactions() - before;
  };

  test('an instance without clocks ends by its last job without opening a transaction', async () => {
    const instance = await engine.startInstance({ processId: 'check-then-end', variables: { applicant: '张三' }, actor: clerk });
    expect(await openClocks(instance.id)).toEqual([]);
    // Warm: the business calendar is read once a second through the command's transaction.
    await completeOnlyJob((await engine.startInstance({ processId: 'check-then-end', actor: clerk })).id);
    expect(await completeOnlyJob(instance.id)).toBe(0);
    expect((await engine.getInstance(clerk, instance.id)).status).toBe('completed');
  });

  test('an instance with a statutory clock has it stopped by its last job, without a transaction', async () => {
    const instance = await engine.startInstance({ processId: 'check-then-end', variables: { legalTimeLimit: { value: 20, unit: 'workingDay' } }, actor: clerk });
    expect(await openClocks(instance.id)).toEqual(['statutory']);
    // The stop travels in the completion's one statement, its check (the clock as read) asked beside the revision's.
    expect(await completeOnlyJob(instance.id)).toBe(0);
    expect(await openClocks(instance.id)).toEqual([]);
    expect(await stoppedClocks(instance.id)).toEqual(['statutory']);
  });

  test('a clock whose time limit the variables no longer carry is still stopped at the end', async () => {
    const instance = await engine.startInstance({ processId: 'review-then-end', variables: { legalTimeLimit: { value: 20, unit: 'workingDay' } }, actor: clerk });
    expect(await openClocks(instance.id)).toEqual(['statutory']);
    const [task] = await engine.listTasks(clerk, { instanceId: instance.id });
    // The variables at the end say nothing of a time limit any more: the clock opened at the start must stop all the same.
    await engine.completeTask(clerk, task.id, { legalTimeLimit: null });
    expect((await engine.getInstance(clerk, instance.id)).status).toBe('completed');
    expect(await openClocks(instance.id)).toEqual([]);
    expect(await stoppedClocks(instance.id)).toEqual(['statutory']);
  });
});
