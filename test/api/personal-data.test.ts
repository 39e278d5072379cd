import { as, createTestApp, type TestApp } from '../support/context.js';
import { definitions } from '../integration/durable/models.js';

// ID and phone numbers are masked in every case, task and trail the API gives; staff working the
// case reveal one value at a time, on the record.

const permit = definitions(`<bpmn:process id="masked-permit" name="食品经营许可" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:userTask id="Accept" name="受理"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="受理窗口" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Accept" />
    <bpmn:sequenceFlow id="F2" sourceRef="Accept" targetRef="End" />
  </bpmn:process>`);

const APPLICANT = { applicant: '陈某', applicantIdNo: '440105199001011234', applicantPhone: '13800138000', agent: { name: '李某', mobile: '13912345678', certNo: 'A1234567' }, amount: 3 };

describe('masked personal data', () => {
  let t: TestApp;
  let designer: string;
  let clerk: string;
  let supervisor: string;
  let outsider: string;
  let instanceId: string;
  beforeAll(async () => {
    t = await createTestApp();
    designer = await t.userToken({ id: 'designer', department: 'SCJGJ', roles: ['designer', 'integrator'] });
    clerk = await t.userToken({ id: 'clerk', department: 'SCJGJ', roles: ['staff'], groups: ['受理窗口'] });
    supervisor = await t.userToken({ id: 'inspector', department: 'ZSJ', roles: ['supervisor'] });
    outsider = await t.userToken({ id: 'zjj-clerk', department: 'ZJJ', roles: ['staff'] });
    expect((await as(t.app, designer).post('/api/v1/deployments').send({ xml: permit })).status).toBe(201);
    const started = await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'masked-permit', variables: APPLICANT });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
  });
  afterAll(() => t.close());

  test('the case, its task and its trail show ID and phone numbers masked, whoever asks; other data in clear', async () => {
    const expected = { applicant: '陈某', applicantIdNo: '4401**********1234', applicantPhone: '138****8000', agent: { name: '李某', mobile: '139****5678', certNo: '********' }, amount: 3 };
    for (const token of [clerk, supervisor, designer]) {
      expect((await as(t.app, token).get(`/api/v1/process-instances/${instanceId}`)).body.variables).toEqual(expected);
    }
    const [task] = (await as(t.app, clerk).get(`/api/v1/user-tasks?processInstanceId=${instanceId}`)).body.items;
    expect((await as(t.app, clerk).get(`/api/v1/user-tasks/${task.id}`)).body.variables).toMatchObject(expected);
    const trail = JSON.stringify((await as(t.app, supervisor).get(`/api/v1/process-instances/${instanceId}/history`)).body.items);
    expect(trail).toContain('4401**********1234');
    expect(trail).not.toContain('440105199001011234');
    expect(trail).not.toContain('13800138000');
  });

  test('staff of the department working the case reveal one value; the trail records who, which and why, never the value', async () => {
    const revealed = await as(t.app, clerk).post(`/api/v1/process-instances/${instanceId}/personal-data/reveal`).send({ path: 'applicantIdNo', reason: '核对身份证原件' });
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ path: 'applicantIdNo', value: '440105199001011234' });
    const nested = await as(t.app, clerk).post(`/api/v1/process-instances/${instanceId}/personal-data/reveal`).send({ path: 'agent.mobile' });
    expect(nested.body.value).toBe('13912345678');

    const trail = (await as(t.app, clerk).get(`/api/v1/process-instances/${instanceId}/history`)).body.items as Array<{ type: string; actor: string; data: Record<string, unknown> }>;
    const reveals = trail.filter((event) => event.type === 'personalData.revealed');
    expect(reveals.map((event) => [event.actor, event.data])).toEqual([
      ['clerk', { path: 'applicantIdNo', reason: '核对身份证原件' }],
      ['clerk', { path: 'agent.mobile' }],
    ]);
    expect(JSON.stringify(trail)).not.toContain('440105199001011234');
  });

  test('a supervisor (reads every case) is refused, another department sees no case, a non-personal value is not revealed', async () => {
    const bySupervisor = await as(t.app, supervisor).post(`/api/v1/process-instances/${instanceId}/personal-data/reveal`).send({ path: 'applicantIdNo' });
    expect(bySupervisor.status).toBe(403);
    expect(JSON.stringify(bySupervisor.body)).not.toContain('440105199001011234');
    const byOutsider = await as(t.app, outsider).post(`/api/v1/process-instances/${instanceId}/personal-data/reveal`).send({ path: 'applicantIdNo' });
    expect(byOutsider.status).toBe(404);
    const plain = await as(t.app, clerk).post(`/api/v1/process-instances/${instanceId}/personal-data/reveal`).send({ path: 'amount' });
    expect(plain.status).toBe(422);
    expect(plain.body.errors[0]).toMatchObject({ code: 'not-personal-data', field: '/path' });
    const missing = await as(t.app, clerk).post(`/api/v1/process-instances/${instanceId}/personal-data/reveal`).send({ path: 'spouseIdNo' });
    expect(missing.status).toBe(404);
    const reveals = ((await as(t.app, clerk).get(`/api/v1/process-instances/${instanceId}/history`)).body.items as Array<{ type: string }>).filter((event) => event.type === 'personalData.revealed');
    expect(reveals).toHaveLength(2);
  });

  test('a masked value sent back unchanged is refused, naming the field, and the clear value stays; a new value is written', async () => {
    const [task] = (await as(t.app, clerk).get(`/api/v1/user-tasks?processInstanceId=${instanceId}`)).body.items;
    const shown = (await as(t.app, clerk).get(`/api/v1/user-tasks/${task.id}`)).body.variables as typeof APPLICANT;
    const echoed = await as(t.app, clerk).post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: { applicantIdNo: shown.applicantIdNo, agent: shown.agent } });
    expect(echoed.status).toBe(422);
    expect(echoed.headers['content-type']).toContain('application/problem+json');
    expect(echoed.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['/variables/agent/certNo', '/variables/agent/mobile', '/variables/applicantIdNo']);
    expect(echoed.body.detailZh ?? echoed.body.titleZh ?? JSON.stringify(echoed.body)).toContain('遮蔽');
    const viaVariables = await as(t.app, designer).post(`/api/v1/process-instances/${instanceId}/variables`).send({ variables: { applicantPhone: shown.applicantPhone } });
    expect(viaVariables.status).toBe(422);
    const clear = await as(t.app, clerk).post(`/api/v1/process-instances/${instanceId}/personal-data/reveal`).send({ path: 'applicantIdNo', reason: '核对' });
    expect(clear.body.value).toBe('440105199001011234');

    const changed = await as(t.app, designer).post(`/api/v1/process-instances/${instanceId}/variables`).send({ variables: { applicantPhone: '13700137000' } });
    expect(changed.status).toBe(200);
    expect(changed.body.variables.applicantPhone).toBe('137****7000');
  });
});
