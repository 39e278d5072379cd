import fs from 'node:fs';
import { fromProjectRoot } from '../../engine/index.js';
import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';

/**
 * 秒批 end to end: the sample 个体工商户登记续期 (examples/*.bpmn with its .dmn, as npm start
 * deploys them) and a catalog matter marked 秒批. A worker does 数据核验; the decision grants
 * with no person, or sends the case to 人工审查 with the rule's reason; the trail says which
 * rule of which version decided; the SLA metrics count 秒批 apart.
 */
const sampleBpmn = fs.readFileSync(fromProjectRoot('examples', 'individual-business-renewal.bpmn'), 'utf8');
const sampleDmn = fs.readFileSync(fromProjectRoot('examples', 'individual-business-renewal.dmn'), 'utf8');
const CHANGE = '4419A21005000'; // 个体工商户变更登记 (SCJGJ)

describe('秒批: 数据核验 → decision → 自动准予 or 人工审查', () => {
  let t: TestApp;
  const clock = new FakeClock();
  let designer: string;
  let worker: string;
  let reviewer: string;
  let portal: string;
  beforeAll(async () => {
    t = await createTestApp({ clock, sampleCatalog: true });
    designer = await t.userToken({ id: 'scjg-designer', department: 'SCJGJ', roles: ['designer', 'staff'] });
    worker = await t.userToken({ id: 'check-worker', department: 'SCJGJ', roles: ['integrator'] });
    reviewer = await t.userToken({ id: 'scjg-reviewer', department: 'SCJGJ', roles: ['staff', 'supervisor'], groups: ['审查科室'] });
    portal = await t.userToken({ id: 'portal', department: 'ZSJ', roles: ['integrator'] });
  });
  afterAll(() => t.close());

  /** The worker's part: verifies the licence and the abnormal-operations list, answers with `check`. */
  const verify = async (instanceId: string, check: { licenceValid: boolean; abnormal: boolean }) => {
    const activated = await as(t.app, worker).post('/api/v1/jobs/activate').send({ type: 'instant-approval-check', worker: 'licence-check', maxJobs: 10 });
    const job = activated.body.items.find((item: { processInstanceId: string }) => item.processInstanceId === instanceId);
    expect(job).toBeDefined();
    expect((await as(t.app, worker).post(`/api/v1/jobs/${job.id}/complete`).send({ variables: { check } })).status).toBe(204);
  };

  test('the sample deploys with its decision; complete data is granted by rule 5 with no person, and the trail says so', async () => {
    const deployed = await as(t.app, designer).post('/api/v1/deployments').send({ xml: sampleBpmn, decisions: [sampleDmn], name: 'individual-business-renewal.bpmn' });
    expect(deployed.status).toBe(201);
    expect(deployed.body.decisions).toEqual([expect.objectContaining({ decisionId: 'individual-business-renewal', version: 1 })]);

    const started = await as(t.app, designer)
      .post('/api/v1/process-instances')
      .send({ processId: 'individual-business-renewal', variables: { applicant: { name: '张三', age: 35 }, data: { materialsComplete: true } } });
    expect(started.status).toBe(201);
    await verify(started.body.id, { licenceValid: true, abnormal: false });

    const instance = (await as(t.app, designer).get(`/api/v1/process-instances/${started.body.id}`)).body;
    expect(instance).toMatchObject({ status: 'completed', variables: { decision: { approve: true, reason: '数据核验通过，自动准予' } } });
    expect((await as(t.app, reviewer).get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`)).body.items).toEqual([]);
    const history = (await as(t.app, designer).get(`/api/v1/process-instances/${started.body.id}/history`)).body.items;
    const evaluated = history.find((entry: { type: string }) => entry.type === 'decision.evaluated');
    expect(evaluated.data).toMatchObject({
      decisionId: 'individual-business-renewal',
      decisionName: '个体工商户登记续期秒批',
      decisionVersion: 1,
      versionTag: '2026-12',
      inputs: [
        { name: '营业执照有效', value: true },
        { name: '列入经营异常名录', value: false },
        { name: '材料齐全', value: true },
        { name: '经营者年龄', value: 35 },
      ],
      matchedRules: [{ ruleId: 'Rule_Grant', ruleIndex: 5, outputs: [{ name: 'approve', value: true }, { name: 'reason', value: '数据核验通过，自动准予' }] }],
    });
    expect(history.map((entry: { elementId: string; type: string }) => `${entry.type}:${entry.elementId}`)).toContain('element.completed:Task_Grant');
  });

  test('a failing check routes to 人工审查 with the rule’s reason', async () => {
    const started = await as(t.app, designer)
      .post('/api/v1/process-instances')
      .send({ processId: 'individual-business-renewal', variables: { applicant: { name: '李四', age: 40 }, data: { materialsComplete: true } } });
    await verify(started.body.id, { licenceValid: true, abnormal: true });
    const [task] = (await as(t.app, reviewer).get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`)).body.items;
    expect(task).toMatchObject({ elementId: 'Task_Review', name: '人工审查', candidateGroups: ['审查科室'] });
    const instance = (await as(t.app, designer).get(`/api/v1/process-instances/${started.body.id}`)).body;
    expect(instance).toMatchObject({ status: 'active', variables: { decision: { approve: false, reason: '已列入经营异常名录，转人工审查' } } });
  });

  test('a catalog matter marked 秒批 runs the 秒批 template with its decision; metrics count 秒批 apart', async () => {
    // The decision must be deployed in the department first.
    const early = await as(t.app, designer).put(`/api/v1/catalog/matters/${CHANGE}/instant-approval`).send({ decisionId: 'no-such-decision' });
    expect(early.status).toBe(422);
    expect(early.body.errors[0]).toMatchObject({ code: 'decision-not-deployed', field: '/decisionId' });
    expect((await as(t.app, designer).get(`/api/v1/catalog/matters/${CHANGE}/instant-approval`)).status).toBe(404);

    const marked = await as(t.app, designer).put(`/api/v1/catalog/matters/${CHANGE}/instant-approval`).send({ decisionId: 'individual-business-renewal' });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ matterCode: CHANGE, department: 'SCJGJ', decisionId: 'individual-business-renewal' });
    expect((await as(t.app, designer).put(`/api/v1/catalog/matters/${CHANGE}/instant-approval`).send({ decisionId: 'x', extra: 1 })).status).toBe(400);

    const startCase = (age: number) =>
      as(t.app, portal)
        .post(`/api/v1/matters/${CHANGE}/cases`)
        .send({ regionCode: '441900003', applicant: { name: '王五', age }, data: { materialsComplete: true } });
    const granted = await startCase(30);
    expect(granted.status).toBe(201);
    expect(granted.body.process).toMatchObject({ processId: 'tpl-instant-approval', department: 'SCJGJ', source: 'instant-approval' });
    expect(granted.body.instance.variables.instantApproval).toEqual({ decisionId: 'individual-business-renewal' });
    await verify(granted.body.instance.id, { licenceValid: true, abnormal: false });
    expect((await as(t.app, designer).get(`/api/v1/process-instances/${granted.body.instance.id}`)).body.status).toBe('completed');

    const minor = await startCase(16);
    await verify(minor.body.instance.id, { licenceValid: true, abnormal: false });
    const [review] = (await as(t.app, reviewer).get(`/api/v1/user-tasks?processInstanceId=${minor.body.instance.id}`)).body.items;
    expect(review).toMatchObject({ name: '人工审查' });
    clock.advance(60_000);
    expect((await as(t.app, reviewer).post(`/api/v1/user-tasks/${review.id}/complete`).send({ variables: { opinion: '监护人同意，准予' } })).status).toBe(200);

    const metrics = await as(t.app, reviewer).get(`/api/v1/metrics/sla?matterCode=${CHANGE}`);
    expect(metrics.status).toBe(200);
    expect(metrics.body.total).toMatchObject({ cases: 2, completed: 2, instant: 1, instantRate: 0.5 });

    expect((await as(t.app, designer).delete(`/api/v1/catalog/matters/${CHANGE}/instant-approval`)).status).toBe(204);
    expect((await startCase(30)).body.process.source).toBe('default-template');
  });
});
