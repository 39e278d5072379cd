// A job's completion starts from the job, case and clocks its claim read (engine/jobs/claimed-jobs.ts, issue 12): one
// statement instead of two on the path every service task takes, and whatever happened to the case since the claim
// makes the write fail its check and run again on fresh rows. Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
import { EngineError, PgliteDatabase, PostgresDatabase, type Database, type Db, type Engine } from '../../../engine/index.js';
import { shippedEngine } from '../../../api/server.js';
import { freshDatabase, type TestDatabaseTarget } from '../../support/database.js';
import { clerk, outsider } from '../durable/harness.js';

/** A permit's automatic check: a statutory case limit (a clock the completion stops), a service task, a clerk's review. */
const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:gov="http://matterflow.dev/schema/gov/1.0" id="D_Claimed" targetNamespace="http://matterflow.dev/tests">
  <bpmn:process id="claimed-check" name="自动核验" isExecutable="true">
    <bpmn:extensionElements><gov:sla statutory="P5D" calendar="working" /></bpmn:extensionElements>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Check" />
    <bpmn:serviceTask id="Check" name="核验证照">
      <bpmn:extensionElements><zeebe:taskDefinition type="licence-check" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Check" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

/** The database with every statement it is sent written down: its first word, and whether it ran in a transaction. */
function counted(inner: Database): { db: Database; log: string[] } {
  const log: string[] = [];
  const wrap = (db: Db, where: string): Db => ({
    query: (sql, params) => {
      log.push(`${where}: ${sql.trim().split(/\s+/)[0]}`);
      return db.query(sql, params);
    },
    exec: (script) => db.exec(script),
    transaction: (work) => {
      log.push('transaction');
      return db.transaction((tx) => work(wrap(tx, 'in transaction')));
    },
  });
  return { db: Object.assign(Object.create(inner) as Database, wrap(inner, 'alone')), log };
}

describe('a job’s completion starts from what its claim read', () => {
  let target: TestDatabaseTarget;
  let inner: Database;
  let log: string[];
  let engine: Engine;

  beforeAll(async () => {
    target = await freshDatabase();
    inner = target.databaseUrl ? new PostgresDatabase(target.databaseUrl) : await PgliteDatabase.open();
    let db: Database;
    ({ db, log } = counted(inner));
    ({ engine } = await shippedEngine(db));
    await engine.deploy({ xml, actor: clerk });
  });
  afterAll(async () => {
    await inner.close();
    await target.drop();
  });

  /** A case waiting at its check, and the check's job as a worker holds it. */
  async function claimed(businessKey: string) {
    const instance = await engine.startInstance({ processId: 'claimed-check', businessKey, actor: clerk });
    const [job] = await engine.activateJobs(clerk, { type: 'licence-check', worker: 'w1', max: 1, lockMs: 60_000 });
    expect(job.instance_id).toBe(instance.id);
    return { instance, job };
  }

  const caseOf = async (id: string) => (await inner.query<{ status: string; variables: Record<string, unknown> }>("SELECT status, state -> 'variables' AS variables FROM process_instances WHERE id = $1", [id]))[0];
  const clocksOf = (id: string) => inner.query<{ state: string }>('SELECT state FROM sla_clocks WHERE instance_id = $1', [id]);
  const trail = async (id: string) => (await inner.query<{ type: string }>('SELECT type FROM history WHERE instance_id = $1 ORDER BY id', [id])).map((row) => row.type);

  test('the completion is one statement: the job, its case and the case’s clocks came with the claim', async () => {
    const { instance, job } = await claimed('CJ-1');
    // The claim hands the worker the variables it always did.
    expect(job.variables).toEqual({});
    log.length = 0;
    await engine.completeJob(clerk, job.id, { licenceValid: true });
    expect(log).toEqual(['alone: WITH']);

    expect(await caseOf(instance.id)).toEqual({ status: 'completed', variables: { licenceValid: true } });
    expect(await clocksOf(instance.id)).toEqual([{ state: 'stopped' }]);
    expect(await trail(instance.id)).toEqual(expect.arrayContaining(['element.completed', 'instance.completed']));
    // A second completion of the same job finds it finished, by whom and when.
    await expect(engine.completeJob(clerk, job.id, {})).rejects.toMatchObject({ kind: 'conflict', message: expect.stringMatching(/already completed by worker w1/) });
  });

  test('variables set on the case after the claim: the write fails its revision check and the completion runs again on the case as it is', async () => {
    const { instance, job } = await claimed('CJ-2');
    await engine.setVariables(clerk, instance.id, { applicant: '张三' });
    log.length = 0;
    await engine.completeJob(clerk, job.id, { licenceValid: true });
    // The copy's write changed nothing; the retry read the job and the case afresh and wrote once.
    expect(log).toEqual(['alone: WITH', 'alone: SELECT', 'alone: WITH']);
    expect(await caseOf(instance.id)).toEqual({ status: 'completed', variables: { applicant: '张三', licenceValid: true } });
    expect((await trail(instance.id)).filter((type) => type === 'instance.completed')).toHaveLength(1);
  });

  test('a case canceled after the claim: the completion is refused as without the copy, and writes nothing', async () => {
    const { instance, job } = await claimed('CJ-3');
    await engine.cancelInstance(clerk, instance.id, { reason: '申请人撤回' });
    const before = await trail(instance.id);
    const error = await engine.completeJob(clerk, job.id, { licenceValid: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ kind: 'not-found' });
    expect((await caseOf(instance.id)).status).toBe('canceled');
    expect(await trail(instance.id)).toEqual(before);
  });

  test('a clock changed after the claim (a calendar recompute): the stop fails its check, the completion runs again and stops it once', async () => {
    const { instance, job } = await claimed('CJ-4');
    await inner.query('UPDATE sla_clocks SET calendar_revision = calendar_revision + 1000 WHERE instance_id = $1', [instance.id]);
    log.length = 0;
    await engine.completeJob(clerk, job.id, {});
    expect(log).toEqual(['alone: WITH', 'alone: SELECT', 'alone: WITH']);
    const [clock] = await inner.query<{ state: string; calendar_revision: number }>('SELECT state, calendar_revision FROM sla_clocks WHERE instance_id = $1', [instance.id]);
    expect(clock.state).toBe('stopped');
    expect((await caseOf(instance.id)).status).toBe('completed');
  });

  test('someone the job is hidden from is told it does not exist, and the worker’s claim still serves the worker', async () => {
    const { instance, job } = await claimed('CJ-5');
    await expect(engine.completeJob(outsider, job.id, {})).rejects.toMatchObject({ kind: 'not-found' });
    expect((await caseOf(instance.id)).status).toBe('active');
    log.length = 0;
    await engine.completeJob(clerk, job.id, {});
    expect(log).toEqual(['alone: WITH']);
    expect((await caseOf(instance.id)).status).toBe('completed');
  });

  test('a job failed with retries left and claimed again completes from the new claim', async () => {
    const { instance, job } = await claimed('CJ-6');
    await engine.failJob(clerk, job.id, { retries: 2, errorMessage: '证照库超时' });
    const [again] = await engine.activateJobs(clerk, { type: 'licence-check', worker: 'w2', max: 1, lockMs: 60_000 });
    expect(again).toMatchObject({ id: job.id, retries: 2 });
    log.length = 0;
    await engine.completeJob(clerk, job.id, {});
    expect(log).toEqual(['alone: WITH']);
    expect((await caseOf(instance.id)).status).toBe('completed');
    const [tombstone] = await inner.query<{ worker: string }>('SELECT worker FROM job_tombstones WHERE id = $1', [job.id]);
    expect(tombstone.worker).toBe('w2');
  });
});
