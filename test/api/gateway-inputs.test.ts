import { as, createTestApp, type TestApp } from '../support/context.js';
import { definitions, serviceTask } from '../integration/durable/models.js';

// A gateway right after a task decides by a variable the person completing the task must give:
// the completion is refused (422, naming the variable and the gateway) rather than left to fail.

type Flow = [id: string, source: string, target: string, condition?: string];

const flowXml = ([id, source, target, condition]: Flow) =>
  condition
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression>${condition.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</bpmn:conditionExpression></bpmn:sequenceFlow>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`;

const model = (id: string, nodes: string[], flows: Flow[]) =>
  definitions(`<bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="Start" />
    ${nodes.join('\n    ')}
    ${flows.map(flowXml).join('\n    ')}
  </bpmn:process>`);

const acceptTask = '<bpmn:userTask id="Accept" name="受理" />';
const ends = ['<bpmn:endEvent id="End1" />', '<bpmn:endEvent id="End2" />', '<bpmn:endEvent id="End3" />'];

const direct = model('gw-direct', [acceptTask, '<bpmn:exclusiveGateway id="Decide" name="是否受理？" />', ...ends], [
  ['F0', 'Start', 'Accept'],
  ['F1', 'Accept', 'Decide'],
  ['F2', 'Decide', 'End1', '=acceptance = "受理"'],
  ['F3', 'Decide', 'End2', '=acceptance = "不予受理"'],
]);

const afterSplit = model('gw-split', [acceptTask, '<bpmn:parallelGateway id="Fork" />', '<bpmn:exclusiveGateway id="Fee" name="是否收费？" />', '<bpmn:exclusiveGateway id="Site" name="是否现场核查？" />', ...ends, '<bpmn:endEvent id="End4" />'], [
  ['F0', 'Start', 'Accept'],
  ['F1', 'Accept', 'Fork'],
  ['F2', 'Fork', 'Fee'],
  ['F3', 'Fork', 'Site'],
  ['F4', 'Fee', 'End1', '=fee > 0'],
  ['F5', 'Fee', 'End2', '=fee = 0'],
  ['F6', 'Site', 'End3', '=siteCheck'],
  ['F7', 'Site', 'End4', '=not(siteCheck) and count(applicant.sites) = 0'],
]);

const inclusive = model('gw-inclusive', [acceptTask, '<bpmn:inclusiveGateway id="Notify" name="抄送哪些部门？" />', ...ends], [
  ['F0', 'Start', 'Accept'],
  ['F1', 'Accept', 'Notify'],
  ['F2', 'Notify', 'End1', '=notifyTax = true'],
  ['F3', 'Notify', 'End2', '=some site in sites satisfies site.area > limit'],
]);

const withDefault = model('gw-default', [acceptTask, '<bpmn:exclusiveGateway id="Decide" name="是否受理？" default="F3" />', ...ends], [
  ['F0', 'Start', 'Accept'],
  ['F1', 'Accept', 'Decide'],
  ['F2', 'Decide', 'End1', '=acceptance = "受理"'],
  ['F3', 'Decide', 'End2'],
]);

const waitFirst = model('gw-wait-first', [acceptTask, '<bpmn:userTask id="Review" name="审查" />', '<bpmn:exclusiveGateway id="Decide" name="是否准予？" />', ...ends], [
  ['F0', 'Start', 'Accept'],
  ['F1', 'Accept', 'Review'],
  ['F2', 'Review', 'Decide'],
  ['F3', 'Decide', 'End1', '=granted = true'],
  ['F4', 'Decide', 'End2', '=granted = false'],
]);

const job = model('gw-job', [serviceTask('Check', 'credit-check'), '<bpmn:exclusiveGateway id="Decide" name="信用是否良好？" />', ...ends], [
  ['F0', 'Start', 'Check'],
  ['F1', 'Check', 'Decide'],
  ['F2', 'Decide', 'End1', '=creditScore >= 60'],
  ['F3', 'Decide', 'End2', '=creditScore < 60'],
]);

describe('a variable a gateway needs is required before completion', () => {
  let t: TestApp;
  let designer: string;
  let clerk: string;
  let worker: string;
  beforeAll(async () => {
    t = await createTestApp();
    designer = await t.userToken({ id: 'designer', department: 'SCJGJ', roles: ['designer'] });
    clerk = await t.userToken({ id: 'clerk', department: 'SCJGJ', roles: ['staff'] });
    worker = await t.userToken({ id: 'checker', department: 'SCJGJ', roles: ['integrator'] });
    for (const xml of [direct, afterSplit, inclusive, withDefault, waitFirst, job]) {
      const deployed = await as(t.app, designer).post('/api/v1/deployments').send({ xml });
      expect([deployed.status, deployed.body.errors]).toEqual([201, undefined]);
    }
  });
  afterAll(() => t.close());

  async function openTask(processId: string, variables: Record<string, unknown> = {}): Promise<{ instanceId: string; taskId: string }> {
    const started = await as(t.app, designer).post('/api/v1/process-instances').send({ processId, variables });
    expect(started.status).toBe(201);
    const [task] = (await as(t.app, clerk).get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`)).body.items;
    return { instanceId: started.body.id, taskId: task.id };
  }

  const complete = (taskId: string, variables: Record<string, unknown> = {}) => as(t.app, clerk).post(`/api/v1/user-tasks/${taskId}/complete`).send({ variables });
  const status = async (instanceId: string) => (await as(t.app, clerk).get(`/api/v1/process-instances/${instanceId}`)).body.status;

  test('directly after the task: refused with 422 naming the variable and the gateway, in English and Chinese; nothing moves', async () => {
    const { instanceId, taskId } = await openTask('gw-direct');
    const refused = await complete(taskId, { note: '材料齐全' });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.title).toContain("'acceptance'");
    expect(refused.body.title).toContain("'是否受理？'");
    expect(refused.body.titleZh).toContain('“是否受理？”');
    expect(refused.body.titleZh).toContain('“acceptance”');
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'gateway-needs-variable', field: '/variables/acceptance', elementId: 'Decide' })]);
    const task = await as(t.app, clerk).get(`/api/v1/user-tasks/${taskId}`);
    expect(task.body.state).toBe('created');
    expect(task.body.variables?.note).toBeUndefined();

    const done = await complete(taskId, { acceptance: '受理' });
    expect(done.status).toBe(200);
    expect(await status(instanceId)).toBe('completed');
  });

  test('a null value counts as none', async () => {
    const { taskId } = await openTask('gw-direct');
    expect((await complete(taskId, { acceptance: null })).status).toBe(422);
  });

  test('a value already in the case is enough', async () => {
    const { instanceId, taskId } = await openTask('gw-direct', { acceptance: '不予受理' });
    expect((await complete(taskId)).status).toBe(200);
    expect(await status(instanceId)).toBe('completed');
  });

  test('after a parallel split: every gateway reached is checked, paths read their root variable, names a function takes are not variables', async () => {
    const { instanceId, taskId } = await openTask('gw-split');
    const refused = await complete(taskId, { fee: 0 });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((error: { field: string; elementId: string }) => [error.elementId, error.field])).toEqual([
      ['Site', '/variables/siteCheck'],
      ['Site', '/variables/applicant'],
    ]);
    expect(refused.body.titleZh).toContain('“是否现场核查？”');
    expect(refused.body.titleZh).not.toContain('是否收费');

    expect((await complete(taskId, { fee: 0, siteCheck: true, applicant: { sites: [] } })).status).toBe(200);
    expect(await status(instanceId)).toBe('completed');
  });

  test('an inclusive gateway: names bound by the expression itself (some … in) are not asked for', async () => {
    const { taskId } = await openTask('gw-inclusive');
    const refused = await complete(taskId, { notifyTax: true });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['/variables/sites', '/variables/limit']);
    expect((await complete(taskId, { notifyTax: true, sites: [{ area: 10 }], limit: 5 })).status).toBe(200);
  });

  test('a gateway with a default flow can always go on: no refusal', async () => {
    const { instanceId, taskId } = await openTask('gw-default');
    expect((await complete(taskId)).status).toBe(200);
    expect(await status(instanceId)).toBe('completed');
  });

  test('a gateway behind another wait state is not asked for yet', async () => {
    const { taskId } = await openTask('gw-wait-first');
    expect((await complete(taskId)).status).toBe(200);
  });

  test('a job completed by a worker goes the same way', async () => {
    const started = await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'gw-job' });
    const [activated] = (await as(t.app, worker).post('/api/v1/jobs/activate').send({ type: 'credit-check', worker: 'w1', maxJobs: 1 })).body.items;
    const refused = await as(t.app, worker).post(`/api/v1/jobs/${activated.id}/complete`).send({ variables: {} });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: '/variables/creditScore', elementId: 'Decide' })]);
    expect((await as(t.app, worker).post(`/api/v1/jobs/${activated.id}/complete`).send({ variables: { creditScore: 72 } })).status).toBe(204);
    expect(await status(started.body.id)).toBe('completed');
  });
});
