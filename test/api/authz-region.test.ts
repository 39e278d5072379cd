import { as, createTestApp, type TestApp } from '../support/context.js';

// The region scope (D10) on everything that belongs to a case: a user scoped to a town (镇街) reads and acts only
// within it and below, as GET /process-instances/{id} already held; city-level users see every town.
const NOISE = '4419R050201000';
const HUMEN = '441900121';
const DONGCHENG = '441900003';
const HOTLINE_POSTS = ['热线受理', '热线派单', '热线回访'];

const bpmn = (process: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="http://matterflow.dev/region">
${process}
</bpmn:definitions>`;

const workXml = bpmn(`<bpmn:process id="region-work" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:serviceTask id="Work"><bpmn:extensionElements><zeebe:taskDefinition type="region-work" retries="1" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
    <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />
  </bpmn:process>`);

const waitXml = bpmn(`<bpmn:process id="region-wait" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:intermediateCatchEvent id="Reply"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Reply" />
    <bpmn:sequenceFlow id="F2" sourceRef="Reply" targetRef="End" />
  </bpmn:process>
  <bpmn:message id="Msg" name="region-reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>`);

const signalXml = bpmn(`<bpmn:process id="region-signal" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:intermediateCatchEvent id="Alarm"><bpmn:signalEventDefinition signalRef="Sig" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Alarm" />
    <bpmn:sequenceFlow id="F2" sourceRef="Alarm" targetRef="End" />
  </bpmn:process>
  <bpmn:signal id="Sig" name="region-alarm" />`);

describe('the region scope: a 东城 user of the hotline reaches nothing of a 虎门 case', () => {
  let t: TestApp;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    const users = [
      { id: 'hotline', department: 'RX12345', roles: ['staff', 'integrator', 'designer'], groups: HOTLINE_POSTS },
      { id: 'hotline.dc', department: 'RX12345', regionCode: DONGCHENG, roles: ['staff', 'integrator', 'designer'], groups: HOTLINE_POSTS },
      { id: 'zsj', department: 'ZSJ', roles: ['supervisor', 'staff'], groups: ['督办'] },
      { id: 'zsj.dc', department: 'ZSJ', regionCode: DONGCHENG, roles: ['supervisor', 'staff'], groups: ['督办'] },
    ];
    for (const user of users) token[user.id] = await t.userToken(user);
    for (const xml of [workXml, waitXml, signalXml]) expect((await api('hotline').post('/api/v1/deployments').send({ xml })).status).toBe(201);
  });
  afterAll(() => t.close());

  const api = (user: string) => as(t.app, token[user]);
  const start = async (processId: string, regionCode: string, variables: Record<string, unknown> = {}) => {
    const started = await api('hotline').post('/api/v1/process-instances').send({ processId, regionCode, variables });
    expect(started.status).toBe(201);
    return started.body.id as string;
  };
  const caseOf = async (id: string) => (await api('hotline').get(`/api/v1/process-instances/${id}`)).body;
  const caseCount = async () => (await api('hotline').get('/api/v1/process-instances?limit=1')).body.total as number;
  /** A 12345 ticket in a town, dispatched by the hotline (an SLA case: its events reach the feed). */
  const ticket = async (regionCode: string, businessKey: string) => {
    const started = await api('hotline').post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode, businessKey, applicant: { name: '市民', phone: '13800000000' }, data: { content: '夜间噪声' } });
    expect(started.status).toBe(201);
    const id = started.body.instance.id as string;
    const [dispatch] = (await api('hotline').get(`/api/v1/user-tasks?processInstanceId=${id}`)).body.items;
    expect((await api('hotline').post(`/api/v1/user-tasks/${dispatch.id}/complete`).send({})).status).toBe(200);
    return id;
  };

  test('jobs: a town worker activates only its town’s jobs and cannot fail, retry or complete another town’s', async () => {
    const humen = await start('region-work', HUMEN, { secret: '虎门的变量' });
    const dongcheng = await start('region-work', DONGCHENG);

    const activated = await api('hotline.dc').post('/api/v1/jobs/activate').send({ type: 'region-work', worker: 'dc-worker', maxJobs: 10 });
    expect(activated.status).toBe(200);
    expect(activated.body.items.map((job: { processInstanceId: string }) => job.processInstanceId)).toEqual([dongcheng]);
    expect(JSON.stringify(activated.body)).not.toContain('虎门的变量');

    const [job] = (await api('hotline').post('/api/v1/jobs/activate').send({ type: 'region-work', worker: 'city-worker', maxJobs: 10 })).body.items;
    expect(job.processInstanceId).toBe(humen);
    expect((await api('hotline.dc').post(`/api/v1/jobs/${job.id}/fail`).send({ retries: 0, errorMessage: '东城报错' })).status).toBe(404);
    expect((await api('hotline.dc').post(`/api/v1/jobs/${job.id}/retries`).send({ retries: 5 })).status).toBe(404);
    expect((await api('hotline.dc').post(`/api/v1/jobs/${job.id}/throw-error`).send({ errorCode: 'X' })).status).toBe(404);
    expect((await api('hotline.dc').post(`/api/v1/jobs/${job.id}/complete`).send({ variables: { by: 'dc' } })).status).toBe(404);

    // Nothing moved: the 虎门 job is still the city worker's, and its case waits at it.
    const humenCase = await caseOf(humen);
    expect(humenCase.status).toBe('active');
    expect(humenCase.variables).toEqual({ secret: '虎门的变量' });
    expect((await api('hotline').get(`/api/v1/incidents?processInstanceId=${humen}`)).body.items).toEqual([]);
    expect((await api('hotline').post(`/api/v1/jobs/${job.id}/complete`).send({})).status).toBe(204);
    expect((await caseOf(humen)).status).toBe('completed');
    // A job finished in another town is not found either (not "completed by …").
    expect((await api('hotline.dc').post(`/api/v1/jobs/${job.id}/complete`).send({})).status).toBe(404);
  });

  test('incidents: a town user cannot resolve another town’s incident', async () => {
    const humen = await start('region-work', HUMEN);
    const [job] = (await api('hotline').post('/api/v1/jobs/activate').send({ type: 'region-work', worker: 'city-worker', maxJobs: 10 })).body.items;
    expect(job.processInstanceId).toBe(humen);
    expect((await api('hotline').post(`/api/v1/jobs/${job.id}/fail`).send({ retries: 0, errorMessage: '虎门故障' })).status).toBe(200);
    const [incident] = (await api('hotline').get(`/api/v1/incidents?processInstanceId=${humen}`)).body.items;

    const refused = await api('hotline.dc').post(`/api/v1/incidents/${incident.id}/resolve`).send({ retries: 1 });
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain('虎门故障');
    expect((await api('hotline').get(`/api/v1/incidents/${incident.id}`)).body.state).toBe('active');
    expect((await api('hotline').post('/api/v1/jobs/activate').send({ type: 'region-work', worker: 'city-worker', maxJobs: 10 })).body.items).toEqual([]);
  });

  test('messages and signals from a town user reach only the cases of that town, now or from the buffer', async () => {
    const humen = await start('region-wait', HUMEN, { key: 'K-1' });
    const dongcheng = await start('region-wait', DONGCHENG, { key: 'K-1' });

    const published = await api('hotline.dc').post('/api/v1/messages').send({ name: 'region-reply', correlationKey: 'K-1', variables: { injectedBy: 'hotline.dc' } });
    expect(published.status).toBe(200);
    expect(published.body.correlated.map((hit: { processInstanceId: string }) => hit.processInstanceId)).toEqual([dongcheng]);
    expect(await caseOf(humen)).toMatchObject({ status: 'active', variables: { key: 'K-1' } });
    expect((await caseOf(dongcheng)).status).toBe('completed');

    // Kept in the buffer, it waits for a case of 东城: a 虎门 case opening the subscription does not take it.
    expect((await api('hotline.dc').post('/api/v1/messages').send({ name: 'region-reply', correlationKey: 'K-2', timeToLiveMs: 3_600_000, variables: { injectedBy: 'hotline.dc' } })).body.buffered).not.toBeNull();
    const laterHumen = await start('region-wait', HUMEN, { key: 'K-2' });
    expect(await caseOf(laterHumen)).toMatchObject({ status: 'active', variables: { key: 'K-2' } });
    const laterDongcheng = await start('region-wait', DONGCHENG, { key: 'K-2' });
    expect(await caseOf(laterDongcheng)).toMatchObject({ status: 'completed', variables: { key: 'K-2', injectedBy: 'hotline.dc' } });

    const humenAlarm = await start('region-signal', HUMEN);
    const dongchengAlarm = await start('region-signal', DONGCHENG);
    const signalled = await api('hotline.dc').post('/api/v1/signals').send({ name: 'region-alarm' });
    expect(signalled.status).toBe(200);
    expect(signalled.body.triggered.map((hit: { processInstanceId: string }) => hit.processInstanceId)).toEqual([dongchengAlarm]);
    expect((await caseOf(humenAlarm)).status).toBe('active');
  });

  test('starting cases: a town user starts cases only in their town (by default there), else 403 naming the region and nothing is created', async () => {
    const before = await caseCount();
    const refused = await api('hotline.dc').post('/api/v1/process-instances').send({ processId: 'region-wait', regionCode: HUMEN, businessKey: 'DC-IN-HUMEN', variables: { key: 'x' } });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.title).toContain(HUMEN);
    expect(refused.body.titleZh).toContain('虎门');

    const ticket = await api('hotline.dc').post('/api/v1/hotline/tickets').send({ channel: 'phone', matterCode: NOISE, text: '东城受理员登记虎门诉求', regionCode: HUMEN, reporter: { name: '市民', phone: '13900000002' } });
    expect(ticket.status).toBe(403);
    expect(ticket.body.titleZh).toContain('虎门');
    const matterCase = await api('hotline.dc').post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode: HUMEN, applicant: { name: '市民', phone: '13900000003' } });
    expect(matterCase.status).toBe(403);
    expect(await caseCount()).toBe(before);

    const own = await api('hotline.dc').post('/api/v1/process-instances').send({ processId: 'region-wait', variables: { key: 'y' } });
    expect(own.status).toBe(201);
    expect(own.body.regionCode).toBe(DONGCHENG);
    expect((await api('hotline.dc').get(`/api/v1/process-instances/${own.body.id}`)).status).toBe(200);
    const ownTicket = await api('hotline.dc').post('/api/v1/hotline/tickets').send({ channel: 'phone', matterCode: NOISE, text: '东城诉求', regionCode: DONGCHENG, reporter: { name: '市民', phone: '13900000004' } });
    expect(ownTicket.status).toBe(201);
  });

  test('notifications and webhooks: the feed and a town’s webhook carry only that town’s cases; a town user manages only its town’s webhooks', async () => {
    const city = (await api('hotline').post('/api/v1/notifications/webhooks').send({ url: 'https://hooks.rx12345.example/city' })).body;
    const town = (await api('hotline.dc').post('/api/v1/notifications/webhooks').send({ url: 'https://hooks.rx12345.example/dongcheng' })).body;
    // Each says the region it covers.
    expect([city.regionCode, town.regionCode]).toEqual([null, DONGCHENG]);
    const cityHook = city.id as string;
    const townHook = town.id as string;
    expect(cityHook && townHook).toBeTruthy();

    const humen = await ticket(HUMEN, 'REGION-FEED-HM');
    const dongcheng = await ticket(DONGCHENG, 'REGION-FEED-DC');
    for (const id of [humen, dongcheng]) {
      expect((await api('hotline').post(`/api/v1/process-instances/${id}/extension-requests`).send({ duration: 'P2D', reason: '需现场复核' })).status).toBe(201);
    }
    const cityFeed = (await api('hotline').get('/api/v1/notifications?limit=500')).body.items as Array<{ seq: number; processInstanceId: string }>;
    const seqsOf = (id: string) => cityFeed.filter((item) => item.processInstanceId === id).map((item) => item.seq);
    expect(seqsOf(humen).length).toBeGreaterThan(0);
    expect(seqsOf(dongcheng).length).toBeGreaterThan(0);

    for (const reader of ['hotline.dc', 'zsj.dc']) {
      const feed = (await api(reader).get('/api/v1/notifications?limit=500')).body.items as Array<{ processInstanceId: string }>;
      expect(feed.map((item) => item.processInstanceId)).toContain(dongcheng);
      expect(feed.map((item) => item.processInstanceId)).not.toContain(humen);
    }

    // One delivery per event of the cases each webhook's registrant may see (both were registered before the tickets).
    const delivered = async (user: string, hook: string) => (await api(user).get(`/api/v1/notifications/webhooks/${hook}/deliveries`)).body.items as unknown[];
    expect(await delivered('hotline', townHook)).toHaveLength(seqsOf(dongcheng).length);
    expect(await delivered('hotline', cityHook)).toHaveLength(seqsOf(humen).length + seqsOf(dongcheng).length);

    // The city-level colleague's webhook is not the town user's to see, read or delete.
    expect((await api('hotline.dc').get('/api/v1/notifications/webhooks')).body.items.map((hook: { id: string }) => hook.id)).toEqual([townHook]);
    // Not theirs is not there: 404, as for deleting it (it answered an empty list, and an unknown id did too).
    expect((await api('hotline.dc').get(`/api/v1/notifications/webhooks/${cityHook}/deliveries`)).status).toBe(404);
    expect((await api('hotline').get('/api/v1/notifications/webhooks/00000000-0000-4000-8000-000000000000/deliveries')).status).toBe(404);
    expect((await api('hotline.dc').delete(`/api/v1/notifications/webhooks/${cityHook}`)).status).toBe(404);
    expect((await api('hotline').get('/api/v1/notifications/webhooks')).body.items.map((hook: { id: string }) => hook.id)).toEqual(expect.arrayContaining([cityHook, townHook]));
    expect((await api('hotline.dc').delete(`/api/v1/notifications/webhooks/${townHook}`)).status).toBe(204);
  });

  test('督办 ledger: a town supervisor does not see the 督办 of another town’s case, in the list or the export', async () => {
    const humen = await ticket(HUMEN, 'REGION-SUP-HM');
    expect((await api('zsj').post(`/api/v1/process-instances/${humen}/supervision`).send({ reason: '群众反映强烈' })).status).toBe(201);
    const city = (await api('zsj').get('/api/v1/sla/supervisions')).body.items.map((entry: { processInstanceId: string }) => entry.processInstanceId);
    expect(city).toContain(humen);

    const town = await api('zsj.dc').get('/api/v1/sla/supervisions');
    expect(town.body.items.map((entry: { processInstanceId: string }) => entry.processInstanceId)).not.toContain(humen);
    const exported = await api('zsj.dc').get('/api/v1/sla/supervisions/export');
    expect(exported.status).toBe(200);
    expect(exported.text).not.toContain('REGION-SUP-HM');
  });
});
