// Which version a call activity starts (zeebe:calledElement bindingType, as in Camunda 8): the latest, the one
// deployed together with the calling process, or the newest with a version tag; a binding that finds none is an
// incident that names it, and a binding the engine does not know is refused at deployment.
import { definitions } from '../integration/durable/models.js';
import { as, createTestApp, type TestApp } from '../support/context.js';

/** The called process: one user task, named after its version so a test sees which one ran. */
function inspection(label: string, tag?: string): string {
  const extension = tag ? `<bpmn:extensionElements><zeebe:versionTag value="${tag}" /></bpmn:extensionElements>` : '';
  return `<bpmn:process id="site-inspection" isExecutable="true">${extension}
    <bpmn:startEvent id="InspectionStart" /><bpmn:userTask id="Inspect" name="现场核查 ${label}" /><bpmn:endEvent id="InspectionEnd" />
    <bpmn:sequenceFlow id="InspectionF1" sourceRef="InspectionStart" targetRef="Inspect" /><bpmn:sequenceFlow id="InspectionF2" sourceRef="Inspect" targetRef="InspectionEnd" />
  </bpmn:process>`;
}

/**
 * A calling process whose call activity binds the called one as `binding` says (attributes of zeebe:calledElement).
 * Its ids carry `key`, since ids are unique in a file that holds several processes.
 */
function licence(processId: string, binding: string, key = ''): string {
  return `<bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="Start${key}" />
    <bpmn:callActivity id="Inspection${key}" name="现场核查"><bpmn:extensionElements><zeebe:calledElement processId="site-inspection" ${binding} /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:endEvent id="End${key}" />
    <bpmn:sequenceFlow id="F1${key}" sourceRef="Start${key}" targetRef="Inspection${key}" /><bpmn:sequenceFlow id="F2${key}" sourceRef="Inspection${key}" targetRef="End${key}" />
  </bpmn:process>`;
}

describe('a call activity starts the version its binding names', () => {
  let t: TestApp;
  let clerk: string;
  const deploy = (xml: string) => as(t.app, clerk).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(xml);

  /** Starts `processId` and says which version of the called process its child runs (by the task the child opened). */
  async function childTaskOf(processId: string): Promise<{ caseId: string; taskNames: string[] }> {
    const caseId = (await as(t.app, clerk).post('/api/v1/process-instances').send({ processId, variables: {} }).expect(201)).body.id as string;
    const children = (await as(t.app, clerk).get(`/api/v1/process-instances/${caseId}/children`).expect(200)).body.items as Array<{ id: string }>;
    const taskNames: string[] = [];
    for (const child of children) {
      const tasks = (await as(t.app, clerk).get(`/api/v1/user-tasks?processInstanceId=${child.id}`).expect(200)).body.items as Array<{ name: string }>;
      taskNames.push(...tasks.map((task) => task.name));
    }
    return { caseId, taskNames };
  }

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.userToken({ id: 'scj.binding', department: 'SCJGJ', roles: ['staff', 'designer', 'supervisor'] });
    // Deployment 1: the three calling processes together with version 1 of the called one, tagged "stable".
    const first = definitions(
      [
        licence('licence-latest', '', 'A'),
        licence('licence-deployment', 'bindingType="deployment"', 'B'),
        licence('licence-tagged', 'bindingType="versionTag" versionTag="stable"', 'C'),
        inspection('v1', 'stable'),
      ].join('\n'),
    );
    await deploy(first).expect(201);
    // Deployment 2: version 2 of the called process alone, untagged; deployment 3: version 3, tagged "draft".
    await deploy(definitions(inspection('v2'))).expect(201);
    await deploy(definitions(inspection('v3', 'draft'))).expect(201);
  });
  afterAll(() => t.close());

  test('latest (the default) starts the newest version', async () => {
    expect((await childTaskOf('licence-latest')).taskNames).toEqual(['现场核查 v3']);
  });

  test('deployment starts the version deployed together with the calling process', async () => {
    expect((await childTaskOf('licence-deployment')).taskNames).toEqual(['现场核查 v1']);
  });

  test('versionTag starts the newest version with that tag', async () => {
    expect((await childTaskOf('licence-tagged')).taskNames).toEqual(['现场核查 v1']);
    await deploy(definitions(inspection('v4', 'stable'))).expect(201);
    expect((await childTaskOf('licence-tagged')).taskNames).toEqual(['现场核查 v4']);
  });

  test('a binding that finds no version is an incident naming the process and the binding, and no child starts', async () => {
    await deploy(definitions(licence('licence-missing-tag', 'bindingType="versionTag" versionTag="2025-rules"'))).expect(201);
    const { caseId, taskNames } = await childTaskOf('licence-missing-tag');
    expect(taskNames).toEqual([]);
    const incidents = (await as(t.app, clerk).get(`/api/v1/incidents?processInstanceId=${caseId}`).expect(200)).body.items as Array<{ type: string; message: string; messageZh?: string }>;
    expect(incidents).toHaveLength(1);
    expect(incidents[0].message).toContain("version tag '2025-rules'");
    expect(JSON.stringify(incidents[0])).toContain('版本标签“2025-rules”');
  });

  test('an unknown binding, a versionTag without bindingType versionTag, and one missing its tag are refused by name', async () => {
    for (const [binding, code] of [
      ['bindingType="newest"', 'callActivity.bindingType'],
      ['versionTag="stable"', 'callActivity.versionTag'],
      ['bindingType="versionTag"', 'callActivity.versionTag'],
      ['businessId="=applicationNo"', 'extension.unsupported'],
    ]) {
      const refused = await deploy(definitions(licence('licence-refused', binding))).expect(422);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      const problems = refused.body.errors as Array<{ code: string; elementId?: string }>;
      expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ code, elementId: 'Inspection' })]));
    }
  });
});
