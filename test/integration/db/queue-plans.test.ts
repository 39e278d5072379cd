// Queue claims and cached plans (issue 12): plans that stay sound when the planner believed a table empty.
// The claim runs on PGlite, and on PostgreSQL when DATABASE_URL is set; the plan refresh needs PostgreSQL's named statements.
import { createHash } from 'node:crypto';
import { PlanRefresh, PostgresDatabase, type Database, type Engine } from '../../../engine/index.js';
import { renewLease } from '../../../engine/store/jobs/executor-lease.js';
import { CLAIM_DUE_TIMERS, CLAIM_SERVICE_JOBS } from '../../../engine/store/jobs/queue-claims.js';
import { jobReadSql } from '../../../engine/store/jobs/job-with-instance.js';
import { freshDatabase, onPostgres, type TestDatabaseTarget } from '../../support/database.js';
import { clerk, harness, type Harness } from '../durable/harness.js';
import { end, process as bpmnProcess, serviceTask, start } from '../durable/models.js';

const straight = bpmnProcess('queue-plan', `${start()}${serviceTask('Work', 'queue-plan-work')}${end()}`, [
  ['F1', 'Start', 'Work'],
  ['F2', 'Work', 'End'],
]);

/** Every plan node of an EXPLAIN (FORMAT JSON) answer. */
function planNodes(plan: Record<string, unknown>): Array<Record<string, unknown>> {
  const children = (plan.Plans as Array<Record<string, unknown>> | undefined) ?? [];
  return [plan, ...children.flatMap(planNodes)];
}

class Rollback extends Error {}

const waitNow = bpmnProcess(
  'queue-plan-timer',
  `${start()}<bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT0S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${end()}`,
  [
    ['F1', 'Start', 'Wait'],
    ['F2', 'Wait', 'End'],
  ],
);

/** The plan of an EXPLAIN (FORMAT JSON) statement, after `setup`, in a transaction rolled back afterwards (ANALYZE executes). */
async function explained(db: Database, explain: string, params: unknown[] = [], setup?: string): Promise<Record<string, unknown>> {
  let plan: Record<string, unknown> | undefined;
  await db
    .transaction(async (tx) => {
      if (setup) await tx.exec(setup);
      const [row] = await tx.query<Record<string, unknown>>(explain, params);
      const answer = Object.values(row)[0];
      plan = (typeof answer === 'string' ? JSON.parse(answer) : answer)[0].Plan;
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return plan!;
}

describe('claiming jobs from the queue', () => {
  let h: Harness;
  let db: Database;
  let engine: Engine;
  const later = (ms: number) => new Date(h.clock.now().getTime() + ms);

  beforeAll(async () => {
    h = await harness();
    ({ db, engine } = h.context);
    await engine.deploy({ xml: straight, actor: clerk });
  });
  afterAll(() => h.close());

  test('takes exactly max jobs, locking them in one pass, after the queue was analysed while empty', async () => {
    // A busy hour leaves the queue's pages behind, a quiet one analyses it empty: the planner then believes it holds no row.
    for (let i = 0; i < 300; i++) await engine.startInstance({ processId: 'queue-plan', actor: clerk });
    for (const job of await engine.activateJobs(clerk, { type: 'queue-plan-work', worker: 'w0', max: 300, lockMs: 60_000 })) {
      await engine.completeJob(clerk, job.id, {});
    }
    await db.exec('ANALYZE jobs');
    for (let i = 0; i < 40; i++) await engine.startInstance({ processId: 'queue-plan', actor: clerk });

    const plan = await explained(db, `EXPLAIN (ANALYZE, FORMAT JSON) ${CLAIM_SERVICE_JOBS}`, ['queue-plan-work', h.clock.now(), 'explainer', later(60_000), null, 5, null]);
    const lockRows = planNodes(plan).filter((node) => node['Node Type'] === 'LockRows');
    expect(lockRows).toHaveLength(1);
    // Run once, locking five rows, not once for every row of an outer scan.
    expect(lockRows[0]['Actual Loops']).toBe(1);
    expect(lockRows[0]['Actual Rows']).toBe(5);
    expect(plan['Actual Rows']).toBe(5);

    // lockJob's read of a job with its instance, planned once for every execution (as a named statement's generic
    // plan is): the job is found by its key, not by walking an index of the whole queue.
    const read = jobReadSql({ readAlongSql: '' }, { lock: false });
    const readPlan = await explained(
      db,
      "EXPLAIN (FORMAT JSON) EXECUTE job_read('00000000-0000-4000-8000-000000000000', NULL)",
      [],
      `SET LOCAL plan_cache_mode = force_generic_plan; PREPARE job_read(uuid, text) AS ${read}`,
    );
    const jobScans = planNodes(readPlan).filter((node) => node['Relation Name'] === 'jobs');
    expect(jobScans.map((node) => [node['Node Type'], node['Index Name'], node['Index Cond']])).toEqual([['Index Scan', 'jobs_pkey', '(id = $1)']]);

    const first = await engine.activateJobs(clerk, { type: 'queue-plan-work', worker: 'w1', max: 5, lockMs: 60_000 });
    const second = await engine.activateJobs(clerk, { type: 'queue-plan-work', worker: 'w2', max: 50, lockMs: 60_000 });
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(35);
    expect(new Set([...first, ...second].map((job) => job.id)).size).toBe(40);
  });

  test('the job executor takes exactly max due timers, locking them in one pass, after the queue was analysed while empty', async () => {
    await engine.deploy({ xml: waitNow, actor: clerk });
    for (let i = 0; i < 300; i++) await engine.startInstance({ processId: 'queue-plan-timer', actor: clerk });
    for (const timer of await engine.acquireDueTimers('executor-0', 300, 60_000)) await engine.fireTimer(timer, 'executor-0');
    await db.exec('ANALYZE jobs');
    for (let i = 0; i < 40; i++) await engine.startInstance({ processId: 'queue-plan-timer', actor: clerk });

    const plan = await explained(db, `EXPLAIN (ANALYZE, FORMAT JSON) ${CLAIM_DUE_TIMERS}`, [h.clock.now(), 'explainer', later(60_000), 5]);
    const lockRows = planNodes(plan).filter((node) => node['Node Type'] === 'LockRows');
    expect(lockRows.map((node) => [node['Actual Loops'], node['Actual Rows']])).toEqual([[1, 5]]);
    expect(plan['Actual Rows']).toBe(5);

    // A live executor (its lease renewed) keeps what it took; the second takes the rest.
    await renewLease(db, 'executor-1', 60_000);
    const first = await engine.acquireDueTimers('executor-1', 5, 60_000);
    const second = await engine.acquireDueTimers('executor-2', 50, 60_000);
    expect([first.length, second.length]).toEqual([5, 35]);
  });
});

(onPostgres() ? describe : describe.skip)('cached plans on PostgreSQL', () => {
  let target: TestDatabaseTarget;
  let db: PostgresDatabase;
  const lookup = 'SELECT pad FROM plan_probe WHERE id = $1';
  // PreparedStatementNames' name for the text, so the test can ask the connection for its plan.
  const name = `mf_${createHash('sha1').update(lookup).digest('hex').slice(0, 24)}`;
  const planOf = async () => (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE ${name}(7)`)).map((row) => row['QUERY PLAN']).join('\n');

  beforeAll(async () => {
    target = await freshDatabase();
    // One connection, so every statement meets the same cached plan; plans refresh after 20 uses, then 40.
    db = new PostgresDatabase(target.databaseUrl!, 1, new PlanRefresh(20, 40));
    await db.exec('CREATE TABLE plan_probe (id int PRIMARY KEY, pad text) WITH (autovacuum_enabled = false); ANALYZE plan_probe');
    await db.exec("INSERT INTO plan_probe VALUES (7, 'seven')");
  });
  afterAll(async () => {
    await db.close();
    await target.drop();
  });

  test('a plan made while a table looked empty is made again after the table grew, and the statement stays prepared', async () => {
    for (let i = 0; i < 8; i++) expect(await db.query(lookup, [7])).toEqual([{ pad: 'seven' }]);
    expect(await planOf()).toMatch(/Seq Scan on plan_probe/);
    await db.exec("INSERT INTO plan_probe SELECT g, repeat('x', 200) FROM generate_series(1000, 30000) g");
    // PostgreSQL alone keeps the plan: nothing told it the table grew.
    expect(await planOf()).toMatch(/Seq Scan on plan_probe/);

    for (let i = 0; i < 25; i++) expect(await db.query(lookup, [7])).toEqual([{ pad: 'seven' }]);
    expect(await planOf()).toMatch(/Index Scan using plan_probe_pkey/);
    const [prepared] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM pg_prepared_statements WHERE name = $1', [name]);
    expect(prepared.count).toBe(1);
  });
});
