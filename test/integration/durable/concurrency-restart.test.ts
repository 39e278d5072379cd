import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { Engine, JobExecutor } from '../../../engine/index.js';
import { createContext } from '../../../api/server.js';
import { freshDatabase, onPostgres } from '../../support/database.js';
import { FakeClock } from '../../support/context.js';
import { clerk, harness, type Harness } from './harness.js';
import { definitions, end, process, serviceTask, start, userTask } from './models.js';

const silent = pino({ level: 'silent' });

const work = process('work', [start(), serviceTask('Work', 'work'), end()].join('\n'), [
  ['F1', 'Start', 'Work'],
  ['F2', 'Work', 'End'],
]);

// Waits on a timer and on a message at once, with a task before: everything durable is exercised by a restart.
const durable = definitions(
  `<bpmn:process id="durable" isExecutable="true">
    ${start()}
    ${userTask('Accept')}
    <bpmn:parallelGateway id="Fork" />
    <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:receiveTask id="AwaitPayment" messageRef="Msg_Paid" />
    <bpmn:parallelGateway id="Join" />
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Accept" />
    <bpmn:sequenceFlow id="F2" sourceRef="Accept" targetRef="Fork" />
    <bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="Wait" />
    <bpmn:sequenceFlow id="F4" sourceRef="Fork" targetRef="AwaitPayment" />
    <bpmn:sequenceFlow id="F5" sourceRef="Wait" targetRef="Join" />
    <bpmn:sequenceFlow id="F6" sourceRef="AwaitPayment" targetRef="Join" />
    <bpmn:sequenceFlow id="F7" sourceRef="Join" targetRef="End" />
  </bpmn:process>`,
  '<bpmn:message id="Msg_Paid" name="paid"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderNo" /></bpmn:extensionElements></bpmn:message>',
);

describe('restarts lose nothing', () => {
  test('closing and reopening the engine between steps keeps the task, timer, subscription and history (PGlite folder, or PostgreSQL)', async () => {
    const target = await freshDatabase();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-durable-'));
    const clock = new FakeClock();
    const options = { databaseUrl: target.databaseUrl, dataDir: target.databaseUrl ? undefined : folder, log: silent, clock };
    try {
      const first = await createContext(options);
      await first.engine.deploy({ xml: durable, actor: clerk });
      const instance = await first.engine.startInstance({ processId: 'durable', variables: { orderNo: 'O-1' }, actor: clerk });
      const [accept] = await first.engine.listTasks(clerk, { instanceId: instance.id });
      await first.engine.completeTask(clerk, accept.id, {});
      await first.db.close();

      const second = await createContext(options);
      expect((await second.engine.getInstance(clerk, instance.id)).state.waiting.map((element) => element.elementId).sort()).toEqual(['AwaitPayment', 'Wait']);
      const paid = await second.engine.publishMessage(clerk, { name: 'paid', correlationKey: 'O-1' });
      expect(paid.correlated).toHaveLength(1);
      await second.db.close();

      const third = await createContext(options);
      clock.advance(2 * 3_600_000);
      expect((await new JobExecutor(third.engine).runOnce()).fired).toBe(1);
      const finished = await third.engine.getInstance(clerk, instance.id);
      expect(finished.status).toBe('completed');
      const types = (await third.engine.history(clerk, instance.id)).map((event) => event.type);
      expect(types).toEqual(expect.arrayContaining(['userTask.completed', 'message.correlated', 'timer.fired', 'instance.completed']));
      await third.db.close();
    } finally {
      await target.drop();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});

// Real parallel connections: PGlite has one, so these run on PostgreSQL (DATABASE_URL).
(onPostgres() ? describe : describe.skip)('concurrency on PostgreSQL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    await h.context.engine.deploy({ xml: work, actor: clerk });
  });
  afterAll(() => h.close());

  test('eight workers activating at once never get the same job, and together get every job', async () => {
    const { engine } = h.context;
    const total = 60;
    for (let index = 0; index < total; index++) await engine.startInstance({ processId: 'work', actor: clerk });
    const batches = await Promise.all(Array.from({ length: 8 }, (_, index) => engine.activateJobs(clerk, { type: 'work', worker: `w${index}`, max: 10, lockMs: 60_000 })));
    const ids = batches.flat().map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    const rest = await engine.activateJobs(clerk, { type: 'work', worker: 'late', max: 100, lockMs: 60_000 });
    expect(ids.length + rest.length).toBe(total);
    expect(new Set([...ids, ...rest.map((job) => job.id)]).size).toBe(total);
  });

  test('two workers completing one job at once: one succeeds, the other is refused, the instance moves on once', async () => {
    const { engine } = h.context;
    for (let round = 0; round < 5; round++) {
      const instance = await engine.startInstance({ processId: 'work', actor: clerk });
      const [job] = (await engine.activateJobs(clerk, { type: 'work', worker: 'w', max: 100, lockMs: 60_000 })).filter((candidate) => candidate.instance_id === instance.id);
      const outcomes = await Promise.allSettled([engine.completeJob(clerk, job.id, { by: 'a' }), engine.completeJob(clerk, job.id, { by: 'b' })]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect((outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ kind: expect.stringMatching(/not-found|conflict/) });
      const history = await engine.history(clerk, instance.id);
      expect(history.filter((event) => event.type === 'instance.completed')).toHaveLength(1);
      expect(history.filter((event) => event.type === 'element.completed' && event.element_id === 'Work')).toHaveLength(1);
    }
  });

  test('the same messageId published concurrently correlates once', async () => {
    const { engine } = h.context;
    await engine.deploy({ xml: durable, actor: clerk });
    const instance = await engine.startInstance({ processId: 'durable', variables: { orderNo: 'O-9' }, actor: clerk });
    const [accept] = await engine.listTasks(clerk, { instanceId: instance.id });
    await engine.completeTask(clerk, accept.id, {});
    const results = await Promise.all([1, 2, 3].map(() => engine.publishMessage(clerk, { name: 'paid', correlationKey: 'O-9', messageId: 'pay-9' })));
    expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
    expect(results.every((result) => result.correlated.length === 1)).toBe(true);
    const correlated = (await engine.history(clerk, instance.id)).filter((event) => event.type === 'message.correlated');
    expect(correlated).toHaveLength(1);
  });
});

describe('several servers on one database', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    await h.context.engine.deploy({ xml: work, actor: clerk });
  });
  afterAll(() => h.close());

  test('a server that starts "the latest version" uses a version another server deployed a moment ago', async () => {
    const { engine, db } = h.context;
    const other = new Engine(db);
    const v1 = await engine.startInstance({ processId: 'work', actor: clerk });
    const redeployed = await other.deploy({ xml: work.replace('<bpmn:serviceTask id="Work">', '<bpmn:serviceTask id="Work" name="v2">'), actor: clerk });
    const v2 = await engine.startInstance({ processId: 'work', actor: clerk });
    expect(v2.version).toBe(redeployed.definitions[0].version);
    expect(v2.version).toBe(v1.version + 1);
    // An explicit version still starts that version.
    expect((await engine.startInstance({ processId: 'work', version: v1.version, actor: clerk })).version).toBe(v1.version);
  });
});
