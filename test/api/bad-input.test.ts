import fs from 'node:fs';
import request from 'supertest';
import { as, createTestApp, PERMIT_POSTS, type TestApp } from '../support/context.js';

const permitXml = fs.readFileSync(new URL('../../examples/administrative-permit.bpmn', import.meta.url), 'utf8');
const BPMN = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

function processXml(body: string, executable = true): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions ${BPMN} id="D" targetNamespace="t">\n<bpmn:process id="p" isExecutable="${executable}">\n${body}\n</bpmn:process>\n</bpmn:definitions>`;
}

describe('bad input: a clear problem+json, nothing half-written, the server stays up', () => {
  let t: TestApp;
  let designer: string;
  let staff: string;
  let otherStaff: string;

  beforeAll(async () => {
    t = await createTestApp();
    designer = await t.userToken({ id: 'designer', department: 'SCJGJ', roles: ['designer', 'integrator'] });
    staff = await t.userToken({ id: 'staff-a', department: 'SCJGJ', roles: ['staff'], groups: PERMIT_POSTS });
    otherStaff = await t.userToken({ id: 'staff-b', department: 'SCJGJ', roles: ['staff'], groups: PERMIT_POSTS });
    await as(t.app, designer).post('/api/v1/deployments').send({ xml: permitXml });
  });
  afterAll(() => t.close());

  async function deploy(xml: string) {
    const response = await as(t.app, designer).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(xml);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    return response;
  }

  test('malformed XML names its line and column', async () => {
    const response = await deploy(processXml('<bpmn:startEvent id="s">\n</bpmn:process>'));
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ code: 'xml.malformed', line: expect.any(Number), column: expect.any(Number) });
    expect(response.body.titleZh).toBe('模型无法部署');
  });

  test('a DOCTYPE or entity is refused before parsing (no XXE, no entity expansion)', async () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<bpmn:definitions ${BPMN} id="D"><bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="s" name="&xxe;"/></bpmn:process></bpmn:definitions>`;
    const response = await deploy(xml);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ code: 'xml.doctype', line: 2 })]);
  });

  test('each element the engine does not execute is named', async () => {
    const response = await deploy(
      processXml(`<bpmn:startEvent id="s"/><bpmn:complexGateway id="cx"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="cx"/>
<bpmn:complexGateway id="cx2"/>`),
    );
    expect(response.status).toBe(422);
    const ids = response.body.errors.map((error: { elementId: string }) => error.elementId);
    expect(ids).toEqual(expect.arrayContaining(['cx', 'cx2']));
    expect(response.body.errors.find((error: { elementId: string }) => error.elementId === 'cx').messageZh).toMatch(/复杂网关|cx/);
  });

  test('a duplicate element id is named', async () => {
    const response = await deploy(processXml('<bpmn:startEvent id="s"/><bpmn:endEvent id="s"/>'));
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'bpmn.duplicateId', elementId: 's' })]));
  });

  test('a condition that is not valid FEEL names its flow, and the line and column of its start tag in the file', async () => {
    const xml = processXml(`<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g" default="f3"/><bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
  <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e1"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=amount &gt; </bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="e2"/>`);
    const response = await deploy(xml);
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'feel.syntax', elementId: 'f2' })]));
    expect(response.body.errors.every((error: { elementId: string }) => error.elementId === 'f2')).toBe(true);
    const lines = xml.split('\n');
    const line = lines.findIndex((text) => text.includes('id="f2"'));
    expect(response.body.errors[0]).toMatchObject({ line: line + 1, column: lines[line].indexOf('<bpmn:sequenceFlow') + 1 });
  });

  test('a problem found after compiling (a step handled by a department that does not exist) names its line too', async () => {
    const xml = processXml(`<bpmn:startEvent id="s"/>
    <bpmn:userTask id="review" name="审查">
      <bpmn:extensionElements><gov:handling xmlns:gov="http://matterflow.dev/schema/gov/1.0" department="NO-SUCH-DEPT" /></bpmn:extensionElements>
    </bpmn:userTask>
<bpmn:endEvent id="e"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review"/><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e"/>`);
    const response = await deploy(xml);
    expect(response.status).toBe(422);
    const lines = xml.split('\n');
    const line = lines.findIndex((text) => text.includes('id="review"'));
    expect(response.body.errors).toEqual([expect.objectContaining({ code: 'handling.unknown', elementId: 'review', line: line + 1, column: 5 })]);
  });

  test('a file with no executable process is refused', async () => {
    const response = await deploy(processXml('<bpmn:startEvent id="s"/>', false));
    expect(response.status).toBe(422);
    expect(response.body.errors[0].code).toBe('deployment.noExecutableProcess');
  });

  test('variables that are not a JSON object get a pointer', async () => {
    const response = await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'administrative-permit', variables: [1, 2] });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/body/variables' })]);
  });

  test('malformed JSON and an over-size body are 4xx problems', async () => {
    const malformed = await as(t.app, designer).post('/api/v1/process-instances').set('Content-Type', 'application/json').send('{"processId": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/problem\+json/);
    const huge = await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'administrative-permit', variables: { blob: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect(huge.body.titleZh).toBe('请求体超过大小限制');
  });

  test('unknown definitions, instances and tasks are 404 problems', async () => {
    for (const path of ['/api/v1/process-definitions/00000000-0000-4000-8000-000000000000', '/api/v1/process-instances/not-a-uuid', '/api/v1/process-instances/00000000-0000-4000-8000-000000000000/history']) {
      const response = await as(t.app, designer).get(path);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await as(t.app, staff).post('/api/v1/user-tasks/00000000-0000-4000-8000-000000000000/complete').send({})).status).toBe(404);
    expect((await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'no-such-process' })).status).toBe(404);
  });

  test('completing a completed task, or one another user claimed, is a 409 and changes nothing', async () => {
    const started = await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'administrative-permit' });
    const [task] = (await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`)).body.items;
    expect((await as(t.app, staff).post(`/api/v1/user-tasks/${task.id}/claim`).send({})).status).toBe(200);
    const byOther = await as(t.app, otherStaff).post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: { acceptance: '受理' } });
    expect(byOther.status).toBe(409);
    expect(byOther.body.titleZh).toMatch(/staff-a/);
    expect((await as(t.app, otherStaff).post(`/api/v1/user-tasks/${task.id}/claim`).send({})).status).toBe(409);

    const historyBefore = (await as(t.app, designer).get(`/api/v1/process-instances/${started.body.id}/history`)).body.items.length;
    expect((await as(t.app, staff).post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: { acceptance: '受理' } })).status).toBe(200);
    const twice = await as(t.app, staff).post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: { acceptance: '不予受理' } });
    expect(twice.status).toBe(409);
    const instance = await as(t.app, designer).get(`/api/v1/process-instances/${started.body.id}`);
    expect(instance.body.variables.acceptance).toBe('受理');
    expect(instance.body.activeElements.map((element: { elementId: string }) => element.elementId)).toEqual(['Task_Review']);
    const historyAfter = (await as(t.app, designer).get(`/api/v1/process-instances/${started.body.id}/history`)).body.items.length;
    expect(historyAfter).toBeGreaterThan(historyBefore);
  });

  test('a failed deployment writes nothing, and the server still answers', async () => {
    const before = (await as(t.app, designer).get('/api/v1/process-definitions')).body.items.length;
    await deploy(processXml('<bpmn:startEvent id="s"/><bpmn:complexGateway id="cx"/>'));
    expect((await as(t.app, designer).get('/api/v1/process-definitions')).body.items.length).toBe(before);
    expect((await request(t.app).get('/api/v1/health')).status).toBe(200);
  });

  test('a token with too few rights gets 403, an unknown endpoint 404, both as problems', async () => {
    const forbidden = await as(t.app, staff).post('/api/v1/deployments').send({ xml: permitXml });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.titleZh).toMatch(/角色/);
    const missing = await as(t.app, staff).get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
  });
});
