import { as, createTestApp, PERMIT_POSTS, type TestApp } from '../support/context.js';
import { definitions, end, process, start, userTask } from '../integration/durable/models.js';

const steps = (tasks: string[]) =>
  process(
    'steps',
    [start(), ...tasks.map((task) => userTask(task)), end()].join('\n'),
    [['F0', 'Start', tasks[0]], ...tasks.slice(1).map((task, index): [string, string, string] => [`F${index + 1}`, tasks[index], task]), ['FEnd', tasks[tasks.length - 1], 'End']],
  );

const waiting = definitions(
  `<bpmn:process id="waiting" isExecutable="true">
    ${start()}
    <bpmn:receiveTask id="Await" messageRef="Msg_Done" />
    <bpmn:intermediateCatchEvent id="AwaitSignal"><bpmn:signalEventDefinition signalRef="Sig_Go" /></bpmn:intermediateCatchEvent>
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Await" />
    <bpmn:sequenceFlow id="F2" sourceRef="Await" targetRef="AwaitSignal" />
    <bpmn:sequenceFlow id="F3" sourceRef="AwaitSignal" targetRef="End" />
  </bpmn:process>`,
  `<bpmn:message id="Msg_Done" name="done"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNo" /></bpmn:extensionElements></bpmn:message>
  <bpmn:signal id="Sig_Go" name="go" />`,
);

describe('instance operations, messages and signals over HTTP', () => {
  let t: TestApp;
  let designer: string;
  let integrator: string;
  let supervisor: string;
  let staff: string;
  let outsider: string;
  beforeAll(async () => {
    t = await createTestApp();
    designer = await t.userToken({ id: 'designer', department: 'SCJGJ', roles: ['designer'] });
    integrator = await t.userToken({ id: 'portal', department: 'SCJGJ', roles: ['integrator'] });
    supervisor = await t.userToken({ id: 'ops', department: 'SCJGJ', roles: ['supervisor'] });
    staff = await t.userToken({ id: 'clerk', department: 'SCJGJ', roles: ['staff'], groups: PERMIT_POSTS });
    outsider = await t.userToken({ id: 'zjj', department: 'ZJJ', roles: ['designer', 'integrator', 'staff'] });
    for (const xml of [steps(['Accept', 'Examine']), waiting]) expect((await as(t.app, designer).post('/api/v1/deployments').send({ xml })).status).toBe(201);
  });
  afterAll(() => t.close());

  const startSteps = async () => (await as(t.app, integrator).post('/api/v1/process-instances').send({ processId: 'steps' })).body;

  test('suspend, refuse work, resume; set variables; cancel; each only in the own department', async () => {
    const instance = await startSteps();
    const path = `/api/v1/process-instances/${instance.id}`;
    const reason = { reason: '申请人要求暂缓办理' };
    expect((await as(t.app, outsider).post(`${path}/suspend`).send(reason)).status).toBe(404);
    // 挂起 needs its reason; the department's own staff may then suspend.
    const unexplained = await as(t.app, staff).post(`${path}/suspend`).send({});
    expect(unexplained.status).toBe(400);
    expect(JSON.stringify(unexplained.body)).toContain('reason');
    expect((await as(t.app, supervisor).post(`${path}/suspend`).send(reason)).body.status).toBe('suspended');
    const [task] = (await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${instance.id}`)).body.items;
    const refused = await as(t.app, staff).post(`/api/v1/user-tasks/${task.id}/complete`).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.titleZh).toContain('挂起');
    expect((await as(t.app, supervisor).post(`${path}/resume`).send({ reason: '恢复办理' })).body.status).toBe('active');

    const noVariables = await as(t.app, supervisor).post(`${path}/variables`).send({ variables: {} });
    expect(noVariables.status).toBe(400);
    const set = await as(t.app, supervisor).post(`${path}/variables`).send({ variables: { fee: 20 } });
    expect(set.body.variables).toEqual({ fee: 20 });

    const canceled = await as(t.app, integrator).post(`${path}/cancel`).send({ reason: '申请人撤回申请' });
    expect(canceled.body.status).toBe('canceled');
    expect((await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${instance.id}`)).body.items).toEqual([]);
    expect((await as(t.app, integrator).post(`${path}/cancel`).send({ reason: '再次终止' })).status).toBe(409);
  });

  test('modification moves the token back; migration maps elements to a new version; bad input names the problem', async () => {
    const instance = await startSteps();
    const path = `/api/v1/process-instances/${instance.id}`;
    const [accept] = (await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${instance.id}`)).body.items;
    await as(t.app, staff).post(`/api/v1/user-tasks/${accept.id}/complete`).send({});
    const examining = (await as(t.app, supervisor).get(path)).body.activeElements[0];
    expect(examining.elementId).toBe('Examine');

    expect((await as(t.app, designer).post(`${path}/modification`).send({})).status).toBe(400);
    const unknown = await as(t.app, designer).post(`${path}/modification`).send({ activate: [{ elementId: 'Nowhere' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ elementId: 'Nowhere' });
    const moved = await as(t.app, designer).post(`${path}/modification`).send({ terminate: [examining.elementInstanceId], activate: [{ elementId: 'Accept' }] });
    expect(moved.status).toBe(200);
    expect(moved.body.activeElements.map((element: { elementId: string }) => element.elementId)).toEqual(['Accept']);

    const v2 = (await as(t.app, designer).post('/api/v1/deployments').send({ xml: steps(['Receive', 'Examine']) })).body.definitions[0];
    const badMapping = await as(t.app, designer).post(`${path}/migration`).send({ targetDefinitionId: v2.id, mappings: [{ source: 'Accept', target: 'Missing' }] });
    expect(badMapping.status).toBe(422);
    expect(badMapping.body.errors[0].message).toContain('/mappings/0/target');
    expect((await as(t.app, designer).post(`${path}/migration`).send({ targetDefinitionId: 'x', mappings: [] })).body.errors[0].pointer).toBe('/body/targetDefinitionId');
    const migrated = await as(t.app, designer).post(`${path}/migration`).send({ targetDefinitionId: v2.id, mappings: [{ source: 'Accept', target: 'Receive' }] });
    expect(migrated.status).toBe(200);
    expect(migrated.body).toMatchObject({ version: 2, activeElements: [expect.objectContaining({ elementId: 'Receive' })] });
  });

  test('messages: correlated, refused with 404 when nobody waits and no TTL, buffered with TTL, idempotent by messageId; signals stay in the department', async () => {
    const instance = (await as(t.app, integrator).post('/api/v1/process-instances').send({ processId: 'waiting', variables: { caseNo: 'C-1' } })).body;
    const nobody = await as(t.app, integrator).post('/api/v1/messages').send({ name: 'done', correlationKey: 'C-404' });
    expect(nobody.status).toBe(404);
    expect(nobody.body.title).toContain('C-404');
    expect(nobody.body.titleZh).toContain('timeToLiveMs');
    const buffered = await as(t.app, integrator).post('/api/v1/messages').send({ name: 'done', correlationKey: 'C-404', timeToLiveMs: 60_000 });
    expect(buffered.body.buffered).toMatchObject({ expiresAt: expect.any(String) });
    expect((await as(t.app, integrator).post('/api/v1/messages').send({ name: 'done' })).body.errors[0].pointer).toBe('/body/correlationKey');

    const first = await as(t.app, integrator).post('/api/v1/messages').send({ name: 'done', correlationKey: 'C-1', messageId: 'm-1', variables: { ok: true } });
    expect(first.body.correlated).toEqual([{ processInstanceId: instance.id, elementId: 'Await' }]);
    const repeat = await as(t.app, integrator).post('/api/v1/messages').send({ name: 'done', correlationKey: 'C-1', messageId: 'm-1' });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ duplicate: true, correlated: first.body.correlated });

    const elsewhere = await as(t.app, outsider).post('/api/v1/signals').send({ name: 'go' });
    expect(elsewhere.body).toEqual({ triggered: [], started: [] });
    const signaled = await as(t.app, integrator).post('/api/v1/signals').send({ name: 'go' });
    expect(signaled.body.triggered).toEqual([{ processInstanceId: instance.id, elementId: 'AwaitSignal' }]);
    expect((await as(t.app, integrator).get(`/api/v1/process-instances/${instance.id}`)).body.status).toBe('completed');
  });
});
