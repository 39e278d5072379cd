import fs from 'node:fs';
import request from 'supertest';
import { as, createTestApp, PERMIT_POSTS, type TestApp } from '../support/context.js';

const permitXml = fs.readFileSync(new URL('../../examples/administrative-permit.bpmn', import.meta.url), 'utf8');

describe('the spine over HTTP: deploy, start, work the tasks, read the trail', () => {
  let t: TestApp;
  let designer: string;
  let staff: string;
  let integrator: string;
  let otherDepartment: string;

  beforeAll(async () => {
    t = await createTestApp();
    designer = await t.userToken({ id: 'designer1', department: 'SCJGJ', roles: ['designer'] });
    staff = await t.userToken({ id: 'staff1', department: 'SCJGJ', roles: ['staff'], groups: PERMIT_POSTS });
    integrator = await t.userToken({ id: 'portal', department: 'SCJGJ', roles: ['integrator'] });
    otherDepartment = await t.userToken({ id: 'zjj1', department: 'ZJJ', roles: ['staff', 'integrator', 'designer'] });
  });
  afterAll(() => t.close());

  test('a department deploys, an integrator starts, staff complete every step, the trail is complete', async () => {
    const deployed = await as(t.app, designer).post('/api/v1/deployments').send({ xml: permitXml, name: 'permit.bpmn' });
    expect(deployed.status).toBe(201);
    expect(deployed.body.definitions).toHaveLength(1);
    expect(deployed.body.definitions[0]).toMatchObject({ processId: 'administrative-permit', version: 1, department: 'SCJGJ' });

    const again = await as(t.app, designer).post('/api/v1/deployments').send({ xml: permitXml });
    expect(again.status).toBe(200);
    expect(again.body.unchanged).toBe(true);
    expect(again.body.definitions[0].version).toBe(1);

    const started = await as(t.app, integrator)
      .post('/api/v1/process-instances')
      .send({ processId: 'administrative-permit', businessKey: 'SP-2025-001', variables: { applicant: '东莞某餐饮有限公司', amount: 3 } });
    expect(started.status).toBe(201);
    const instanceId = started.body.id as string;
    expect(started.body.activeElements).toEqual([expect.objectContaining({ elementId: 'Task_Accept', name: '受理', elementType: 'userTask' })]);

    const path: Array<[string, Record<string, unknown>]> = [
      ['受理', { acceptance: '补正' }],
      ['一次性告知补正材料', { supplemented: true }],
      ['受理', { acceptance: '受理' }],
      ['审查', { reviewOpinion: '材料齐全' }],
      ['决定', { decision: '准予许可' }],
      ['送达', {}],
    ];
    for (const [name, variables] of path) {
      const inbox = await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${instanceId}`);
      expect(inbox.status).toBe(200);
      expect(inbox.body.items.map((task: { name: string }) => task.name)).toEqual([name]);
      const task = inbox.body.items[0];
      expect(task.department).toBe('SCJGJ');
      const claimed = await as(t.app, staff).post(`/api/v1/user-tasks/${task.id}/claim`).send({});
      expect(claimed.body.assignee).toBe('staff1');
      const done = await as(t.app, staff).post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables });
      expect(done.status).toBe(200);
      expect(done.body.state).toBe('completed');
    }

    const finished = await as(t.app, integrator).get(`/api/v1/process-instances/${instanceId}`);
    expect(finished.body.status).toBe('completed');
    expect(finished.body.activeElements).toEqual([]);
    expect(finished.body.variables).toMatchObject({ applicant: '东莞某餐饮有限公司', acceptance: '受理', decision: '准予许可' });

    const history = await as(t.app, integrator).get(`/api/v1/process-instances/${instanceId}/history`);
    const types = history.body.items.map((event: { type: string }) => event.type);
    expect(types[0]).toBe('instance.started');
    expect(types[types.length - 1]).toBe('instance.completed');
    const taken = history.body.items.filter((event: { type: string }) => event.type === 'sequenceFlow.taken').map((event: { elementId: string }) => event.elementId);
    expect(taken).toEqual(expect.arrayContaining(['Flow_NeedsSupplement', 'Flow_Resubmitted', 'Flow_Accepted', 'Flow_ToDone']));
    expect(taken).not.toContain('Flow_Rejected');
    const completions = history.body.items.filter((event: { type: string }) => event.type === 'userTask.completed');
    expect(completions).toHaveLength(6);
    expect(completions.every((event: { actor: string }) => event.actor === 'staff1')).toBe(true);
  });

  test('the default flow is taken when no condition holds (不予受理)', async () => {
    const started = await as(t.app, integrator).post('/api/v1/process-instances').send({ processId: 'administrative-permit' });
    const [task] = (await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`)).body.items;
    await as(t.app, staff).post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: { acceptance: '不予受理' } });
    const history = await as(t.app, staff).get(`/api/v1/process-instances/${started.body.id}/history`);
    expect(history.body.items.map((event: { elementId: string }) => event.elementId)).toContain('End_NotAccepted');
    expect((await as(t.app, staff).get(`/api/v1/process-instances/${started.body.id}`)).body.status).toBe('completed');
  });

  test('another department sees none of it', async () => {
    const started = await as(t.app, integrator).post('/api/v1/process-instances').send({ processId: 'administrative-permit' });
    const other = as(t.app, otherDepartment);
    expect((await other.get(`/api/v1/process-instances/${started.body.id}`)).status).toBe(404);
    expect((await other.get('/api/v1/process-definitions')).body.items).toEqual([]);
    expect((await other.get('/api/v1/user-tasks')).body.items).toEqual([]);
    const [task] = (await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`)).body.items;
    const stolen = await other.post(`/api/v1/user-tasks/${task.id}/complete`).send({});
    expect(stolen.status).toBe(404);
    expect(stolen.body).not.toHaveProperty('items');
    const startOther = await other.post('/api/v1/process-instances').send({ processId: 'administrative-permit' });
    expect(startOther.status).toBe(404);
  });

  test('cases can be listed by matter and, within what one may see, by department', async () => {
    const food = await as(t.app, integrator).post('/api/v1/process-instances').send({ processId: 'administrative-permit', variables: { matterCode: '4419A21012000' } });
    await as(t.app, integrator).post('/api/v1/process-instances').send({ processId: 'administrative-permit', variables: { matterCode: 'OTHER' } });
    const byMatter = await as(t.app, integrator).get('/api/v1/process-instances?matterCode=4419A21012000');
    expect(byMatter.body.items.map((instance: { id: string }) => instance.id)).toEqual([food.body.id]);
    expect((await as(t.app, integrator).get('/api/v1/process-instances?department=SCJGJ')).body.items.length).toBeGreaterThan(1);
    // Naming another department returns nothing rather than that department's cases.
    expect((await as(t.app, otherDepartment).get('/api/v1/process-instances?department=SCJGJ')).body.items).toEqual([]);
  });

  test('health and the OpenAPI document need no token; everything else does', async () => {
    expect((await request(t.app).get('/api/v1/health')).body.status).toBe('ok');
    const doc = await request(t.app).get('/api/v1/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/deployments', '/process-instances/{id}', '/user-tasks/{id}/complete', '/forms', '/user-tasks/{id}/form']));
    const anonymous = await request(t.app).get('/api/v1/user-tasks');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
