import { DemoClock, runHotlineDemo } from '../../scripts/demo/hotline-demo.js';
import { as, createTestApp, type TestApp } from '../support/context.js';

/** The demo's core on ~50 tickets: every ticket is taken in, dispatched by the rules, handled, answered and evaluated. */
describe('npm run demo:12345 (its core, 50 tickets)', () => {
  let t: TestApp;
  const clock = new DemoClock(new Date('2026-10-01T00:00:00+08:00'));

  beforeAll(async () => {
    t = await createTestApp({ clock, sampleCatalog: true });
  });
  afterAll(() => t.close());

  test('a month of tickets goes through the whole loop and the metrics show it', async () => {
    const report = await runHotlineDemo(t.context.db, t.context.engine, clock, { tickets: 50, month: '2026-10', seed: 7, concurrency: 2, matterTypes: ['诉求工单'] });
    expect(report.tickets).toBe(50);
    expect(report.refused).toBe(0);
    expect(report.started).toBe(50);
    // Every ticket not merged away is completed and evaluated once.
    expect(report.completed).toBe(50 - report.merged);
    expect(report.evaluated).toBe(report.completed);
    expect(report.commands).toBeGreaterThan(50 * 5);
    expect(report.ticketsPerSecond).toBeGreaterThan(0);

    const supervisor = await t.userToken({ id: 'zsj', department: 'ZSJ', roles: ['supervisor'] });
    const metrics = (await as(t.app, supervisor).get('/api/v1/metrics/sla?department=RX12345&groupBy=region')).body;
    expect(metrics.total.completed).toBe(report.completed + report.reopened);
    expect(metrics.total.evaluations).toBe(report.evaluated);
    expect(metrics.total.rectified).toBe(report.rectified);
    expect(metrics.groups.length).toBeGreaterThan(3);

    // Each ticket's dispatch is on record with the rule in force.
    const cases = (await as(t.app, supervisor).get('/api/v1/process-instances?department=RX12345&limit=5')).body.items as Array<{ id: string; status: string }>;
    const ticket = cases.find((row) => row.status === 'completed')!;
    const dispatches = (await as(t.app, supervisor).get(`/api/v1/process-instances/${ticket.id}/dispatches`)).body.items;
    expect(dispatches[0]).toMatchObject({ source: expect.stringMatching(/catalog|override|manual/), unit: expect.any(String) });
  });
});
