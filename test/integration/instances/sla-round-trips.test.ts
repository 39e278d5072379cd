// The hot path's round trips with the SLA module on, as the server runs it (issue 12): a start that opens a case
// clock and a step clock is ONE autocommitted statement, and what it wrote is what the SLA views and the inbox read.
// Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
import { PgliteDatabase, PostgresDatabase, type Database, type Db, type Engine } from '../../../engine/index.js';
import { shippedEngine } from '../../../api/server.js';
import { freshDatabase, type TestDatabaseTarget } from '../../support/database.js';
import { clerk as harnessClerk } from '../durable/harness.js';

const clerk = { ...harnessClerk, groups: ['办理'] };

const limitedXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:gov="http://matterflow.dev/schema/gov/1.0" id="D_RoundTrips" targetNamespace="http://matterflow.dev/tests">
  <bpmn:process id="limited-case" name="限时办件" isExecutable="true">
    <bpmn:extensionElements><gov:sla statutory="P5D" calendar="working" /></bpmn:extensionElements>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Handle" />
    <bpmn:userTask id="Handle" name="办理">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="办理" />
        <gov:sla statutory="P2D" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Handle" targetRef="Review" />
    <bpmn:userTask id="Review" name="审核">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="办理" />
        <gov:sla statutory="P1D" />
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

/** A 12345-like ticket: 派单, then the unit's step, whose creation opens the response clock and whose 签收 stops it. */
const ticketXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:gov="http://matterflow.dev/schema/gov/1.0" id="D_Ticket" targetNamespace="http://matterflow.dev/tests">
  <bpmn:process id="response-ticket" name="工单" isExecutable="true">
    <bpmn:extensionElements><gov:sla statutory="P5D" calendar="working" /></bpmn:extensionElements>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Dispatch" />
    <bpmn:userTask id="Dispatch" name="派单">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="办理" /><gov:sla statutory="PT2H" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Dispatch" targetRef="Handle" />
    <bpmn:userTask id="Handle" name="签收处置">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="办理" /><gov:sla response="PT24H" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F3" sourceRef="Handle" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

/** Runs once after the next read of open clocks returns: what another request does between the read and the write. */
let afterClockRead: (() => Promise<void>) | undefined;
/** The text of the last statement that read clocks. */
let clockReadSql = '';

/** The database with every statement and transaction it is sent written down. */
function counted(inner: Database): { db: Database; log: string[] } {
  const log: string[] = [];
  const wrap = (db: Db, where: string): Db => ({
    query: async (sql, params) => {
      const reads = /^SELECT/.test(sql.trim()) && /FROM sla_clocks/.test(sql) ? ' clocks' : '';
      if (reads) clockReadSql = sql;
      log.push(`${where}: ${sql.trim().split(/\s+/)[0]}${/FOR UPDATE/.test(sql) ? ' FOR UPDATE' : ''}${reads}`);
      const rows = await db.query(sql, params);
      if (afterClockRead && /^SELECT/.test(sql.trim()) && /FROM sla_clocks/.test(sql)) {
        const meanwhile = afterClockRead;
        afterClockRead = undefined;
        await meanwhile();
      }
      return rows as never;
    },
    exec: (script) => db.exec(script),
    transaction: (work) => {
      log.push('transaction');
      return db.transaction((tx) => work(wrap(tx, 'in transaction')));
    },
  });
  const db = Object.assign(Object.create(inner) as Database, wrap(inner, 'alone'));
  return { db, log };
}

describe('SLA clocks travel in the command’s own statement', () => {
  let target: TestDatabaseTarget;
  let inner: Database;
  let db: Database;
  let log: string[];
  let engine: Engine;

  beforeAll(async () => {
    target = await freshDatabase();
    inner = target.databaseUrl ? new PostgresDatabase(target.databaseUrl) : await PgliteDatabase.open();
    ({ db, log } = counted(inner));
    ({ engine } = await shippedEngine(db));
    await engine.deploy({ xml: limitedXml, actor: clerk });
    await engine.deploy({ xml: ticketXml, actor: clerk });
    // The first start reads the definition and the calendar revision; the figures are for the ones after it.
    await engine.startInstance({ processId: 'limited-case', actor: clerk });
  });
  afterAll(async () => {
    await inner.close();
    await target.drop();
  });

  test('a start that opens a case clock and a step clock is one statement and no transaction', async () => {
    log.length = 0;
    const instance = await engine.startInstance({ processId: 'limited-case', businessKey: 'RT-1', actor: clerk });
    const writes = log.filter((line) => !line.endsWith('SELECT'));
    expect(writes).toEqual(['alone: WITH']);
    expect(log).not.toContain('transaction');

    const clocks = await inner.query<{ subject: string; kind: string; task_id: string | null; due_at: Date | null }>(
      'SELECT subject, kind, task_id, due_at FROM sla_clocks WHERE instance_id = $1 ORDER BY subject',
      [instance.id],
    );
    expect(clocks.map((clock) => `${clock.subject}:${clock.kind}`)).toEqual(['case:statutory', 'task:step']);
    const [task] = await inner.query<{ id: string; due_date: Date | null }>('SELECT id, due_date FROM user_tasks WHERE instance_id = $1', [instance.id]);
    // The step clock names its task, and its deadline is the task's due date (the inbox sorts by it).
    expect(clocks[1].task_id).toBe(task.id);
    expect(task.due_date).not.toBeNull();
    expect(new Date(task.due_date!).getTime()).toBe(new Date(clocks[1].due_at!).getTime());
    const events = await inner.query<{ type: string; data: { taskId?: string; subject: string } }>(
      `SELECT type, data FROM history WHERE instance_id = $1 AND type LIKE 'sla.clock.%' ORDER BY id`,
      [instance.id],
    );
    expect(events.map((event) => `${event.type}:${event.data.subject}`)).toEqual(['sla.clock.started:case', 'sla.clock.started:task']);
    expect(events[1].data.taskId).toBe(task.id);
    // The trail keeps its order: the task is created before its clock starts.
    const order = await inner.query<{ type: string }>(`SELECT type FROM history WHERE instance_id = $1 AND type IN ('userTask.created', 'sla.clock.started') ORDER BY id`, [instance.id]);
    expect(order.map((row) => row.type)).toEqual(['userTask.created', 'sla.clock.started', 'sla.clock.started']);
  });

  test('completing a step opens the next step’s clock and stops the ended one in the completion’s statement, without a lock or a transaction', async () => {
    const instance = await engine.startInstance({ processId: 'limited-case', businessKey: 'RT-2', actor: clerk });
    const [task] = await inner.query<{ id: string }>('SELECT id FROM user_tasks WHERE instance_id = $1', [instance.id]);
    log.length = 0;
    await engine.completeTask(clerk, task.id);
    // The clocks are read once, unlocked, in the statement that reads the task (EngineExtension.readAlong); the engine's
    // rows, the next clock and the stop go as one statement, its two checks (the instance's revision, the clock as read)
    // asked first: no transaction.
    expect(log.filter((line) => line.includes('clocks'))).toEqual(['alone: SELECT clocks']);
    expect(clockReadSql).toMatch(/FROM user_tasks t CROSS JOIN LATERAL \(SELECT row_to_json\(i\) AS instance/);
    expect(log.filter((line) => !/: SELECT/.test(line)).map((line) => line.replace(' FOR UPDATE', ''))).toEqual(['alone: WITH']);
    const clocks = await inner.query<{ element_id: string | null; state: string; task_id: string | null }>(
      `SELECT element_id, state, task_id FROM sla_clocks WHERE instance_id = $1 AND subject = 'task' ORDER BY created_at, element_id`,
      [instance.id],
    );
    expect(clocks.map((clock) => `${clock.element_id}:${clock.state}`)).toEqual(['Handle:stopped', 'Review:running']);
    const [review] = await inner.query<{ id: string; due_date: Date | null }>(`SELECT id, due_date FROM user_tasks WHERE instance_id = $1 AND element_id = 'Review'`, [instance.id]);
    expect(clocks[1].task_id).toBe(review.id);
    expect(review.due_date).not.toBeNull();
  });

  test('a clock changed between the read and the write fails the check: the completion is retried on fresh rows and stops it once', async () => {
    const instance = await engine.startInstance({ processId: 'limited-case', businessKey: 'RT-3', actor: clerk });
    const [task] = await inner.query<{ id: string }>('SELECT id FROM user_tasks WHERE instance_id = $1', [instance.id]);
    // Another request (a calendar recompute) changes the step clock after the completion has read it.
    afterClockRead = () => inner.query(`UPDATE sla_clocks SET calendar_revision = calendar_revision + 1000 WHERE instance_id = $1 AND subject = 'task'`, [instance.id]).then(() => undefined);
    log.length = 0;
    await engine.completeTask(clerk, task.id);
    expect(afterClockRead).toBeUndefined();
    expect(log.filter((line) => line.endsWith('SELECT clocks')).length).toBe(2);
    const [handle] = await inner.query<{ state: string; stopped_at: Date | null }>(`SELECT state, stopped_at FROM sla_clocks WHERE instance_id = $1 AND element_id = 'Handle'`, [instance.id]);
    expect(handle.state).toBe('stopped');
    expect(handle.stopped_at).not.toBeNull();
    const stops = await inner.query(`SELECT 1 FROM history WHERE instance_id = $1 AND type = 'sla.clock.stopped'`, [instance.id]);
    expect(stops).toHaveLength(1);
    const created = await inner.query(`SELECT 1 FROM user_tasks WHERE instance_id = $1 AND element_id = 'Review'`, [instance.id]);
    expect(created).toHaveLength(1);
  });

  test('派单 opens the response clock in the completion’s statement, 签收 stops it in the claim’s, and it never reopens; claiming another step reads no clock', async () => {
    const instance = await engine.startInstance({ processId: 'response-ticket', businessKey: 'RT-4', actor: clerk });
    const taskOf = async (elementId: string) => (await inner.query<{ id: string }>(`SELECT id FROM user_tasks WHERE instance_id = $1 AND element_id = $2 AND state = 'created'`, [instance.id, elementId]))[0];
    const dispatch = await taskOf('Dispatch');
    log.length = 0;
    await engine.claimTask(clerk, dispatch.id);
    // The lock, the claim, its trail entry: the SLA module has nothing to read for a step that is no first response.
    // (Plain reads, such as the calendar's revision asked at most once a second, are left out.)
    const statements = () => log.filter((line) => !/: SELECT$/.test(line));
    expect(statements()).toEqual(['transaction', 'in transaction: SELECT FOR UPDATE', 'in transaction: UPDATE', 'in transaction: INSERT']);

    log.length = 0;
    await engine.completeTask(clerk, dispatch.id);
    // Still one unlocked read of the clocks (it also tells that no response clock exists yet) and one statement.
    expect(log.filter((line) => line.includes('clocks'))).toEqual(['alone: SELECT clocks']);
    expect(log.filter((line) => !/: SELECT/.test(line)).map((line) => line.replace(' FOR UPDATE', ''))).toEqual(['alone: WITH']);
    const response = () => inner.query<{ state: string; subject: string; stopped_at: Date | null }>(`SELECT state, subject, stopped_at FROM sla_clocks WHERE instance_id = $1 AND kind = 'response'`, [instance.id]);
    expect(await response()).toEqual([expect.objectContaining({ subject: 'case', state: 'running' })]);

    const handle = await taskOf('Handle');
    log.length = 0;
    await engine.claimTask(clerk, handle.id);
    // One read of the clocks more; the stop goes with the trail entry in the claim's last statement.
    expect(statements()).toEqual(['transaction', 'in transaction: SELECT FOR UPDATE', 'in transaction: UPDATE', 'in transaction: SELECT clocks', 'in transaction: WITH']);
    expect(await response()).toEqual([expect.objectContaining({ state: 'stopped', stopped_at: expect.any(Date) })]);
    const stops = await inner.query<{ data: { kind: string; reason: string; onTime: boolean } }>(`SELECT data FROM history WHERE instance_id = $1 AND type = 'sla.clock.stopped' AND data ->> 'kind' = 'response'`, [instance.id]);
    expect(stops.map((stop) => stop.data)).toEqual([expect.objectContaining({ reason: 'first response: claimed', onTime: true })]);

    // Sent back to 派单 after the 签收 and dispatched again: the step is created anew, but the citizen was contacted once.
    await engine.operations.returnToStep(clerk, handle.id, { targetElementId: 'Dispatch', reason: '派单有误' });
    await engine.completeTask(clerk, (await taskOf('Dispatch')).id);
    expect((await inner.query(`SELECT 1 FROM user_tasks WHERE instance_id = $1 AND element_id = 'Handle' AND state = 'created'`, [instance.id])).length).toBe(1);
    expect(await response()).toEqual([expect.objectContaining({ state: 'stopped' })]);
  });
});
