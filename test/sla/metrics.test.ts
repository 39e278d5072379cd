import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor, Engine } from '../../engine/index.js';
import { distribution, slaOf, withSla, type MetricsRow, type Sla } from '../../engine/sla/index.js';
import { createTestApp, FakeClock, type TestApp } from '../support/context.js';

/**
 * Metrics recomputed from the history of cases run on the fake clock, against figures worked out by hand.
 * The process (models/hotline-case.bpmn) has one task and a 5-working-day statutory limit.
 *
 *  case  dept region start              events                                   end                 limit ends  on time  working days  first response
 *  1     A    R1     Mon 09-01 10:00                                              Wed 09-03 15:00     09-08       yes      1 + 15/24 = 1.625      53 h
 *  2     A    R1     Mon 09-01 10:00                                              Tue 09-09 12:00     09-08       no       5 + 0.5 = 5.5          194 h
 *  3     A    R1     Fri 09-05 09:00    补正 Mon 09-08 09:00 → Wed 09-10 09:00    Fri 09-12 18:00     09-16       yes      1 + 1 + 0.75 = 2.75    177 h
 *  4     A    R2     Mon 09-22 10:00                                              open                09-28 (make-up Sunday): overdue now
 *  5     A    R2     Tue 09-30 10:00    (National Day 10-01…10-08)                Fri 10-10 10:00     10-14       yes      1 + 10/24 = 1.417      240 h
 *  6     A    R2     Fri 10-10 10:05    不满意重办 of case 5                       open                not overdue
 *  7     B    R1     Mon 09-01 10:00                                              Tue 09-02 10:00     09-08       yes      10/24 = 0.417          24 h
 * Evaluations: case 1 满意, case 3 基本满意, case 5 不满意 (reopened as case 6). The report is read at Fri 10-10 12:00.
 */
const shanghai = (local: string) => new Date(`${local}+08:00`);
const here = path.dirname(fileURLToPath(import.meta.url));

describe('SLA metrics from a seeded history', () => {
  const clock = new FakeClock(shanghai('2025-09-01T09:00:00'));
  let testApp: TestApp;
  let engine: Engine;
  let sla: Sla;
  const deptA: Actor = { userId: 'a1', department: 'A', roles: ['staff'], groups: ['办理'] };
  const deptB: Actor = { userId: 'b1', department: 'B', roles: ['staff'], groups: ['办理'] };
  const admin: Actor = { userId: 'admin', department: 'A', roles: ['admin'] };
  const ids: Record<number, string> = {};

  const start = async (n: number, actor: Actor, region: string, at: string) => {
    clock.set(shanghai(at));
    ids[n] = (await engine.startInstance({ processId: 'simple-case', businessKey: `case-${n}`, variables: { region, matterCode: `M${n % 2}` }, actor })).id;
  };
  const finish = async (n: number, actor: Actor, at: string) => {
    clock.set(shanghai(at));
    const [task] = await engine.listTasks(actor, { instanceId: ids[n] });
    await engine.completeTask(actor, task.id, {});
  };

  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    engine = withSla(testApp.context.engine);
    sla = slaOf(engine);
    const xml = fs.readFileSync(path.join(here, 'models', 'hotline-case.bpmn'), 'utf8');
    await engine.deploy({ xml, actor: deptA });
    await engine.deploy({ xml, actor: deptB });

    await start(1, deptA, 'R1', '2025-09-01T10:00:00');
    await start(2, deptA, 'R1', '2025-09-01T10:00:00');
    await start(7, deptB, 'R1', '2025-09-01T10:00:00');
    await finish(7, deptB, '2025-09-02T10:00:00');
    await finish(1, deptA, '2025-09-03T15:00:00');
    await start(3, deptA, 'R1', '2025-09-05T09:00:00');
    clock.set(shanghai('2025-09-08T09:00:00'));
    await sla.pause(deptA, ids[3], { kind: '补正', reason: '补正材料', legalBasis: '行政许可法 第32条' });
    await finish(2, deptA, '2025-09-09T12:00:00');
    clock.set(shanghai('2025-09-10T09:00:00'));
    await sla.resume(deptA, ids[3], {});
    await finish(3, deptA, '2025-09-12T18:00:00');
    await start(4, deptA, 'R2', '2025-09-22T10:00:00');
    await start(5, deptA, 'R2', '2025-09-30T10:00:00');
    await finish(5, deptA, '2025-10-10T10:00:00');
    clock.set(shanghai('2025-10-10T10:01:00'));
    await sla.evaluations.evaluate(deptA, ids[1], { result: '满意' });
    await sla.evaluations.evaluate(deptA, ids[3], { result: '基本满意' });
    clock.set(shanghai('2025-10-10T10:05:00'));
    const outcome = await sla.evaluations.evaluate(deptA, ids[5], { result: '不满意', comment: '问题未解决' });
    ids[6] = outcome.reopened!.id;
    clock.set(shanghai('2025-10-10T12:00:00'));
  });
  afterAll(async () => {
    await testApp.close();
  });

  const expectedA: MetricsRow = {
    key: null,
    cases: 6,
    completed: 4,
    completedOnTime: 3,
    onTimeRate: 0.75,
    overdue: 2,
    open: 2,
    openOverdue: 1,
    // (1.625 + 5.5 + 2.75 + 1.417) / 4 = 2.823; nearest rank: p50 = 2nd of 4, p90 = 4th of 4.
    handlingWorkingDays: { count: 4, avg: 2.823, p50: 1.625, p90: 5.5 },
    // (53 + 194 + 177 + 240) / 4 = 166.
    firstResponseHours: { count: 4, avg: 166, p50: 177, p90: 240 },
    evaluations: 3,
    satisfied: 2,
    satisfactionRate: 0.667,
    unsatisfied: 1,
    rectified: 0,
    rectificationOverdue: 0,
    reopened: 1,
    reopenRate: 0.25,
    instant: 0,
    instantRate: 0,
  };

  test("a department's figures match the hand-computed ones", async () => {
    const report = await sla.metrics.report(deptA);
    expect(report.total).toEqual(expectedA);
  });

  test('by region (town) and by month', async () => {
    const byRegion = await sla.metrics.report(deptA, { groupBy: 'region' });
    expect(byRegion.groups.map((row) => row.key)).toEqual(['R1', 'R2']);
    expect(byRegion.groups[0]).toMatchObject({ cases: 3, completed: 3, completedOnTime: 2, onTimeRate: 0.667, overdue: 1, open: 0, handlingWorkingDays: { count: 3, avg: 3.292, p50: 2.75, p90: 5.5 } });
    expect(byRegion.groups[1]).toMatchObject({ cases: 3, completed: 1, completedOnTime: 1, onTimeRate: 1, overdue: 1, open: 2, openOverdue: 1, evaluations: 1, satisfied: 0, satisfactionRate: 0, reopened: 1, reopenRate: 1 });
    const byMonth = await sla.metrics.report(deptA, { groupBy: 'month' });
    expect(byMonth.groups.map((row) => [row.key, row.cases])).toEqual([
      ['2025-09', 5],
      ['2025-10', 1],
    ]);
  });

  test('a period selects cases by their start; another department sees only its own; an administrator sees all by department', async () => {
    const firstWeek = await sla.metrics.report(deptA, { from: shanghai('2025-09-01T00:00:00'), to: shanghai('2025-09-06T00:00:00') });
    expect(firstWeek.total).toMatchObject({ cases: 3, completed: 3, completedOnTime: 2, overdue: 1 });
    expect((await sla.metrics.report(deptB)).total).toMatchObject({ cases: 1, completed: 1, completedOnTime: 1, onTimeRate: 1, handlingWorkingDays: { count: 1, avg: 0.417, p50: 0.417, p90: 0.417 }, firstResponseHours: { avg: 24 } });
    const all = await sla.metrics.report(admin, { groupBy: 'department' });
    expect(all.groups.map((row) => [row.key, row.cases, row.completedOnTime])).toEqual([
      ['A', 6, 3],
      ['B', 1, 1],
    ]);
    expect(all.groups[0]).toEqual({ ...expectedA, key: 'A' });
    expect(all.total.cases).toBe(7);
  });

  test('by matter code', async () => {
    const byMatter = await sla.metrics.report(deptA, { groupBy: 'matter' });
    // M1: cases 1, 3, 5 (and 6, reopened from 5 with its data); M0: cases 2, 4.
    expect(byMatter.groups.map((row) => [row.key, row.cases])).toEqual([
      ['M0', 2],
      ['M1', 4],
    ]);
  });

  test('nearest-rank percentiles', () => {
    expect(distribution([3, 1, 2, null, 10])).toEqual({ count: 4, avg: 4, p50: 2, p90: 10 });
    expect(distribution([])).toEqual({ count: 0, avg: null, p50: null, p90: null });
  });
});
