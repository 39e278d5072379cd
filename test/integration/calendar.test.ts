import express, { type Express } from 'express';
import request from 'supertest';
import { ApiRouter } from '../../api/http/api-router.js';
import { authenticate } from '../../api/http/auth.js';
import { problemHandler } from '../../api/http/problem.js';
import { openApiDocument } from '../../api/openapi.js';
import { calendarRoutes } from '../../api/routes/calendar.js';
import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';

/** The calendar routes mounted the way api/app.ts mounts every router, on the real context and database. */
function calendarApp(testApp: TestApp): { app: Express; document: Record<string, unknown> } {
  const api = new ApiRouter();
  calendarRoutes(api, testApp.context);
  const v1 = express.Router();
  v1.use(express.json());
  v1.use(authenticate(testApp.context.tokens));
  v1.use(api.router);
  const app = express();
  app.set('query parser', 'simple');
  app.use('/api/v1', v1);
  app.use(problemHandler(testApp.context.log));
  return { app, document: openApiDocument([api]) };
}

describe('the calendar API on a real database', () => {
  let testApp: TestApp;
  let app: Express;
  let document: Record<string, unknown>;
  let admin: ReturnType<typeof as>;
  let clerk: ReturnType<typeof as>;
  const clock = new FakeClock(new Date('2026-11-20T02:00:00Z'));

  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    ({ app, document } = calendarApp(testApp));
    admin = as(app, await testApp.userToken({ id: 'admin1', department: 'city', roles: ['admin'] }));
    clerk = as(app, await testApp.userToken({ id: 'clerk1', department: 'city', roles: ['staff'] }));
  });
  afterAll(async () => {
    await testApp.close();
  });

  test('days across the 2025 National Day holiday say why each is (not) a working day', async () => {
    const response = await clerk.get('/api/v1/calendar/days?from=2025-09-27&to=2025-10-12').expect(200);
    const byDate = Object.fromEntries((response.body.items as Array<{ date: string }>).map((day) => [day.date, day]));
    expect(response.body.items).toHaveLength(16);
    expect(byDate['2025-09-27']).toEqual({ date: '2025-09-27', working: false, reason: 'weekend' });
    expect(byDate['2025-09-28']).toMatchObject({ working: true, reason: 'makeupWorkday', name: '国庆节、中秋节' });
    expect(byDate['2025-10-03']).toMatchObject({ working: false, reason: 'statutoryHoliday' });
    expect(byDate['2025-10-11']).toMatchObject({ working: true, reason: 'makeupWorkday' });
  });

  test('an unloaded year is a 422 problem that names the year and how to load it', async () => {
    const response = await clerk.get('/api/v1/calendar/days?from=2026-12-30&to=2027-01-05').expect(422);
    expect(response.type).toBe('application/problem+json');
    expect(response.body.type).toMatch(/calendar-year-not-loaded$/);
    expect(response.body.title).toContain('POST /api/v1/calendar/years/2027');
    expect(response.body.titleZh).toContain('2027');
  });

  test('impossible dates in a query are rejected naming the parameter', async () => {
    const response = await clerk.get('/api/v1/calendar/days?from=2025-02-30&to=2025-03-05').expect(400);
    expect(response.body.errors[0].pointer).toBe('/query/from');
  });

  test('a deadline: 20 working days from an acceptance on 2025-09-26 end at 24:00 on 2025-10-30', async () => {
    const response = await clerk.get('/api/v1/calendar/add?start=2025-09-26T02:00:00Z&duration=P20D').expect(200);
    expect(response.body).toEqual({ start: '2025-09-26T02:00:00.000Z', dueAt: '2025-10-30T16:00:00.000Z', lastDay: '2025-10-30', budget: 20, unit: 'workingDay' });
    const natural = await clerk.get('/api/v1/calendar/add?start=2025-09-25T02:00:00Z&value=10&unit=naturalDay').expect(200);
    expect(natural.body).toMatchObject({ lastDay: '2025-10-09', rolledOverFrom: '2025-10-05', unit: 'naturalDay' });
  });

  test('a deadline rule with an unknown unit is a 422 naming the unit', async () => {
    const response = await clerk.get('/api/v1/calendar/add?start=2025-09-26T02:00:00Z&value=2&unit=fortnight').expect(422);
    expect(response.body.type).toMatch(/invalid-duration$/);
    expect(response.body.title).toContain('"fortnight"');
    await clerk.get('/api/v1/calendar/add?start=2025-09-26T02:00:00Z&duration=20D').expect(422);
    await clerk.get('/api/v1/calendar/add?start=2025-09-26T02:00:00Z').expect(400);
  });

  test('a limit past 100 years is a 422 naming it, never a 500: its end would lie past what a date holds', async () => {
    for (const query of ['duration=PT99999999999H', 'value=1000000000&unit=year', 'value=99999999&unit=workingDay', 'duration=P101Y']) {
      const response = await clerk.get(`/api/v1/calendar/add?start=2026-01-01T00:00:00Z&${query}`);
      expect(`${query} ${response.status}`).toBe(`${query} 422`);
      expect(response.body.titleZh ?? response.body.errors?.[0]?.messageZh).toBeTruthy();
      expect(JSON.stringify(response.body)).toMatch(/100 年/);
    }
  });

  test('loading 2027: only an admin, only valid days, then 2027 is covered', async () => {
    const year2027 = {
      year: 2027,
      papers: ['https://www.gov.cn/example-2027'],
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '春节', date: '2027-02-06', isOffDay: false },
        { name: '春节', date: '2027-02-08', isOffDay: true },
      ],
      reason: '国办发明电〔2026〕示例号',
    };
    await clerk.post('/api/v1/calendar/years/2027').send(year2027).expect(403);
    const impossible = await admin
      .post('/api/v1/calendar/years/2027')
      .send({ ...year2027, days: [{ name: '春节', date: '2027-02-30', isOffDay: true }] })
      .expect(400);
    expect(impossible.body.errors[0].pointer).toBe('/body/days/0/date');
    const outside = await admin
      .post('/api/v1/calendar/years/2027')
      .send({ ...year2027, days: [{ name: '劳动节', date: '2025-05-01', isOffDay: true }] })
      .expect(422);
    expect(outside.body.errors[0].message).toContain('/days/0/date');
    await admin.post('/api/v1/calendar/years/2028').send(year2027).expect(400);
    await admin.post('/api/v1/calendar/years/2027').send({ ...year2027, days: [] }).expect(400);

    const loaded = await admin.post('/api/v1/calendar/years/2027').send(year2027).expect(201);
    expect(loaded.body).toMatchObject({ year: 2027, days: 3, loadedBy: 'admin1', loadedAt: '2026-11-20T02:00:00.000Z', reason: '国办发明电〔2026〕示例号' });

    const days = await clerk.get('/api/v1/calendar/days?from=2027-02-06&to=2027-02-08').expect(200);
    expect(days.body.items).toEqual([
      { date: '2027-02-06', working: true, reason: 'makeupWorkday', name: '春节', source: 'database' },
      { date: '2027-02-07', working: false, reason: 'weekend' },
      { date: '2027-02-08', working: false, reason: 'statutoryHoliday', name: '春节', source: 'database' },
    ]);
    const years = await clerk.get('/api/v1/calendar/years').expect(200);
    expect(years.body.items.at(-1)).toEqual({ year: 2027, source: 'database', papers: ['https://www.gov.cn/example-2027'] });
    const acrossNewYear = await clerk.get('/api/v1/calendar/add?start=2026-12-30T02:00:00Z&duration=P2D').expect(200);
    expect(acrossNewYear.body.lastDay).toBe('2027-01-04');
  });

  test('local overrides: validated, one per date, change the count, deleted with a trail', async () => {
    const impossible = await admin.post('/api/v1/calendar/overrides').send({ date: '2025-02-30', kind: 'holiday', name: '台风停工', reason: '红色预警' }).expect(400);
    expect(impossible.type).toBe('application/problem+json');
    expect(impossible.body.errors[0].pointer).toBe('/body/date');
    await clerk.post('/api/v1/calendar/overrides').send({ date: '2025-10-20', kind: 'holiday', name: '台风停工', reason: '红色预警' }).expect(403);

    const created = await admin.post('/api/v1/calendar/overrides').send({ date: '2025-10-20', kind: 'holiday', name: '台风停工', reason: '台风红色预警，全市停工' }).expect(201);
    expect(created.body).toMatchObject({ date: '2025-10-20', kind: 'holiday', createdBy: 'admin1' });
    await admin.post('/api/v1/calendar/overrides').send({ date: '2025-10-20', kind: 'workday', name: 'x', reason: 'y' }).expect(409);

    const listed = await clerk.get('/api/v1/calendar/overrides?from=2025-10-01&to=2025-10-31').expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    const day = await clerk.get('/api/v1/calendar/days?from=2025-10-20&to=2025-10-20').expect(200);
    expect(day.body.items[0]).toMatchObject({ working: false, reason: 'localHoliday', overrideReason: '台风红色预警，全市停工' });
    const shifted = await clerk.get('/api/v1/calendar/add?start=2025-09-26T02:00:00Z&duration=P20D').expect(200);
    expect(shifted.body.lastDay).toBe('2025-10-31');

    await admin.delete(`/api/v1/calendar/overrides/${created.body.id}?reason=${encodeURIComponent('误报')}`).expect(204);
    await admin.delete(`/api/v1/calendar/overrides/${created.body.id}`).expect(404);
    const back = await clerk.get('/api/v1/calendar/add?start=2025-09-26T02:00:00Z&duration=P20D').expect(200);
    expect(back.body.lastDay).toBe('2025-10-30');

    const trail = await testApp.context.db.query<{ action: string; changed_by: string; reason: string | null }>(
      "SELECT action, changed_by, reason FROM calendar_changes WHERE action LIKE 'override%' ORDER BY seq",
    );
    expect(trail).toEqual([
      { action: 'override-added', changed_by: 'admin1', reason: '台风红色预警，全市停工' },
      { action: 'override-deleted', changed_by: 'admin1', reason: '误报' },
    ]);
  });

  test('no token, no calendar', async () => {
    await request(app).get('/api/v1/calendar/days?from=2025-10-01&to=2025-10-02').expect(401);
  });

  test('the routes are in the OpenAPI document with their schemas', () => {
    const paths = document.paths as Record<string, Record<string, { tags: string[] }>>;
    expect(Object.keys(paths).sort()).toEqual(['/calendar/add', '/calendar/days', '/calendar/overrides', '/calendar/overrides/{id}', '/calendar/readiness', '/calendar/years', '/calendar/years/{year}']);
    expect(paths['/calendar/years/{year}'].post.tags).toEqual(['Calendar']);
  });
});
