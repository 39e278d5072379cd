import fs from 'node:fs';
import type { Actor, Engine, UserTaskRow } from '../../engine/index.js';
import { EngineError, fromProjectRoot } from '../../engine/index.js';
import { slaOf, withSla, type Sla } from '../../engine/sla/index.js';
import { createTestApp, FakeClock, type TestApp } from '../support/context.js';

/**
 * A 行政许可 (食品经营许可, examples/administrative-permit.bpmn) accepted on Friday 2025-09-26, across the 2025
 * National Day + Mid-Autumn holiday (10-01…10-08 off, make-up working days Sunday 09-28 and Saturday 10-11):
 * 补正 pauses the clock from 09-30 15:00 to 10-10 09:00, one extension of 10 working days is granted on 10-20.
 * The fake clock walks the case day by day at 12:00; every day the remaining working days are checked against a
 * hand-written list of the days the clock counts.
 */
const shanghai = (local: string) => new Date(`${local}+08:00`);
const endOf = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000);

// Working days the statutory clock counts, in order (the start day and the paused 10-01…10-10 do not count).
const COUNTED = [
  '2025-09-28', '2025-09-29', '2025-09-30',
  '2025-10-11', '2025-10-13', '2025-10-14', '2025-10-15', '2025-10-16', '2025-10-17', '2025-10-20',
  '2025-10-21', '2025-10-22', '2025-10-23', '2025-10-24', '2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31',
  '2025-11-03', '2025-11-04', '2025-11-05', '2025-11-06', '2025-11-07', '2025-11-10', '2025-11-11', '2025-11-12', '2025-11-13', '2025-11-14',
  '2025-11-17', '2025-11-18', '2025-11-19',
];
const EXTENSION_DAY = '2025-10-20';

/** Working days used at 12:00 of `day`: the counted days before it, and half of it when it counts. */
function consumedAtNoon(day: string): number {
  const before = COUNTED.filter((counted) => counted < day).length;
  return before + (COUNTED.includes(day) ? 0.5 : 0);
}

function* days(from: string, to: string): Generator<string> {
  for (let at = new Date(`${from}T12:00:00Z`); at <= new Date(`${to}T12:00:00Z`); at = new Date(at.getTime() + 86_400_000)) yield at.toISOString().slice(0, 10);
}

describe('行政许可 with 补正 and one extension, day by day across the 2025 National Day holiday', () => {
  const clock = new FakeClock(shanghai('2025-09-26T10:00:00'));
  let testApp: TestApp;
  let engine: Engine;
  let sla: Sla;
  let instanceId: string;
  const clerk: Actor = { userId: 'clerk1', department: 'SCJGJ', roles: ['staff'], groups: ['受理窗口', '审查科室', '审批负责人'] };
  const supervisor: Actor = { userId: 'sup1', department: 'ZSJ', roles: ['staff'], groups: ['督办'] };

  const caseClocks = async () => {
    const view = await sla.views.ofInstance(clerk, instanceId);
    const statutory = view.case.find((clock) => clock.kind === 'statutory')!;
    const committed = view.case.find((clock) => clock.kind === 'committed')!;
    return { view, statutory, committed };
  };
  const openTask = async (elementId: string): Promise<UserTaskRow> => {
    const tasks = await engine.listTasks(clerk, { instanceId });
    const task = tasks.find((row) => row.element_id === elementId);
    if (!task) throw new Error(`no open task ${elementId}`);
    return task;
  };

  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    engine = withSla(testApp.context.engine);
    sla = slaOf(engine);
    const xml = fs.readFileSync(fromProjectRoot('examples', 'administrative-permit.bpmn'), 'utf8');
    await engine.deploy({ xml, actor: { userId: 'designer', department: 'SCJGJ', roles: ['designer'] } });
  });
  afterAll(async () => {
    await testApp.close();
  });

  test('the case starts with a 20-working-day statutory and a 10-day committed deadline, and the 受理 task is due in 5', async () => {
    const instance = await engine.startInstance({
      processId: 'administrative-permit',
      businessKey: 'XK-2025-0001',
      // What POST /matters/{code}/cases sets from the catalog.
      variables: { matterCode: 'SCJGJ-XK-001', legalTimeLimit: { value: 20, unit: 'workingDay' }, legalExtension: { value: 10, unit: 'workingDay' }, regionCode: '441900101' },
      actor: clerk,
    });
    instanceId = instance.id;
    const { statutory, committed } = await caseClocks();
    expect(statutory).toMatchObject({ source: 'matter', dueAt: endOf('2025-10-30').toISOString(), lastDay: '2025-10-30', unit: 'workingDay', remaining: 20, principal: false });
    expect(committed).toMatchObject({ source: 'model', dueAt: endOf('2025-10-16').toISOString(), remaining: 10, principal: true });
    expect(committed.supervision?.unit).toBe('ZSJ');
    const accept = await openTask('Task_Accept');
    // 5 working days after Friday 09-26: 09-28 (make-up Sunday), 09-29, 09-30, 10-09, 10-10.
    expect(accept.due_date).toEqual(endOf('2025-10-10'));
    const [taskClock] = await sla.views.ofTask(clerk, accept.id);
    expect(taskClock).toMatchObject({ kind: 'step', source: 'model', dueAt: endOf('2025-10-10').toISOString(), remaining: 5 });
  });

  test('day by day: 补正 pauses, one extension, 临期, 超期, 督办 and its escalation on the fake clock', async () => {
    for (const day of days('2025-09-26', '2025-11-19')) {
      if (day === '2025-10-10') {
        clock.set(shanghai('2025-10-10T09:00:00'));
        await sla.resume(clerk, instanceId, { reason: '申请人已补正全部材料' });
        await engine.completeTask(clerk, (await openTask('Task_Supplement')).id, {});
        const accept = await openTask('Task_Accept');
        expect(accept.due_date).toEqual(endOf('2025-10-16'));
        await engine.completeTask(clerk, accept.id, { acceptance: '受理' });
      }
      if (day === EXTENSION_DAY) {
        clock.set(shanghai(`${day}T10:00:00`));
        const before = await caseClocks();
        await expect(sla.extend(clerk, instanceId, { duration: { value: 11, unit: 'workingDay' }, reason: '需现场核查' })).rejects.toMatchObject({ kind: 'invalid' });
        await expect(sla.extend(clerk, instanceId, { duration: { value: 10, unit: 'naturalDay' }, reason: '需现场核查' })).rejects.toMatchObject({ kind: 'invalid' });
        expect((await caseClocks()).statutory.dueAt).toBe(before.statutory.dueAt);
        await sla.extend(clerk, instanceId, { duration: { value: 10, unit: 'workingDay' }, reason: '需现场核查', legalBasis: '行政许可法 第42条', approvedBy: '局长' });
        const second = sla.extend(clerk, instanceId, { duration: { value: 1, unit: 'workingDay' }, reason: '再次延期' });
        await expect(second).rejects.toBeInstanceOf(EngineError);
        await expect(second).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('at most 1 time(s), 10 working days in total'), messageZh: expect.stringContaining('最多延期 1 次') });
      }

      clock.set(shanghai(`${day}T12:00:00`));
      await sla.monitor.runOnce();
      const { statutory, committed } = await caseClocks();
      const paused = day >= '2025-10-01' && day < '2025-10-10';
      const budget = day >= EXTENSION_DAY ? 30 : 20;
      expect({ day, remaining: statutory.remaining, paused: statutory.state === 'paused' }).toEqual({ day, remaining: budget - consumedAtNoon(day), paused });
      expect({ day, remaining: committed.remaining }).toEqual({ day, remaining: budget - 10 - consumedAtNoon(day) });

      if (day === '2025-09-30') {
        clock.set(shanghai('2025-09-30T15:00:00'));
        await engine.completeTask(clerk, (await openTask('Task_Accept')).id, { acceptance: '补正' });
        await sla.pause(clerk, instanceId, { kind: '补正', reason: '一次性告知补正材料', legalBasis: '行政许可法 第32条' });
        const { statutory: pausedClock } = await caseClocks();
        expect(pausedClock).toMatchObject({ state: 'paused', dueAt: null });
        await expect(sla.pause(clerk, instanceId, { kind: '补正', reason: 'again' })).rejects.toMatchObject({ kind: 'conflict' });
      }
      if (day === '2025-10-03') await expect(sla.resume(clerk, instanceId, {})).resolves.toHaveLength(2);
      if (day === '2025-10-03') await sla.pause(clerk, instanceId, { kind: '补正', reason: '继续等待补正材料', legalBasis: '行政许可法 第32条' });
    }

    const { view, statutory, committed } = await caseClocks();
    expect(statutory).toMatchObject({ dueAt: endOf('2025-11-17').toISOString(), level: 'overdue' });
    expect(committed).toMatchObject({ dueAt: endOf('2025-11-03').toISOString(), level: 'overdue', escalationLevel: 3 });
    const trail = (await engine.history(clerk, instanceId))
      .filter((row) => ['sla.warning', 'sla.overdue', 'sla.escalated'].includes(row.type))
      .map((row) => `${new Date(row.at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)} ${row.type} ${String(row.data?.kind)}${row.data?.escalationLevel ? ` L${String(row.data.escalationLevel)}` : ''}`);
    expect(trail).toEqual([
      // committed: 临期 at 8 of its 10 days (end of 10-16); the extension on 10-20 brings it back to normal.
      '2025-10-17 sla.warning committed',
      // committed: 临期 again at 16 of its 20 days (end of 10-28), 超期 after 11-03 (督办 level 1),
      // level 2 three working days later (end of 11-06), level 3 five more (end of 11-13).
      '2025-10-29 sla.warning committed',
      '2025-11-04 sla.overdue committed',
      '2025-11-07 sla.escalated committed L2',
      // statutory: 临期 at 24 of 30 days (24:00 of Friday 11-07, seen at Saturday noon), 超期 after 11-17.
      '2025-11-08 sla.warning statutory',
      '2025-11-14 sla.escalated committed L3',
      '2025-11-18 sla.overdue statutory',
    ]);
    expect(view.supervisions).toEqual([
      expect.objectContaining({ level: 1, supervisingDepartment: 'ZSJ', state: 'started' }),
      expect.objectContaining({ level: 2, supervisingDepartment: 'ZSJ', state: 'started' }),
      expect.objectContaining({ level: 3, supervisingDepartment: 'ZSJ', state: 'started' }),
    ]);
    // Each level's 督办单 is in the responsible unit's inbox (the department handling the case) like any task,
    // with its own 3-day limit to reply; the supervising department reviews the replies.
    const notices = (await engine.listTasks(clerk, {})).filter((task) => task.name?.startsWith('督办单'));
    expect(notices.map((task) => [task.name, task.department])).toEqual([
      ['督办单：回复办理情况', 'SCJGJ'],
      ['督办单：回复办理情况', 'SCJGJ'],
      ['督办单：回复办理情况', 'SCJGJ'],
    ]);
    expect(notices.every((task) => task.due_date !== null)).toBe(true);
    expect(await engine.listTasks(supervisor, { candidateGroup: '督办' })).toEqual([]);
  });

  test('the history tells the whole story: pauses with their law, the extension, levels, supervision', async () => {
    const history = await engine.history(clerk, instanceId);
    const sla = history.filter((row) => row.type.startsWith('sla.') && row.type !== 'sla.clock.started' && row.type !== 'sla.clock.stopped');
    expect(sla.map((row) => row.type)).toEqual([
      'sla.clock.paused',
      'sla.clock.resumed',
      'sla.clock.paused',
      'sla.clock.resumed',
      'sla.warning',
      'sla.clock.extended',
      'sla.warning',
      'sla.overdue',
      'sla.supervision.started',
      'sla.escalated',
      'sla.supervision.started',
      'sla.warning',
      'sla.escalated',
      'sla.supervision.started',
      'sla.overdue',
    ]);
    expect(sla[0].data).toMatchObject({ kind: '补正', legalBasis: '行政许可法 第32条', reason: '一次性告知补正材料' });
    expect(sla.find((row) => row.type === 'sla.clock.extended')?.data).toMatchObject({ legalBasis: '行政许可法 第42条', approvedBy: '局长', duration: { kind: 'workingDays', days: 10 }, count: 1 });
  });
});
