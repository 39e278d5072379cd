import { as, createTestApp, type TestApp } from '../support/context.js';

const NOISE = '4419R050201000';
const HUMEN = '441900121';

type Task = { id: string; name: string };

/**
 * 好差评 on the national five-level scale, from the citizen's channel (an integrator) and by a staff 回访:
 * a 差评 reopens the ticket (重办) or opens a rectification (整改), and the metrics count both.
 */
describe('12345 evaluation (好差评, five levels)', () => {
  let t: TestApp;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    const users = [
      { id: 'portal', department: 'RX12345', roles: ['integrator'] },
      { id: 'hotline', department: 'RX12345', roles: ['staff'], groups: ['热线派单', '热线回访'] },
      { id: 'gaj.hm', department: 'GAJ', regionCode: HUMEN, roles: ['staff'], groups: ['承办人员'] },
    ];
    for (const user of users) token[user.id] = await t.userToken(user);
  });
  afterAll(() => t.close());

  const api = (user: string) => as(t.app, token[user]);
  const next = async (user: string, caseId: string): Promise<Task> => (await api(user).get(`/api/v1/user-tasks?processInstanceId=${caseId}`)).body.items[0];
  const finishedTicket = async (key: string): Promise<string> => {
    const started = await api('portal').post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode: HUMEN, businessKey: key, applicant: { name: '李女士' }, data: { content: '广场舞噪声' } });
    const caseId = started.body.instance.id as string;
    expect((await api('hotline').post(`/api/v1/user-tasks/${(await next('hotline', caseId)).id}/dispatch`).send({})).status).toBe(200);
    for (const step of ['签收处置', '答复']) {
      const task = await next('gaj.hm', caseId);
      expect(task.name).toBe(step);
      expect((await api('gaj.hm').post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: {} })).status).toBe(200);
    }
    expect((await api('hotline').post(`/api/v1/user-tasks/${(await next('hotline', caseId)).id}/complete`).send({ variables: {} })).status).toBe(200);
    return caseId;
  };
  const evaluate = (user: string, caseId: string, body: Record<string, unknown>) => api(user).post(`/api/v1/process-instances/${caseId}/evaluation`).send(body);

  test('five levels from two channels; a 差评 reopens or rectifies; the metrics count both', async () => {
    const [praised, fine, reopened, rectified] = [await finishedTicket('E-1'), await finishedTicket('E-2'), await finishedTicket('E-3'), await finishedTicket('E-4')];

    const citizen = await evaluate('portal', praised, { result: '非常满意', comment: '处理及时' });
    expect(citizen.status).toBe(201);
    expect(citizen.body).toMatchObject({ evaluation: { result: '非常满意', channel: 'citizen', remedy: null, reopenRequested: false }, reopened: null, rectification: null });
    expect((await evaluate('portal', praised, { result: '满意' })).status).toBe(409);

    // The three earlier values keep their meaning; a remedy on a good evaluation is refused.
    const refused = await evaluate('hotline', fine, { result: '满意', remedy: 'rectify' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: '/remedy' });
    expect((await evaluate('hotline', fine, { result: '一般' })).status).toBe(400);
    expect((await evaluate('hotline', fine, { result: '满意' })).body.evaluation).toMatchObject({ channel: 'visit', remedy: null });

    const again = await evaluate('hotline', reopened, { result: '不满意', comment: '噪声仍在' });
    expect(again.body.evaluation).toMatchObject({ remedy: 'reopen', reopenRequested: true, reopenedInstanceId: again.body.reopened.id });

    const bad = await evaluate('portal', rectified, { result: '非常不满意', comment: '态度差', remedy: 'rectify' });
    expect(bad.status).toBe(201);
    expect(bad.body).toMatchObject({ evaluation: { result: '非常不满意', channel: 'citizen', remedy: 'rectify', reopenRequested: false }, reopened: null, rectification: { state: 'open', reason: '非常不满意：态度差' } });

    const metrics = (await api('hotline').get('/api/v1/metrics/sla')).body.total;
    expect(metrics).toMatchObject({ evaluations: 4, satisfied: 2, unsatisfied: 2, satisfactionRate: 0.5, rectified: 1, reopened: 1 });

    // The owner department closes the rectification; the handling unit reads it but may not close it.
    const id = bad.body.rectification.id as string;
    expect((await api('gaj.hm').get(`/api/v1/process-instances/${rectified}/rectifications`)).body.items).toHaveLength(1);
    expect((await api('gaj.hm').post(`/api/v1/rectifications/${id}/close`).send({ outcome: '已整改' })).status).toBe(403);
    expect((await api('hotline').post(`/api/v1/rectifications/not-a-uuid/close`).send({ outcome: '已整改' })).status).toBe(404);
    const closed = await api('hotline').post(`/api/v1/rectifications/${id}/close`).send({ outcome: '已约谈承办人员并向诉求人致歉' });
    expect(closed.body).toMatchObject({ state: 'closed', closedBy: 'hotline', outcome: '已约谈承办人员并向诉求人致歉' });
    expect((await api('hotline').post(`/api/v1/rectifications/${id}/close`).send({ outcome: '再次' })).status).toBe(409);
    const trail = (await api('hotline').get(`/api/v1/process-instances/${rectified}/history`)).body.items.map((event: { type: string }) => event.type);
    expect(trail).toEqual(expect.arrayContaining(['case.evaluated', 'case.rectification.opened', 'case.rectification.closed']));
  });
});
