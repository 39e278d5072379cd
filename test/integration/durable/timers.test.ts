import { clerk, harness, type Harness } from './harness.js';
import { definitions, end, start, userTask, waitAnHour } from './models.js';

const HOUR = 3_600_000;

const waitAnHourModel = waitAnHour('wait-an-hour');

// 12345 hotline: remind every 10 minutes (twice), escalate after one hour.
const escalation = definitions(`<bpmn:process id="hotline" isExecutable="true">
    ${start()}
    ${userTask('Handle', '办理')}
    <bpmn:boundaryEvent id="Remind" attachedToRef="Handle" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT10M</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="Escalate" attachedToRef="Handle"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:endEvent id="Reminded" />
    ${userTask('Supervise', '督办')}
    ${end()}
    <bpmn:endEvent id="End2" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Handle" />
    <bpmn:sequenceFlow id="F2" sourceRef="Handle" targetRef="End" />
    <bpmn:sequenceFlow id="F3" sourceRef="Remind" targetRef="Reminded" />
    <bpmn:sequenceFlow id="F4" sourceRef="Escalate" targetRef="Supervise" />
    <bpmn:sequenceFlow id="F5" sourceRef="Supervise" targetRef="End2" />
  </bpmn:process>`);

const daily = (version: string) =>
  definitions(`<bpmn:process id="daily-report" isExecutable="true">
    <bpmn:startEvent id="Daily"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/2025-09-26T01:00:00Z/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
    ${userTask('Report', version)}
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Daily" targetRef="Report" />
    <bpmn:sequenceFlow id="F2" sourceRef="Report" targetRef="End" />
  </bpmn:process>`);

describe('timers: the job executor fires them on time, once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    for (const xml of [waitAnHourModel, escalation]) await h.context.engine.deploy({ xml, actor: clerk });
  });
  afterAll(() => h.close());

  test('an intermediate timer fires when due, not before, and the instance moves on', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'wait-an-hour', actor: clerk });
    expect((await h.executor.runOnce()).fired).toBe(0);
    h.clock.advance(HOUR - 1000);
    expect((await h.executor.runOnce()).fired).toBe(0);
    h.clock.advance(1000);
    expect((await h.executor.runOnce()).fired).toBe(1);
    const [task] = await engine.listTasks(clerk, { instanceId: instance.id });
    expect(task.element_id).toBe('After');
    expect((await h.executor.runOnce()).fired).toBe(0);
    expect((await engine.history(clerk, instance.id)).map((event) => event.type)).toContain('timer.fired');
  });

  test('a non-interrupting cycle repeats its repetitions; the interrupting boundary cancels the task and its reminders', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'hotline', actor: clerk });
    h.clock.advance(10 * 60_000);
    expect((await h.executor.runOnce()).fired).toBe(1);
    h.clock.advance(10 * 60_000);
    expect((await h.executor.runOnce()).fired).toBe(1);
    h.clock.advance(10 * 60_000);
    expect((await h.executor.runOnce()).fired).toBe(0); // R2: two reminders only
    const reminded = (await engine.history(clerk, instance.id)).filter((event) => event.type === 'element.completed' && event.element_id === 'Reminded');
    expect(reminded).toHaveLength(2);
    h.clock.advance(30 * 60_000);
    expect((await h.executor.runOnce()).fired).toBe(1);
    const tasks = await engine.listTasks(clerk, { instanceId: instance.id });
    expect(tasks.map((task) => task.element_id)).toEqual(['Supervise']);
    const canceled = await engine.listTasks(clerk, { instanceId: instance.id, state: 'canceled' });
    expect(canceled.map((task) => task.element_id)).toEqual(['Handle']);
    const [{ count }] = await h.context.db.query<{ count: number }>('SELECT count(*)::int AS count FROM jobs WHERE instance_id = $1', [instance.id]);
    expect(count).toBe(0);
  });

  test('completing the task first closes its timers: nothing fires later', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'hotline', actor: clerk });
    const [task] = await engine.listTasks(clerk, { instanceId: instance.id });
    await engine.completeTask(clerk, task.id, {});
    h.clock.advance(2 * HOUR);
    expect(await h.executor.runOnce()).toMatchObject({ fired: 0, dropped: 0 });
    expect((await engine.getInstance(clerk, instance.id)).status).toBe('completed');
  });

  test('a suspended instance keeps its due timer until it is resumed', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'wait-an-hour', actor: clerk });
    await engine.suspendInstance(clerk, instance.id);
    h.clock.advance(2 * HOUR);
    expect((await h.executor.runOnce()).fired).toBe(0);
    await engine.resumeInstance(clerk, instance.id);
    expect((await h.executor.runOnce()).fired).toBe(1);
    expect((await engine.listTasks(clerk, { instanceId: instance.id }))[0].element_id).toBe('After');
  });

  test('two executors sharing the database fire each due timer exactly once', async () => {
    const { engine } = h.context;
    const ids = [];
    for (let index = 0; index < 6; index++) ids.push((await engine.startInstance({ processId: 'wait-an-hour', actor: clerk })).id);
    h.clock.advance(HOUR);
    const { JobExecutor } = await import('../../../engine/index.js');
    const other = new JobExecutor(engine, { owner: 'second', batchSize: 3 });
    const rounds = await Promise.all([h.executor.runOnce(), other.runOnce(), h.executor.runOnce(), other.runOnce()]);
    expect(rounds.reduce((sum, round) => sum + round.fired, 0)).toBe(6);
    for (const id of ids) {
      const fired = (await engine.history(clerk, id)).filter((event) => event.type === 'timer.fired');
      expect(fired).toHaveLength(1);
    }
  });

  test('started, the executor polls on its own and fires a due timer; stopped, it fires nothing more', async () => {
    const { engine } = h.context;
    const { JobExecutor } = await import('../../../engine/index.js');
    const instance = await engine.startInstance({ processId: 'wait-an-hour', actor: clerk });
    h.clock.advance(HOUR);
    const running = new JobExecutor(engine, { pollIntervalMs: 10, owner: 'polling' }).start();
    try {
      for (let attempt = 0; attempt < 200 && (await engine.listTasks(clerk, { instanceId: instance.id })).length === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      await running.stop();
    }
    expect((await engine.listTasks(clerk, { instanceId: instance.id }))[0].element_id).toBe('After');
    const later = await engine.startInstance({ processId: 'wait-an-hour', actor: clerk });
    h.clock.advance(HOUR);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await engine.listTasks(clerk, { instanceId: later.id })).toEqual([]);
    await engine.cancelInstance(clerk, later.id);
  });

  test('a timer start event starts instances on its cycle; deploying a new version replaces the schedule', async () => {
    const { engine } = h.context;
    h.clock.set('2025-09-26T00:00:00Z');
    await engine.deploy({ xml: daily('v1'), actor: clerk });
    expect((await h.executor.runOnce()).fired).toBe(0);
    h.clock.set('2025-09-26T01:00:00Z');
    expect((await h.executor.runOnce()).fired).toBe(1);
    await engine.deploy({ xml: daily('v2'), actor: clerk });
    h.clock.set('2025-09-27T01:00:00Z');
    expect((await h.executor.runOnce()).fired).toBe(1);
    const instances = await engine.listInstances(clerk, { processId: 'daily-report' });
    expect(instances.map((instance) => instance.version).sort()).toEqual([1, 2]);
    const [{ count }] = await h.context.db.query<{ count: number }>("SELECT count(*)::int AS count FROM jobs WHERE kind = 'timer-start'");
    expect(count).toBe(1);
  });

  test('a timer whose firing throws is tried three times with a pause, then kept as failed with the error and an incident', async () => {
    const { Engine, JobExecutor } = await import('../../../engine/index.js');
    const { db } = h.context;
    await h.context.engine.deploy({ xml: waitAnHour('fragile'), actor: clerk });
    const instance = await h.context.engine.startInstance({ processId: 'fragile', actor: clerk });
    // A stored model that no longer compiles stands in for a bug: firing throws instead of returning a result.
    await db.query(`UPDATE deployments SET xml = '<broken/>' WHERE id = (SELECT deployment_id FROM process_definitions WHERE process_id = 'fragile')`);
    const executor = new JobExecutor(new Engine(db, h.clock), { owner: 'fresh' });
    h.clock.advance(HOUR);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await executor.runOnce()).failed).toBe(1);
      expect((await executor.runOnce()).failed).toBe(0); // waits out its pause
      h.clock.advance(30_000);
    }
    expect(await executor.runOnce()).toMatchObject({ fired: 0, failed: 0 });
    const [row] = await db.query<{ state: string; error_message: string }>('SELECT state, error_message FROM jobs WHERE instance_id = $1', [instance.id]);
    expect(row.state).toBe('failed');
    expect(row.error_message).toContain('cannot be loaded');
    // …and an incident says so (timer-semantics.test.ts retries one).
    expect(await h.context.engine.listIncidents(clerk, { instanceId: instance.id })).toEqual([expect.objectContaining({ error_type: 'TIMER_FAILED', element_id: 'Wait' })]);
  });
});
