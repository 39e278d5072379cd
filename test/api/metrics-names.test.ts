import { loadSampleCatalog } from '../../catalog/index.js';
import { as, createTestApp, type TestApp } from '../support/context.js';

/**
 * GET /metrics/sla names what it groups by (issue 15: dashboards show names, not codes): the
 * department, the matter as the catalog names it, the town; months need no name.
 */
const FOOD = '4419A21012000'; // 食品经营许可 (市场监管局)

describe('SLA metrics rows carry the name of their department, matter or town', () => {
  let t: TestApp;
  let supervisor: string;

  beforeAll(async () => {
    t = await createTestApp();
    await loadSampleCatalog(t.context.db, t.context.engine);
    supervisor = await t.userToken({ id: 'zsj-supervisor', department: 'ZSJ', roles: ['supervisor'] });
    const portal = await t.userToken({ id: 'portal', department: 'ZSJ', roles: ['integrator'] });
    // A case of 食品经营许可 for a village of 虎门镇: its town's entry, the default permit template.
    const started = await as(t.app, portal).post(`/api/v1/matters/${FOOD}/cases`).send({ regionCode: '441900121', applicant: { name: '东莞某餐饮有限公司' }, data: { shopName: '某某小馆' } });
    expect(started.status).toBe(201);
  }, 600_000);
  afterAll(() => t.close());

  const groups = async (groupBy: string) => {
    const response = await as(t.app, supervisor).get(`/api/v1/metrics/sla?groupBy=${groupBy}`);
    expect(response.status).toBe(200);
    return response.body.groups as { key: string | null; name: string | null; cases: number }[];
  };

  test('by department, matter and town the rows are named; by month they are not', async () => {
    expect(await groups('department')).toEqual([expect.objectContaining({ key: 'SCJGJ', name: '东莞市市场监督管理局', cases: 1 })]);
    expect(await groups('matter')).toEqual([expect.objectContaining({ key: FOOD, name: '食品经营许可', cases: 1 })]);
    expect(await groups('region')).toEqual([expect.objectContaining({ key: '441900121', name: '虎门镇', cases: 1 })]);
    const months = await groups('month');
    expect(months).toHaveLength(1);
    expect(months[0]).toMatchObject({ key: expect.stringMatching(/^\d{4}-\d{2}$/), name: null });
  });
});
