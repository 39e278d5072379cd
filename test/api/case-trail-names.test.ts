import { as, createTestApp, type TestApp } from '../support/context.js';

/**
 * Issue 15 (Monitor, Everywhere): the case list names the applicant, the process and the department
 * and counts open incidents; an incident names its step; the trail names the people and steps its
 * data mentions; a clerk of the case's department sets the missing value and retries, and no other
 * department sees or touches any of it.
 */
const acceptanceXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="t">
  <bpmn:process id="shop-licence" name="食品经营许可" isExecutable="true">
    <bpmn:startEvent id="Start" name="收到申请" />
    <bpmn:userTask id="Task_Accept" name="受理">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="受理窗口" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="Gateway_Acceptance" name="是否受理？" />
    <bpmn:userTask id="Task_Review" name="审查">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="受理窗口" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="End_Rejected" name="不予受理" />
    <bpmn:endEvent id="End" name="办结" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Accept" />
    <bpmn:sequenceFlow id="F2" sourceRef="Task_Accept" targetRef="Gateway_Acceptance" />
    <bpmn:sequenceFlow id="Flow_Accepted" name="受理" sourceRef="Gateway_Acceptance" targetRef="Task_Review">
      <bpmn:conditionExpression>=acceptance = "受理"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Flow_Rejected" name="不予受理" sourceRef="Gateway_Acceptance" targetRef="End_Rejected">
      <bpmn:conditionExpression>=acceptance = "不予受理"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="F5" sourceRef="Task_Review" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;

describe('names in the case list, incidents fixed by the case department, a trail with names', () => {
  let t: TestApp;
  let designer: string;
  let clerk: string;
  let otherClerk: string;
  let supervisor: string;
  let instanceId: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.context.engine.staff.registerDepartments([{ code: 'SCJGJ', name: '东莞市市场监督管理局' }, { code: 'ZJJ', name: '东莞市住房和城乡建设局' }]);
    designer = await t.userToken({ id: 'designer', department: 'SCJGJ', roles: ['designer'] });
    clerk = await t.userToken({ id: 'li.ming', name: '李明', department: 'SCJGJ', roles: ['staff'], groups: ['受理窗口'] });
    otherClerk = await t.userToken({ id: 'zhang.wei', name: '张伟', department: 'ZJJ', roles: ['staff'], groups: ['受理窗口'] });
    supervisor = await t.userToken({ id: 'wang.fang', name: '王芳', department: 'ZSJ', roles: ['supervisor'] });
    expect((await as(t.app, designer).post('/api/v1/deployments').send({ xml: acceptanceXml })).status).toBe(201);
    const started = await as(t.app, designer).post('/api/v1/process-instances').send({
      processId: 'shop-licence',
      businessKey: 'SCJG-2026-000901',
      variables: { applicant: { name: '东莞市某餐饮有限公司', idNo: '91441900MA00000000' } },
    });
    expect(started.status).toBe(201);
    instanceId = started.body.id;
    // The clerk completes 受理 with a decision the gateway has no way for (a value left by an older form;
    // a decision left out entirely is refused before completion, test/api/gateway-inputs.test.ts).
    const [task] = (await as(t.app, clerk).get(`/api/v1/user-tasks?processInstanceId=${instanceId}`)).body.items;
    expect((await as(t.app, clerk).post(`/api/v1/user-tasks/${task.id}/claim`).send({ assignee: 'li.ming' })).status).toBe(200);
    expect((await as(t.app, clerk).post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: { acceptance: '待定' } })).status).toBe(200);
  });
  afterAll(() => t.close());

  test('the case list gives the applicant, process and department names and the open incident count, filtered by incident', async () => {
    const withIncidents = await as(t.app, clerk).get('/api/v1/process-instances?incident=true');
    expect(withIncidents.status).toBe(200);
    expect(withIncidents.body.items).toHaveLength(1);
    expect(withIncidents.body.items[0]).toMatchObject({
      id: instanceId,
      businessKey: 'SCJG-2026-000901',
      applicantName: '东莞市某餐饮有限公司',
      processName: '食品经营许可',
      department: 'SCJGJ',
      openIncidents: 1,
    });
    expect(withIncidents.body.items[0].departmentName).toBe('东莞市市场监督管理局');
    expect((await as(t.app, clerk).get('/api/v1/process-instances?incident=false')).body.items.map((item: { id: string }) => item.id)).not.toContain(instanceId);
    // Another department's clerk sees none of it; a supervisor (政数局) sees every department's incidents.
    expect((await as(t.app, otherClerk).get('/api/v1/process-instances?incident=true')).body.items).toEqual([]);
    expect((await as(t.app, supervisor).get('/api/v1/process-instances?incident=true')).body.items).toEqual([expect.objectContaining({ id: instanceId, openIncidents: 1, applicantName: '东莞市某餐饮有限公司' })]);
  });

  test('an incident names its step; only the case department sees it', async () => {
    const incidents = await as(t.app, clerk).get(`/api/v1/incidents?processInstanceId=${instanceId}`);
    expect(incidents.status).toBe(200);
    expect(incidents.body.items).toHaveLength(1);
    expect(incidents.body.items[0]).toMatchObject({ elementId: 'Gateway_Acceptance', elementName: '是否受理？', errorType: 'NO_FLOW_TAKEN' });
    const single = await as(t.app, clerk).get(`/api/v1/incidents/${incidents.body.items[0].id}`);
    expect(single.body.elementName).toBe('是否受理？');
    expect((await as(t.app, otherClerk).get(`/api/v1/incidents/${incidents.body.items[0].id}`)).status).toBe(404);
    expect((await as(t.app, otherClerk).get(`/api/v1/incidents?processInstanceId=${instanceId}`)).body.items).toEqual([]);
  });

  test('another department may not set the missing value or retry; the case department may, and the trail says who', async () => {
    const [incident] = (await as(t.app, clerk).get(`/api/v1/incidents?processInstanceId=${instanceId}`)).body.items;
    expect((await as(t.app, otherClerk).post(`/api/v1/process-instances/${instanceId}/variables`).send({ variables: { acceptance: '受理' } })).status).toBe(404);
    expect((await as(t.app, otherClerk).post(`/api/v1/incidents/${incident.id}/resolve`).send({})).status).toBe(404);
    // The supervisor reads but does not write another department's case data.
    expect((await as(t.app, supervisor).post(`/api/v1/process-instances/${instanceId}/variables`).send({ variables: { acceptance: '受理' } })).status).toBe(403);

    const set = await as(t.app, clerk).post(`/api/v1/process-instances/${instanceId}/variables`).send({ variables: { acceptance: '受理' } });
    expect(set.status).toBe(200);
    const resolved = await as(t.app, clerk).post(`/api/v1/incidents/${incident.id}/resolve`).send({});
    expect(resolved.status).toBe(200);
    const instance = (await as(t.app, clerk).get(`/api/v1/process-instances/${instanceId}`)).body;
    expect(instance.openIncidents).toBe(0);
    expect(instance.activeElements.map((element: { name: string }) => element.name)).toEqual(['审查']);

    const trail = (await as(t.app, clerk).get(`/api/v1/process-instances/${instanceId}/history`)).body.items as Array<{ type: string; actor: string; actorName: string | null; names: Record<string, string>; data: Record<string, unknown> | null }>;
    const claimed = trail.find((event) => event.type === 'userTask.claimed')!;
    expect(claimed.data).toMatchObject({ assignee: 'li.ming' });
    expect(claimed.names).toEqual({ 'li.ming': '李明' });
    const fixed = trail.filter((event) => event.type === 'variables.set').at(-1)!;
    expect(fixed).toMatchObject({ actor: 'li.ming', actorName: '李明', data: { variables: { acceptance: '受理' } } });
    expect(trail.find((event) => event.type === 'incident.resolved')).toMatchObject({ actor: 'li.ming', actorName: '李明' });
    // The other department does not read the trail at all.
    expect((await as(t.app, otherClerk).get(`/api/v1/process-instances/${instanceId}/history`)).status).toBe(404);
  });
});
