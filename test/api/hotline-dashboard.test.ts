import { loadSampleCatalog } from '../../catalog/index.js';
import { Catalog } from '../../catalog/catalog.js';
import { dispatchTicket } from '../../catalog/dispatch/dispatch-ticket.js';
import { takeIn } from '../../catalog/intake/ticket-intake.js';
import type { Actor } from '../../engine/index.js';
import { slaOf } from '../../engine/sla/index.js';
import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';

const NOISE = '4419R050201000';
const HUMEN = '441900121';
const DONGCHENG = '441900003';
const ADDRESS: Record<string, string> = { [HUMEN]: '虎门北栅社区银龙路12号', [DONGCHENG]: '东城主山社区东纵路8号' };

/** What happens to each ticket of the fixture; the expected figures are counted from this table, not from the code. */
interface Fixture {
  town: string;
  /** Completed within its limit, completed late, or left open. */
  handled: 'on-time' | 'late' | 'open';
  /** The evaluations in order (a 差评 with reopen starts a 重办 whose evaluation is the final one). */
  evaluations: Array<{ result: string; remedy?: 'reopen' | 'rectify' }>;
}
const FIXTURE: Fixture[] = [
  { town: HUMEN, handled: 'on-time', evaluations: [{ result: '满意' }] },
  { town: HUMEN, handled: 'late', evaluations: [{ result: '不满意', remedy: 'rectify' }] },
  { town: HUMEN, handled: 'on-time', evaluations: [{ result: '基本满意' }] },
  { town: DONGCHENG, handled: 'on-time', evaluations: [{ result: '非常不满意', remedy: 'reopen' }, { result: '满意' }] },
  { town: DONGCHENG, handled: 'open', evaluations: [] },
];
const SATISFIED = ['非常满意', '满意', '基本满意'];

function expected(tickets: Fixture[]) {
  const completed = tickets.filter((ticket) => ticket.handled !== 'open');
  const onTime = completed.filter((ticket) => ticket.handled === 'on-time');
  const evaluated = tickets.filter((ticket) => ticket.evaluations.length > 0);
  const satisfied = evaluated.filter((ticket) => SATISFIED.includes(ticket.evaluations[ticket.evaluations.length - 1].result));
  const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
  return {
    tickets: tickets.length,
    completed: completed.length,
    onTime: onTime.length,
    onTimeRate: rate(onTime.length, completed.length),
    evaluations: evaluated.length,
    satisfied: satisfied.length,
    satisfactionRate: rate(satisfied.length, evaluated.length),
    reopened: tickets.filter((ticket) => ticket.evaluations.some((evaluation) => evaluation.remedy === 'reopen')).length,
    rectified: tickets.filter((ticket) => ticket.evaluations.some((evaluation) => evaluation.remedy === 'rectify')).length,
    openOverdue: tickets.filter((ticket) => ticket.handled === 'open').length,
  };
}

/**
 * The 12345 dashboards: on-time and satisfaction rates overall, by category, town and unit, and hot spots, checked
 * against a fixture of tickets driven through the real engine; a town sees its town, the city all.
 */
describe('12345 dashboards (city and town)', () => {
  let t: TestApp;
  let catalog: Catalog;
  const clock = new FakeClock(new Date('2026-03-02T01:00:00Z')); // Monday 09:00 in China
  const token: Record<string, string> = {};
  const units: string[] = [];
  const hotline: Actor = { userId: 'hotline', department: 'RX12345', roles: ['staff'], groups: ['热线受理', '热线派单', '热线回访'] };
  const staffOf = (task: { department: string; candidate_groups: string[] }): Actor => ({ userId: `officer.${task.department}`, department: task.department, roles: ['staff'], groups: task.candidate_groups });
  const reader: Actor = { userId: 'reader', department: 'ZSJ', roles: ['admin'] };

  const openTask = async (instanceId: string) => (await t.context.engine.listTasks(reader, { instanceId, state: 'created' }))[0];
  /** Dispatch, 签收处置, 答复, 回访: the case is then completed. */
  const handle = async (instanceId: string, dispatch: boolean) => {
    for (let step = 0; step < 4; step += 1) {
      const task = await openTask(instanceId);
      if (!task) return;
      if (task.element_id === 'Task_Dispatch') {
        const outcome = await dispatchTicket(catalog, staffOf(task), task.id, {});
        if (dispatch) units.push(outcome.record.unit!);
        continue;
      }
      await t.context.engine.completeTask(staffOf(task), task.id, { result: '已处置' });
    }
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await loadSampleCatalog(t.context.db, t.context.engine);
    catalog = new Catalog(t.context.db, t.context.engine);
    const users = [
      { id: 'city', department: 'ZSJ', roles: ['supervisor'] },
      { id: 'dc.supervisor', department: 'ZSJ', regionCode: DONGCHENG, roles: ['supervisor'] },
      { id: 'hm.officer', department: 'GAJ', regionCode: HUMEN, roles: ['staff'], groups: ['承办人员'] },
      { id: 'portal', department: 'RX12345', roles: ['integrator'] },
    ];
    for (const user of users) token[user.id] = await t.userToken(user);

    const sla = slaOf(t.context.engine);
    const ids: string[] = [];
    for (const ticket of FIXTURE) {
      const taken = await takeIn(catalog, hotline, { channel: 'phone', matterCode: NOISE, text: '夜间噪声扰民', address: ADDRESS[ticket.town], reporter: { name: '市民' } });
      ids.push(taken.instance.id);
      const [first] = await t.context.engine.listTasks(reader, { instanceId: taken.instance.id, state: 'created' });
      units.push((await dispatchTicket(catalog, staffOf(first), first.id, {})).record.unit!);
    }
    const evaluate = async (index: number) => {
      let instanceId = ids[index];
      for (const evaluation of FIXTURE[index].evaluations) {
        const outcome = await sla.evaluations.evaluate(hotline, instanceId, { result: evaluation.result as '满意', ...(evaluation.remedy ? { remedy: evaluation.remedy } : {}) });
        if (outcome.reopened) {
          instanceId = outcome.reopened.id;
          await handle(instanceId, false);
        }
      }
    };
    clock.advance(3_600_000);
    for (const [index, ticket] of FIXTURE.entries()) {
      if (ticket.handled !== 'on-time') continue;
      await handle(ids[index], false);
      await evaluate(index);
    }
    // Forty days later (past 15 working days): the late one is completed and evaluated; the open one is overdue.
    clock.advance(40 * 86_400_000);
    for (const [index, ticket] of FIXTURE.entries()) {
      if (ticket.handled !== 'late') continue;
      await handle(ids[index], false);
      await evaluate(index);
    }
    // Two of the same category and town the next week and three the week after: a rising hot spot.
    clock.set(new Date('2026-03-10T01:00:00Z'));
    for (let i = 0; i < 2; i += 1) await takeIn(catalog, hotline, { channel: 'web', matterCode: NOISE, text: '噪声', address: ADDRESS[DONGCHENG], reporter: { name: '市民' } });
    clock.set(new Date('2026-03-17T01:00:00Z'));
    for (let i = 0; i < 3; i += 1) await takeIn(catalog, hotline, { channel: 'web', matterCode: NOISE, text: '噪声', address: ADDRESS[DONGCHENG], reporter: { name: '市民' } });
    // Now: past the 整改's limit (10 working days from its opening), still open.
    clock.set(new Date('2026-04-30T01:00:00Z'));
  });
  afterAll(() => t.close());

  const api = (user: string) => as(t.app, token[user]);
  const WEEK1 = { from: '2026-03-01T16:00:00.000Z', to: '2026-03-08T16:00:00.000Z' };

  test('the city: rates overall and by town, category and unit, counted exactly', async () => {
    const summary = await api('city').get('/api/v1/hotline/dashboard').query(WEEK1);
    expect(summary.status).toBe(200);
    const all = expected(FIXTURE);
    expect(summary.body).toMatchObject({ ...WEEK1, town: null, total: { key: null, name: '全市', ...all, rectificationOverdue: all.rectified } });

    const byTown = await api('city').get('/api/v1/hotline/dashboard/rates').query({ ...WEEK1, groupBy: 'town' });
    expect(byTown.body.total).toBe(2);
    for (const [town, name] of [[HUMEN, '虎门镇'], [DONGCHENG, '东城街道']]) {
      const row = byTown.body.items.find((item: { key: string }) => item.key === town);
      const mine = expected(FIXTURE.filter((ticket) => ticket.town === town));
      expect(row).toMatchObject({ name, ...mine });
    }

    const byCategory = (await api('city').get('/api/v1/hotline/dashboard/rates').query({ ...WEEK1, groupBy: 'category' })).body;
    expect(byCategory.items).toEqual([expect.objectContaining({ key: NOISE, tickets: FIXTURE.length, onTimeRate: all.onTimeRate, satisfactionRate: all.satisfactionRate })]);
    expect(byCategory.items[0].name).not.toBe(NOISE);

    const byUnit = (await api('city').get('/api/v1/hotline/dashboard/rates').query({ ...WEEK1, groupBy: 'unit', limit: 1 })).body;
    const unitsOfFixture = [...new Set(units.slice(0, FIXTURE.length))];
    expect(byUnit.total).toBe(unitsOfFixture.length);
    expect(byUnit.items).toHaveLength(1);
    expect(byUnit.items[0].name).not.toMatch(/^[A-Z]+-\d+$/);
    const counted = units.slice(0, FIXTURE.length).filter((unit) => unit === byUnit.items[0].key).length;
    expect(byUnit.items[0].tickets).toBe(counted);
    if (unitsOfFixture.length > 1) {
      expect(byUnit.nextCursor).toEqual(expect.any(String));
      const second = (await api('city').get('/api/v1/hotline/dashboard/rates').query({ ...WEEK1, groupBy: 'unit', limit: 1, cursor: byUnit.nextCursor })).body;
      expect(second.items[0].key).not.toBe(byUnit.items[0].key);
    }

    expect((await api('city').get('/api/v1/hotline/dashboard').query({ ...WEEK1, town: '441900121904' })).status).toBe(422);
    expect((await api('city').get('/api/v1/hotline/dashboard').query({ from: WEEK1.to, to: WEEK1.from })).status).toBe(422);
    expect((await api('city').get('/api/v1/hotline/dashboard').query({ extra: 1 })).status).toBe(400);
    expect((await api('portal').get('/api/v1/hotline/dashboard')).status).toBe(403);
  });

  test('a town sees its own town only', async () => {
    const own = await api('dc.supervisor').get('/api/v1/hotline/dashboard').query(WEEK1);
    expect(own.body.total).toMatchObject(expected(FIXTURE.filter((ticket) => ticket.town === DONGCHENG)));
    const towns = (await api('dc.supervisor').get('/api/v1/hotline/dashboard/rates').query({ ...WEEK1, groupBy: 'town' })).body.items;
    expect(towns.map((row: { key: string }) => row.key)).toEqual([DONGCHENG]);
    const other = await api('dc.supervisor').get('/api/v1/hotline/dashboard').query({ ...WEEK1, town: HUMEN });
    expect(other.body.total.tickets).toBe(0);
    expect(other.body.total.onTimeRate).toBeNull();
    // A 虎门 officer of the bureau: the 虎门 tickets their unit handled.
    const officer = await api('hm.officer').get('/api/v1/hotline/dashboard').query(WEEK1);
    expect(officer.body.total.tickets).toBe(FIXTURE.filter((ticket) => ticket.town === HUMEN).length);
  });

  test('hot spots: category × town by week, and the one rising', async () => {
    const spots = await api('city').get('/api/v1/hotline/dashboard/hot-spots').query({ from: WEEK1.from, to: '2026-03-22T16:00:00.000Z' });
    expect(spots.status).toBe(200);
    expect(spots.body.weeks).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    const dongcheng = spots.body.rows.find((row: { town: string }) => row.town === DONGCHENG);
    const dcWeek1 = FIXTURE.filter((ticket) => ticket.town === DONGCHENG).length;
    expect(dongcheng).toMatchObject({ matterCode: NOISE, townName: '东城街道', counts: [dcWeek1, 2, 3], total: dcWeek1 + 5, rise: 1 });
    expect(spots.body.rows[0].town).toBe(DONGCHENG);
    expect(spots.body.rising).toEqual([expect.objectContaining({ town: DONGCHENG, rise: 1 })]);
  });
});
