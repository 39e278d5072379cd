import { Engine, JobExecutor, type EngineError } from '../../../engine/index.js';
import { clerk, harness, type Harness } from './harness.js';
import { definitions, end, start, userTask } from './models.js';

const DAY = 86_400_000;

const waiting = (processId: string, timer: string, taskName = 'Review') =>
  definitions(`<bpmn:process id="${processId}" isExecutable="true">
    ${start()}
    ${userTask('Review', taskName)}
    <bpmn:boundaryEvent id="Deadline" attachedToRef="Review"><bpmn:timerEventDefinition>${timer}</bpmn:timerEventDefinition></bpmn:boundaryEvent>
    ${userTask('Overdue')}
    ${end()}
    <bpmn:endEvent id="End2" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
    <bpmn:sequenceFlow id="F3" sourceRef="Deadline" targetRef="Overdue" />
    <bpmn:sequenceFlow id="F4" sourceRef="Overdue" targetRef="End2" />
  </bpmn:process>`);

async function dueAt(h: Harness, instanceId: string): Promise<string> {
  const [row] = await h.context.db.query<{ due_at: Date }>(`SELECT due_at FROM jobs WHERE instance_id = $1 AND kind = 'timer'`, [instanceId]);
  return new Date(row.due_at).toISOString();
}

describe('timers keep the calendar and the law: month arithmetic, migration, absurd values, failures', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h.close());

  test('P1M from 31 January is the end of February, counted on the Shanghai calendar (not UTC, not 3 March)', async () => {
    const { engine } = h.context;
    await engine.deploy({ xml: waiting('month', '<bpmn:timeDuration>P1M</bpmn:timeDuration>'), actor: clerk });
    h.clock.set('2025-01-31T02:00:00Z'); // 10:00 in Shanghai
    const january = await engine.startInstance({ processId: 'month', actor: clerk });
    expect(await dueAt(h, january.id)).toBe('2025-02-28T02:00:00.000Z');
    h.clock.set('2024-01-31T02:00:00Z');
    const leap = await engine.startInstance({ processId: 'month', actor: clerk });
    expect(await dueAt(h, leap.id)).toBe('2024-02-29T02:00:00.000Z');
    // 31 March 03:00 in Shanghai is still 30 March in UTC: one month later is 30 April 03:00 in Shanghai.
    h.clock.set('2025-03-30T19:00:00Z');
    const march = await engine.startInstance({ processId: 'month', actor: clerk });
    expect(await dueAt(h, march.id)).toBe('2025-04-29T19:00:00.000Z');
  });

  test('P1Y from 29 February is 28 February of the next year', async () => {
    const { engine } = h.context;
    await engine.deploy({ xml: waiting('year', '<bpmn:timeDuration>P1Y</bpmn:timeDuration>'), actor: clerk });
    h.clock.set('2024-02-29T01:00:00Z');
    const instance = await engine.startInstance({ processId: 'year', actor: clerk });
    expect(await dueAt(h, instance.id)).toBe('2025-02-28T01:00:00.000Z');
  });

  test('migrating an instance to a new version keeps the due date of a mapped timer (the statutory deadline does not move)', async () => {
    const { engine } = h.context;
    const [v1] = (await engine.deploy({ xml: waiting('permit', '<bpmn:timeDuration>P20D</bpmn:timeDuration>'), actor: clerk })).definitions;
    const instance = await engine.startInstance({ processId: 'permit', actor: clerk });
    const original = await dueAt(h, instance.id);
    h.clock.advance(5 * DAY);
    const [v2] = (await engine.deploy({ xml: waiting('permit', '<bpmn:timeDuration>P20D</bpmn:timeDuration>', '审核（新版）'), actor: clerk })).definitions;
    expect(v2.id).not.toBe(v1.id);
    const migrated = await engine.migrateInstance(clerk, instance.id, { targetDefinitionId: v2.id, mappings: [] });
    expect(migrated.version).toBe(2);
    expect(await dueAt(h, instance.id)).toBe(original);
    expect(Object.values(migrated.state.timers).map((timer) => timer.dueAt)).toEqual([original]);
    const tasks = async () => (await engine.listTasks(clerk, { instanceId: instance.id })).map((task) => task.element_id);
    h.clock.set(new Date(new Date(original).getTime() - 1000));
    await h.executor.runOnce();
    expect(await tasks()).toEqual(['Review']);
    h.clock.set(original);
    await h.executor.runOnce();
    expect((await engine.listTasks(clerk, { instanceId: instance.id })).map((task) => task.element_id)).toEqual(['Overdue']);
  });

  test.each([
    ['<bpmn:timeDuration>P9999Y</bpmn:timeDuration>', /longer than 100 years/],
    ['<bpmn:timeCycle>R/PT0S</bpmn:timeCycle>', /more often than once a second/],
    ['<bpmn:timeCycle>R999999999/PT0S</bpmn:timeCycle>', /more often than once a second/],
    ['<bpmn:timeCycle>R5/P200Y</bpmn:timeCycle>', /longer than 100 years/],
  ])('%s is refused at deployment, naming the timer', async (timer, reason) => {
    const error = (await h.context.engine.deploy({ xml: waiting(`absurd-${timer.length}`, timer), actor: clerk }).catch((caught: unknown) => caught)) as EngineError;
    expect(error.kind).toBe('invalid');
    expect(error.details).toEqual([expect.objectContaining({ elementId: 'Deadline', message: expect.stringMatching(reason) })]);
  });

  test('an absurd duration computed by FEEL at run time is an incident on the timer element, not a 500', async () => {
    const { engine } = h.context;
    await engine.deploy({ xml: waiting('computed', '<bpmn:timeDuration>=limit</bpmn:timeDuration>'), actor: clerk });
    const instance = await engine.startInstance({ processId: 'computed', variables: { limit: 'P9999Y' }, actor: clerk });
    const incidents = await engine.listIncidents(clerk, { instanceId: instance.id });
    expect(incidents).toEqual([expect.objectContaining({ error_type: 'TIMER_FAILED', element_id: 'Review' })]);
    expect(incidents[0].message).toMatch(/Deadline.*100 years/);
  });

  test('a timer that keeps failing to fire becomes an incident; resolving it fires the timer', async () => {
    const { engine, db } = h.context;
    await engine.deploy({ xml: waiting('fragile', '<bpmn:timeDuration>PT1H</bpmn:timeDuration>'), actor: clerk });
    const instance = await engine.startInstance({ processId: 'fragile', actor: clerk });
    // The stored model breaks (a damaged row): every attempt to fire the timer throws.
    const [{ xml }] = await db.query<{ xml: string }>('SELECT x.xml FROM deployments x JOIN process_definitions d ON d.deployment_id = x.id WHERE d.process_id = $1', ['fragile']);
    await db.query(`UPDATE deployments SET xml = '<not bpmn' WHERE id IN (SELECT deployment_id FROM process_definitions WHERE process_id = 'fragile')`);
    const restarted = new Engine(db, h.clock);
    const executor = new JobExecutor(restarted, { owner: 'test-executor' });
    h.clock.advance(3_600_000);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await executor.runOnce()).failed).toBe(1);
      h.clock.advance(60_000);
    }
    expect((await executor.runOnce()).failed).toBe(0);
    const [incident] = await restarted.listIncidents(clerk, { instanceId: instance.id });
    expect(incident).toEqual(expect.objectContaining({ error_type: 'TIMER_FAILED', element_id: 'Deadline', state: 'active', job_id: expect.any(String) }));
    expect(incident.message).toMatch(/could not be fired in 3 attempts/);
    expect(await restarted.history(clerk, instance.id)).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'incident.created', element_id: 'Deadline' })]));

    await db.query(`UPDATE deployments SET xml = $1 WHERE id IN (SELECT deployment_id FROM process_definitions WHERE process_id = 'fragile')`, [xml]);
    const fixed = new Engine(db, h.clock);
    const resolved = await fixed.resolveIncident(clerk, incident.id, { retries: 2 });
    expect(resolved.state).toBe('resolved');
    expect((await new JobExecutor(fixed, { owner: 'test-executor' }).runOnce()).fired).toBe(1);
    expect((await fixed.listTasks(clerk, { instanceId: instance.id })).map((task) => task.element_id)).toEqual(['Overdue']);
  });
});
