import { calendarFromLayers } from '../../engine/time/index.js';
import { compileOne, flow, flows, problemsOf, processXml, serviceTask, userTask } from './support/bpmn.js';
import { clerk, EngineDriver } from './support/engine-driver.js';
import { PureRunner } from './support/pure-runner.js';

/**
 * Timer values and schedules as Camunda 8 documents them
 * (https://docs.camunda.io/docs/components/modeler/bpmn/timer-events/): zoned date-times, negative
 * durations that fire at once, overdue cycles re-anchored onto now, and timer start events that
 * are scheduled on deployment or refuse it. The clock of every run starts at 2025-09-25T01:00:00Z.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = '2025-09-25T01:00:00.000Z';

const timer = (field: 'timeDate' | 'timeDuration' | 'timeCycle', value: string, calendar = '') =>
  `<timerEventDefinition>${calendar ? `<extensionElements><gov:calendar name="${calendar}"/></extensionElements>` : ''}<${field}>${value}</${field}></timerEventDefinition>`;

const catchTimer = (field: 'timeDate' | 'timeDuration' | 'timeCycle', value: string, calendar = '') =>
  compileOne(processXml('p', `<startEvent id="start"/><intermediateCatchEvent id="wait">${timer(field, value, calendar)}</intermediateCatchEvent><endEvent id="end"/>${flows('start', 'wait', 'end')}`));

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

function incidentsOf(run: PureRunner): string[] {
  return run.of('incident.created').map((incident) => `${incident.errorType}: ${incident.message}`);
}

describe('zoned date-times are timer dates, on every timer kind', () => {
  test.each([
    ['FEEL now() + a duration', '=now() + duration("PT1H")', '2025-09-25T02:00:00.000Z'],
    ['a FEEL date-time with a zone id', '=date and time("2025-10-02T08:09:40@Europe/Berlin")', '2025-10-02T06:09:40.000Z'],
    ['the static form with an offset and a zone id', '2025-10-02T08:09:40+02:00[Europe/Berlin]', '2025-10-02T06:09:40.000Z'],
    ['UTC with a zone id (the offset fixes the instant)', '2025-10-02T08:09:40Z[Europe/Berlin]', '2025-10-02T08:09:40.000Z'],
  ])('%s: %s', async (_, value, due) => {
    const run = new PureRunner(await catchTimer('timeDate', value)).start();
    expect(incidentsOf(run)).toEqual([]);
    expect(run.timerDue('wait')).toBe(due);
  });

  test('a cycle that starts at a zoned date-time repeats from it', async () => {
    const run = new PureRunner(await reminderCycle('R/2025-09-26T10:00:00+02:00[Europe/Berlin]/P1D')).start();
    expect(run.timerDue('remind')).toBe('2025-09-26T08:00:00.000Z');
    run.fireTimer('remind');
    expect(run.timerDue('remind')).toBe('2025-09-27T08:00:00.000Z');
  });

  test('an event subprocess timer start takes FEEL now()', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${userTask('review')}<endEvent id="end"/>${flows('start', 'review', 'end')}
         <subProcess id="late" triggeredByEvent="true"><startEvent id="lateStart" isInterrupting="false">${timer('timeDate', '=now() + duration("PT2H")')}</startEvent>${userTask('chase')}<endEvent id="lateEnd"/>${flows('lateStart', 'chase', 'lateEnd')}</subProcess>`,
      ),
    );
    const run = new PureRunner(model).start();
    expect(incidentsOf(run)).toEqual([]);
    expect(run.timerDue('lateStart')).toBe('2025-09-25T03:00:00.000Z');
  });

  test('a date without a zone, or with one that does not exist, is still refused', async () => {
    for (const value of ['2025-10-02T08:09:40', '2025-10-02T08:09:40+02:00[Mars/Olympus]', '2025-10-02T08:09:40@Mars/Olympus']) {
      const problems = await problemsOf(processXml('p', `<startEvent id="start"/><intermediateCatchEvent id="wait">${timer('timeDate', value)}</intermediateCatchEvent><endEvent id="end"/>${flows('start', 'wait', 'end')}`));
      expect(problems).toEqual([expect.objectContaining({ code: 'timer.invalid', elementId: 'wait' })]);
    }
    const run = new PureRunner(await catchTimer('timeDate', '=when')).start({ when: '2025-10-02T08:09:40@Mars/Olympus' });
    expect(run.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'wait', errorType: 'TIMER_FAILED' })]);
  });
});

describe('a zero or negative duration fires immediately', () => {
  test('a static -PT1H is due now', async () => {
    const run = new PureRunner(await catchTimer('timeDuration', '-PT1H')).start();
    expect(run.timerDue('wait')).toBe(NOW);
    run.fireTimer('wait');
    expect(run.status).toBe('completed');
  });

  test('"deadline - now" that is already past is due now, with no incident; a future one is due at the deadline', async () => {
    const model = await catchTimer('timeDuration', '=date and time(deadline) - now()');
    const overdue = new PureRunner(model).start({ deadline: '2025-09-24T09:00:00+08:00' });
    expect(incidentsOf(overdue)).toEqual([]);
    expect(overdue.timerDue('wait')).toBe(NOW);
    const ahead = new PureRunner(model).start({ deadline: '2025-09-25T12:00:00+08:00' });
    expect(ahead.timerDue('wait')).toBe('2025-09-25T04:00:00.000Z');
  });

  test('a leading + is a positive duration', async () => {
    expect(new PureRunner(await catchTimer('timeDuration', '+PT1H')).start().timerDue('wait')).toBe('2025-09-25T02:00:00.000Z');
  });

  test('a negative duration counted in working days is due now too', async () => {
    const run = new PureRunner(await catchTimer('timeDuration', '=duration("-P3D")', 'working'), { services: { calendar: calendarFromLayers() } }).start();
    expect(incidentsOf(run)).toEqual([]);
    expect(run.timerDue('wait')).toBe(NOW);
  });

  test('garbage is still refused: a doubled sign, a sign inside, a bare sign, a cycle that runs backwards', async () => {
    for (const [field, value] of [
      ['timeDuration', '--PT1H'],
      ['timeDuration', 'PT-1H'],
      ['timeDuration', '-P'],
      ['timeCycle', 'R3/-PT1H'],
      ['timeCycle', '-PT1H'],
    ] as const) {
      const problems = await problemsOf(processXml('p', `<startEvent id="start"/><intermediateCatchEvent id="wait">${timer(field, value)}</intermediateCatchEvent><endEvent id="end"/>${flows('start', 'wait', 'end')}`));
      expect(problems).toEqual([expect.objectContaining({ code: 'timer.invalid', elementId: 'wait' })]);
    }
  });
});

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

describe('a non-interrupting cycle whose next repetition cannot be counted says so', () => {
  test('fired past the published holidays, a working-day reminder fires this once and writes why it stops, in English and Chinese', async () => {
    const calendar = calendarFromLayers();
    const run = new PureRunner(await reminderCycle('R/P1D', 'working'), { services: { calendar } }).start();
    // Fired years later (the engine was down): the next working day lies past the last loaded holiday calendar.
    run.now = new Date('2040-03-01T02:00:00Z');
    run.fireTimer('remind');
    expect(run.completed()).toContain('reminded');
    expect(run.timerDue('remind')).toBeUndefined();
    const stopped = run.of('history').filter((effect) => effect.event.type === 'timer.cycleStopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0].event).toMatchObject({
      elementId: 'remind',
      elementType: 'boundaryEvent',
      data: { errorType: 'CALENDAR_FAILED', message: expect.stringContaining('remind'), messageZh: expect.stringMatching(/[\u4e00-\u9fff]/) },
    });
    // The task it watched goes on: only the reminders stopped.
    expect(run.waiting('work')).toBeTruthy();
  });

  test('a cycle that ends by its count writes no such entry', async () => {
    const run = new PureRunner(await reminderCycle('R1/PT1H')).start();
    run.fireTimer('remind');
    expect(run.timerDue('remind')).toBeUndefined();
    expect(run.historyOf('remind')).not.toContain('timer.cycleStopped');
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

  test('a start event at FEEL now() + PT1H is scheduled and starts a case an hour later', async () => {
    await d.deploy(startByTimer('in-an-hour', 'timeDate', '=now() + duration("PT1H")'));
    expect(await d.advance(HOUR - 1000)).toBe(0);
    expect(await d.advance(1000)).toBe(1);
    expect(await casesOf('in-an-hour')).toBe(1);
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
