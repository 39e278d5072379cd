import type { Actor, Engine } from '../../engine/index.js';
import { CalendarRepository } from '../../engine/index.js';
import { slaOf, withSla, type Sla } from '../../engine/sla/index.js';
import { createTestApp, FakeClock, type TestApp } from '../support/context.js';
import { statutoryPermit } from '../integration/durable/models.js';

const shanghai = (local: string) => new Date(`${local}+08:00`);
const endOf = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

const permitXml = statutoryPermit('year-end-permit');

/**
 * A case accepted in mid-December 2026 runs into 2027, whose State Council schedule is not published yet: the case
 * starts anyway, its clock says why it has no deadline, and the deadline appears once an administrator loads 2027.
 */
describe('deadlines that reach a year the calendar does not cover yet', () => {
  const clock = new FakeClock(shanghai('2026-12-15T10:00:00'));
  let testApp: TestApp;
  let engine: Engine;
  let sla: Sla;
  const clerk: Actor = { userId: 'c1', department: 'SCJGJ', roles: ['staff'] };

  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    engine = withSla(testApp.context.engine);
    sla = slaOf(engine);
    await engine.deploy({ xml: permitXml, actor: clerk });
  });
  afterAll(async () => {
    await testApp.close();
  });

  test('the case starts without a deadline and the clock names the missing year; loading 2027 gives it one', async () => {
    const instance = await engine.startInstance({ processId: 'year-end-permit', actor: clerk });
    const [before] = (await sla.views.ofInstance(clerk, instance.id)).case;
    expect(before).toMatchObject({ dueAt: null, state: 'running' });
    expect(before.error).toContain('POST /api/v1/calendar/years/2027');
    // The same reason as a code and in Chinese alone, for the case page to say in a clerk's words.
    expect(before).toMatchObject({ errorCode: 'CALENDAR_YEAR_NOT_LOADED' });
    expect(before.errorZh).toContain('2027 年国务院办公厅节假日安排');
    expect((await engine.history(clerk, instance.id)).map((row) => row.type)).toContain('sla.clock.error');

    // An illustrative 2027 schedule: New Year's Day off (the State Council publishes the real one in late 2026).
    await new CalendarRepository(testApp.context.db, clock).saveYear({ year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] }, 'admin', 'test');
    const round = await sla.monitor.runOnce();
    expect(round.recomputed).toBe(1);
    const [after] = (await sla.views.ofInstance(clerk, instance.id)).case;
    // 20 working days after Tuesday 2026-12-15: 12-16 … 12-31 (12 days), 2027-01-04 … 01-13 (8 days).
    expect(after).toMatchObject({ dueAt: endOf('2027-01-13'), error: null, errorCode: null, errorZh: null, remaining: 20 });
    const history = await engine.history(clerk, instance.id);
    expect(history.find((row) => row.type === 'sla.deadline.recomputed')?.data).toMatchObject({ from: null, to: endOf('2027-01-13'), error: null });
  });
});
