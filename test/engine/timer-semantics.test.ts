import { calendarFromLayers } from '../../engine/time/index.js';
import { compileOne, flow, flows, processXml, serviceTask, userTask } from './support/bpmn.js';
import { clerk, EngineDriver } from './support/engine-driver.js';
import { PureRunner } from './support/pure-runner.js';

/**
 * Timer schedules as Camunda 8 documents them
 * (https://docs.camunda.io/docs/components/modeler/bpmn/timer-events/): overdue cycles re-anchored
 * onto now, and timer start events that are scheduled on deployment or refuse it. The clock of
 * every run starts at 2025-09-25T01:00:00Z.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = '2025-09-25T01:00:00.000Z';

const timer = (field: 'timeDate' | 'timeDuration' | 'timeCycle', value: string, calendar = '') =>
  `<timerEventDefinition>${calendar ? `<extensionElements><gov:calendar name="${calendar}"/></extensionElements>` : ''}<${field}>${value}</${field}></timerEventDefinition>`;

/** A worker's task with a non-interrupting timer boundary; each firing ends at `reminded`. */
const reminderCycle = (value: string, calendar = '') =>
  compileOne(
    processXml(
      'p',
      `<startEvent id="start"/>${serviceTask('work')}<boundaryEvent id="remind" attachedToRef="work" cancelActivity="false">${timer('timeCycle', value, calendar)}</boundaryEvent><endEvent id="end"/><endEvent id="reminded"/>${flows('start', 'work', 'end')}${flow('remind', 'reminded')}`,
    ),
  );

const startByTimer = (processId: string, field: 'timeDate' | 'timeDuration' | 'timeCycle', value: string) =>
  processXml(processId, `<startEvent id="byTimer">${timer(field, value)}</startEvent>${userTask('report')}<endEvent id="end"/>${flows('byTimer', 'report', 'end')}`);

describe('an overdue cycle fires once now, then counts its intervals from now', () => {
  test('a boundary cycle that started days ago fires once, then a day after now; R3 fires three times in all', async () => {
    const run = new PureRunner(await reminderCycle('R3/2025-09-20T00:00:00Z/P1D')).start();
    expect(run.timerDue('remind')).toBe('2025-09-20T00:00:00.000Z');
    run.fireTimer('remind');
    expect(run.timerDue('remind')).toBe('2025-09-26T01:00:00.000Z');
    run.fireTimer('remind');
    expect(run.timerDue('remind')).toBe('2025-09-27T01:00:00.000Z');
    run.fireTimer('remind');
    expect(run.timerDue('remind')).toBeUndefined();
    expect(run.completed().filter((id) => id === 'reminded')).toHaveLength(3);
  });

  test('a repetition fired late (the engine was down) is followed by one a full interval after it fired', async () => {
    const run = new PureRunner(await reminderCycle('R/PT1H')).start();
    expect(run.timerDue('remind')).toBe('2025-09-25T02:00:00.000Z');
    run.now = new Date('2025-09-25T07:30:00Z');
    run.fireTimer('remind');
    expect(run.timerDue('remind')).toBe('2025-09-25T08:30:00.000Z');
    // On time, the cycle keeps its own rhythm.
    run.fireTimer('remind');
    expect(run.timerDue('remind')).toBe('2025-09-25T09:30:00.000Z');
  });

  test('a non-interrupting event subprocess cycle behaves the same', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${userTask('review')}<endEvent id="end"/>${flows('start', 'review', 'end')}
         <subProcess id="nag" triggeredByEvent="true"><startEvent id="nagStart" isInterrupting="false">${timer('timeCycle', 'R2/2025-09-01T00:00:00Z/P1D')}</startEvent><endEvent id="nagEnd"/>${flows('nagStart', 'nagEnd')}</subProcess>`,
      ),
    );
    const run = new PureRunner(model).start();
    run.fireTimer('nagStart');
    expect(run.timerDue('nagStart')).toBe('2025-09-26T01:00:00.000Z');
  });

  test('a working-day cycle fired late counts its next working day from now', async () => {
    const calendar = calendarFromLayers();
    const run = new PureRunner(await reminderCycle('R/P1D', 'working'), { services: { calendar } }).start();
    const first = calendar.addDuration(new Date(NOW), 'P1D', { calendar: 'working' });
    expect(run.timerDue('remind')).toBe(first.ok ? first.value.toISOString() : 'no working day');
    run.now = new Date('2025-10-10T02:00:00Z');
    run.fireTimer('remind');
    const next = calendar.addDuration(new Date('2025-10-10T02:00:00Z'), 'P1D', { calendar: 'working' });
    expect(run.timerDue('remind')).toBe(next.ok ? next.value.toISOString() : 'no working day');
  });
});

describe('timer start events on a real database', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open();
  });
  afterAll(() => d.close());

  const casesOf = async (processId: string) => (await d.context.db.query<{ id: string }>('SELECT id FROM process_instances WHERE process_id = $1', [processId])).length;
  const deployError = async (xml: string) => d.engine.deploy({ xml, actor: clerk }).then(
    () => undefined,
    (error: unknown) => error as { kind: string; details: Array<{ code?: string; elementId?: string; message: string; messageZh: string }> },
  );

  test.each([
    ['an expression that fails at deployment (no variables exist yet)', 'timeDate', '=applicationDeadline + duration("P1D")'],
    ['a value that is no date', 'timeDate', '="next monday"'],
    ['a value that is no cycle', 'timeCycle', '="every day"'],
  ] as const)('%s refuses the deployment, naming the start event', async (_, field, value) => {
    const processId = `refused-${field}-${value.length}`;
    const error = await deployError(startByTimer(processId, field, value));
    expect(error).toMatchObject({ kind: 'invalid', details: [expect.objectContaining({ code: 'timer.startSchedule', elementId: 'byTimer' })] });
    expect(error?.details[0].message).toContain("Timer start event 'byTimer'");
    expect(error?.details[0].messageZh).toContain('定时启动事件“byTimer”');
    const [{ count }] = await d.context.db.query<{ count: number }>('SELECT count(*)::int AS count FROM process_definitions WHERE process_id = $1', [processId]);
    expect(count).toBe(0);
  });

  test('a cycle that started before the deployment starts one case now, then one a day, three in all', async () => {
    await d.deploy(startByTimer('daily-since-last-week', 'timeCycle', 'R3/2025-09-20T00:00:00Z/P1D'));
    await d.advance(0);
    expect(await casesOf('daily-since-last-week')).toBe(1);
    await d.advance(DAY - 1000);
    expect(await casesOf('daily-since-last-week')).toBe(1);
    await d.advance(1000);
    expect(await casesOf('daily-since-last-week')).toBe(2);
    await d.advance(DAY);
    expect(await casesOf('daily-since-last-week')).toBe(3);
    await d.advance(10 * DAY);
    expect(await casesOf('daily-since-last-week')).toBe(3);
  });
});
