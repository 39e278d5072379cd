import { as, createTestApp, type TestApp } from '../support/context.js';

// 12345: 噪声扰民类诉求 (its hotline entry routes 处置 to 公安局 in the caller's town).
const NOISE = '4419R050201000';
const HUMEN = '441900121';
const DONGCHENG = '441900003';

type Task = { id: string; name: string; department: string; regionCode: string | null; mayWork: boolean; case: { businessKey: string | null } };

/**
 * Who sees and does what (D10), walked through a 12345 ticket: the hotline owns it, 公安局's 虎门
 * officers handle it, another town's officers and other departments see nothing, a supervisor
 * watches city-wide and 督办s, an administrator acts only with a reason on the trail.
 */
describe('who sees and does what: a 12345 ticket across departments and towns', () => {
  let t: TestApp;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    const users = [
      { id: 'portal', department: 'RX12345', roles: ['integrator'] },
      { id: 'hotline', department: 'RX12345', roles: ['staff'], groups: ['热线派单', '热线回访'] },
      { id: 'gaj.hm', department: 'GAJ', regionCode: HUMEN, roles: ['staff'], groups: ['承办人员'] },
      { id: 'gaj.hm.clerk', department: 'GAJ', regionCode: HUMEN, roles: ['staff'], groups: ['受理窗口'] },
      { id: 'gaj.dc', department: 'GAJ', regionCode: DONGCHENG, roles: ['staff'], groups: ['承办人员'] },
      { id: 'zjj', department: 'ZJJ', roles: ['staff', 'integrator', 'designer'], groups: ['承办人员'] },
      { id: 'zsj', department: 'ZSJ', roles: ['supervisor', 'staff'], groups: ['督办'] },
      { id: 'root', department: 'ZSJ', roles: ['admin'] },
    ];
    for (const user of users) token[user.id] = await t.userToken(user);
  });
  afterAll(() => t.close());

  const api = (user: string) => as(t.app, token[user]);
  const tasksOf = async (user: string, instanceId: string): Promise<Task[]> => (await api(user).get(`/api/v1/user-tasks?processInstanceId=${instanceId}`)).body.items;
  const startTicket = async (businessKey: string) => {
    const started = await api('portal').post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode: HUMEN, businessKey, applicant: { name: '陈先生', phone: '13800000000' }, data: { content: '夜间施工噪声扰民' } });
    expect(started.status).toBe(201);
    return started.body.instance.id as string;
  };
  const complete = (user: string, taskId: string, variables: Record<string, unknown> = {}) => api(user).post(`/api/v1/user-tasks/${taskId}/complete`).send({ variables });

  test('the hotline dispatches, 公安局 虎门 handles, nobody else sees or acts, and the hotline closes the loop', async () => {
    const caseId = await startTicket('12345-2026-000001');

    // 派单 is the hotline's own step.
    const [dispatch] = await tasksOf('hotline', caseId);
    expect(dispatch).toMatchObject({ name: '派单', department: 'RX12345', mayWork: true });
    expect((await complete('hotline', dispatch.id)).status).toBe(200);

    // 签收处置 goes to 公安局 in the caller's town.
    const [handle] = await tasksOf('hotline', caseId);
    expect(handle).toMatchObject({ name: '签收处置', department: 'GAJ', regionCode: HUMEN, mayWork: false });
    expect((await api('gaj.hm').get('/api/v1/user-tasks?mine=true')).body.items.map((task: Task) => task.id)).toEqual([handle.id]);

    // Another town's officers of the same bureau, and other departments, see nothing of the case.
    for (const outsider of ['gaj.dc', 'zjj']) {
      const inbox = await api(outsider).get('/api/v1/user-tasks');
      expect(JSON.stringify(inbox.body)).not.toContain(caseId);
      const read = await api(outsider).get(`/api/v1/process-instances/${caseId}`);
      expect(read.status).toBe(404);
      expect(JSON.stringify(read.body)).not.toContain('陈先生');
      expect((await api(outsider).get(`/api/v1/process-instances/${caseId}/history`)).status).toBe(404);
      expect((await complete(outsider, handle.id)).status).toBe(404);
      const list = await api(outsider).get('/api/v1/process-instances');
      expect(JSON.stringify(list.body)).not.toContain(caseId);
    }

    // A 虎门 officer without the post sees it in the department's inbox but may not take it.
    const clerkView = (await api('gaj.hm.clerk').get('/api/v1/user-tasks')).body.items.find((task: Task) => task.id === handle.id);
    expect(clerkView).toMatchObject({ mayWork: false });
    expect((await api('gaj.hm.clerk').get('/api/v1/user-tasks?mine=true')).body.items).toEqual([]);
    const refused = await api('gaj.hm.clerk').post(`/api/v1/user-tasks/${handle.id}/claim`).send({});
    expect(refused.status).toBe(403);
    expect(refused.body.titleZh).toContain('承办人员');

    // The handling department reads the whole ticket and trail, but does not own it.
    expect((await api('gaj.hm').get(`/api/v1/process-instances/${caseId}`)).body).toMatchObject({ department: 'RX12345', departmentName: expect.stringContaining('12345') });
    expect((await api('gaj.hm').get(`/api/v1/process-instances/${caseId}/history`)).status).toBe(200);
    expect((await api('gaj.hm').post(`/api/v1/process-instances/${caseId}/cancel`).send({ reason: '试图终止' })).status).toBe(403);
    expect((await api('gaj.hm').post(`/api/v1/process-instances/${caseId}/sla/pause`).send({ kind: '补正', reason: '试图暂停' })).status).toBe(403);

    // The hotline cannot do the handling department's step either.
    expect((await complete('hotline', handle.id)).status).toBe(403);

    expect((await api('gaj.hm').post(`/api/v1/user-tasks/${handle.id}/claim`).send({})).status).toBe(200);
    expect((await complete('gaj.hm', handle.id, { result: '已到场劝止施工' })).status).toBe(200);
    const [reply] = await tasksOf('gaj.hm', caseId);
    expect(reply).toMatchObject({ name: '答复', department: 'GAJ', regionCode: HUMEN });
    expect((await complete('gaj.hm', reply.id)).status).toBe(200);

    // 回访评价 is back with the hotline.
    const [visit] = await tasksOf('hotline', caseId);
    expect(visit).toMatchObject({ name: '回访评价', department: 'RX12345' });
    expect((await complete('gaj.hm', visit.id)).status).toBe(403);
    expect((await complete('hotline', visit.id, { satisfaction: '满意' })).status).toBe(200);
    expect((await api('hotline').get(`/api/v1/process-instances/${caseId}`)).body.status).toBe('completed');

    // The trail names who did each step.
    const trail = (await api('gaj.hm').get(`/api/v1/process-instances/${caseId}/history`)).body.items as Array<{ type: string; actor: string; actorName: string | null; elementName: string | null }>;
    expect(trail.filter((event) => event.type === 'userTask.completed').map((event) => [event.elementName, event.actor])).toEqual([
      ['派单', 'hotline'],
      ['签收处置', 'gaj.hm'],
      ['答复', 'gaj.hm'],
      ['回访评价', 'hotline'],
    ]);
  });

  test('a supervisor reads every department city-wide, acts on none of their tasks, and 督办s a ticket to 销号', async () => {
    const caseId = await startTicket('12345-2026-000002');
    const [dispatch] = await tasksOf('hotline', caseId);
    await complete('hotline', dispatch.id);
    const [handle] = await tasksOf('zsj', caseId);
    expect(handle).toMatchObject({ name: '签收处置', department: 'GAJ' });

    // City-wide reading: the case, its clocks, the overdue lists and the metrics of every department.
    expect((await api('zsj').get(`/api/v1/process-instances/${caseId}`)).status).toBe(200);
    expect((await api('zsj').get(`/api/v1/process-instances/${caseId}/sla`)).status).toBe(200);
    const cases = await api('zsj').get('/api/v1/process-instances?department=RX12345');
    expect(cases.body.items.map((row: { id: string }) => row.id)).toContain(caseId);
    const metrics = await api('zsj').get('/api/v1/metrics/sla?groupBy=department');
    expect(metrics.body.groups.map((row: { key: string }) => row.key)).toContain('RX12345');
    expect((await api('zjj').get('/api/v1/metrics/sla?groupBy=department')).body.groups.map((row: { key: string }) => row.key)).not.toContain('RX12345');

    // Read only: no task of another department, no change to the case.
    expect((await complete('zsj', handle.id)).status).toBe(403);
    expect((await api('zsj').post(`/api/v1/process-instances/${caseId}/cancel`).send({ reason: '试图终止' })).status).toBe(403);

    // 督办: the 督办单 lands in the responsible unit's inbox (公安局, 虎门).
    const supervised = await api('zsj').post(`/api/v1/process-instances/${caseId}/supervision`).send({ reason: '群众多次来电反映，请加快处置' });
    expect(supervised.status).toBe(201);
    // The ticket's 虎门 implementation entry names the bureau's 虎门 branch as the handling unit.
    expect(supervised.body).toMatchObject({ level: 1, kind: 'manual', state: 'open', responsibleUnit: 'GAJ-441900121', responsibleUnitName: '东莞市公安局虎门分局', requestedByName: 'zsj' });
    expect((await api('gaj.dc').get('/api/v1/user-tasks')).body.items.filter((task: Task) => task.name.startsWith('督办单'))).toEqual([]);
    const [notice] = (await api('gaj.hm').get('/api/v1/user-tasks?mine=true')).body.items.filter((task: Task) => task.name.startsWith('督办单'));
    expect(notice).toMatchObject({ department: 'GAJ', regionCode: HUMEN, case: { businessKey: `督办-${caseId}-L1` } });
    expect((await api('zjj').post(`/api/v1/process-instances/${caseId}/supervision`).send({ reason: '无权督办' })).status).toBe(403);

    const open = await api('zsj').get('/api/v1/sla/supervisions?state=open');
    expect(open.body.items.map((entry: { processInstanceId: string }) => entry.processInstanceId)).toContain(caseId);
    expect((await api('zjj').get('/api/v1/sla/supervisions')).body.items).toEqual([]);

    // The unit replies; the supervisor sends it back once, then closes it.
    expect((await complete('gaj.hm', notice.id, { reply: '已安排民警现场处置' })).status).toBe(200);
    const review = async () => (await api('zsj').get('/api/v1/user-tasks?mine=true')).body.items.find((task: Task) => task.name.startsWith('督办审核')) as Task;
    expect((await complete('zsj', (await review()).id, { supervisionDecision: '退回' })).status).toBe(200);
    const [again] = (await api('gaj.hm').get('/api/v1/user-tasks?mine=true')).body.items.filter((task: Task) => task.name.startsWith('督办单'));
    expect((await complete('gaj.hm', again.id, { reply: '施工单位已停工并承诺夜间不再施工' })).status).toBe(200);
    expect((await complete('zsj', (await review()).id, { supervisionDecision: '销号' })).status).toBe(200);

    const closed = (await api('zsj').get(`/api/v1/sla/supervisions?processInstanceId=${caseId}`)).body.items;
    expect(closed).toEqual([expect.objectContaining({ state: 'closed', outcome: '销号', level: 1 })]);
    const exported = await api('zsj').get('/api/v1/sla/supervisions/export');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.text).toContain('12345-2026-000002');
    expect(exported.text).toContain('销号');
    expect(exported.text).toContain('人工督办');
  });

  test('an administrator acts on another department’s task only with a reason, and the trail keeps it', async () => {
    const caseId = await startTicket('12345-2026-000003');
    const [dispatch] = await tasksOf('root', caseId);
    const silent = await complete('root', dispatch.id);
    expect(silent.status).toBe(403);
    expect(silent.body.titleZh).toContain('理由');
    const overridden = await api('root').post(`/api/v1/user-tasks/${dispatch.id}/complete`).send({ variables: {}, override: { reason: '话务员离岗，代为派单' } });
    expect(overridden.status).toBe(200);
    const trail = (await api('root').get(`/api/v1/process-instances/${caseId}/history`)).body.items as Array<{ type: string; actor: string; data: Record<string, unknown> }>;
    expect(trail.find((event) => event.type === 'userTask.override')).toMatchObject({ actor: 'root', data: { reason: '话务员离岗，代为派单', rule: 'department' } });
  });
});
