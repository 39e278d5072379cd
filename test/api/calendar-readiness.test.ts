// GET /calendar/readiness: whether next year's official holiday schedule is loaded in time (engine/sla/calendar-readiness.ts).
// A permit's 20 working days started in December end in a year the State Council may not have scheduled yet; its
// case clock then has no deadline until an administrator loads that year. Staff and supervisors are told ahead.
import request from 'supertest';
import { slaOf } from '../../engine/sla/index.js';
import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';
import { statutoryPermit } from '../integration/durable/models.js';

const shanghai = (local: string) => new Date(`${local}+08:00`);

const permitXml = statutoryPermit('readiness-permit');

describe('next year’s holiday schedule, in time', () => {
  const clock = new FakeClock(shanghai('2026-06-15T10:00:00'));
  let t: TestApp;
  let clerk: string;
  let otherDepartment: string;
  let supervisor: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    clerk = await t.userToken({ id: 'clerk', department: 'SCJGJ', roles: ['designer', 'integrator', 'staff'] });
    otherDepartment = await t.userToken({ id: 'other', department: 'ZJJ', roles: ['staff'] });
    supervisor = await t.userToken({ id: 'super', department: 'ZSJ', roles: ['supervisor'] });
    admin = await t.userToken({ id: 'root', department: 'ZSJ', roles: ['admin'] });
    await as(t.app, clerk).post('/api/v1/deployments').send({ xml: permitXml }).expect(201);
  });

  afterAll(async () => {
    await t.close();
  });

  test('in June the next year is not needed yet', async () => {
    const { body } = await as(t.app, clerk).get('/api/v1/calendar/readiness').expect(200);
    expect(body).toMatchObject({ year: 2027, loaded: false, neededFrom: '2026-10-01', needed: false, clocksWaiting: 0, loadWith: 'POST /api/v1/calendar/years/2027' });
    expect(body.messageZh).toContain('10 月 1 日起需要');
  });

  test('from October it is needed; a December permit waits for it, and its department and supervisors are told', async () => {
    clock.set(shanghai('2026-10-08T09:00:00'));
    expect((await as(t.app, clerk).get('/api/v1/calendar/readiness').expect(200)).body).toMatchObject({ needed: true, clocksWaiting: 0 });

    clock.set(shanghai('2026-12-15T10:00:00'));
    await as(t.app, clerk).post('/api/v1/process-instances').send({ processId: 'readiness-permit' }).expect(201);
    const { body } = await as(t.app, clerk).get('/api/v1/calendar/readiness').expect(200);
    expect(body).toMatchObject({ year: 2027, loaded: false, needed: true, clocksWaiting: 1 });
    expect(body.messageZh).toBe('2027 年国务院办公厅节假日安排尚未加载：已有 1 个办理时限因截止日落在 2027 年而暂无截止时间，请管理员在国务院公布后通过 POST /api/v1/calendar/years/2027 加载，加载后自动重算截止时间。');
    expect(body.message).toContain('1 running time limit has no deadline');
    // Another department sees none of this department's clocks; a supervisor reads every department's.
    expect((await as(t.app, otherDepartment).get('/api/v1/calendar/readiness').expect(200)).body).toMatchObject({ needed: true, clocksWaiting: 0 });
    expect((await as(t.app, supervisor).get('/api/v1/calendar/readiness').expect(200)).body).toMatchObject({ clocksWaiting: 1 });
  });

  test('a year that has begun without its schedule is the one asked for', async () => {
    clock.set(shanghai('2027-02-01T09:00:00'));
    const { body } = await as(t.app, admin).get('/api/v1/calendar/readiness').expect(200);
    expect(body).toMatchObject({ year: 2027, loaded: false, neededFrom: '2026-10-01', needed: true, clocksWaiting: 1 });
    clock.set(shanghai('2026-12-16T09:00:00'));
  });

  test('once the year is loaded it is ready, and the waiting deadline is counted', async () => {
    // An illustrative 2027 schedule (the State Council publishes the real one late in 2026).
    await as(t.app, admin)
      .post('/api/v1/calendar/years/2027')
      .send({ year: 2027, papers: [], days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }], reason: '国务院办公厅通知' })
      .expect(201);
    await slaOf(t.context.engine).monitor.runOnce();
    const { body } = await as(t.app, clerk).get('/api/v1/calendar/readiness').expect(200);
    expect(body).toMatchObject({ year: 2027, loaded: true, needed: false, clocksWaiting: 0 });
    expect(body.messageZh).toBe('2027 年国务院办公厅节假日安排已加载。');
  });

  test('the answer is for signed-in users only', async () => {
    await request(t.app).get('/api/v1/calendar/readiness').expect(401);
  });
});
