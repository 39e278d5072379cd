import iconv from 'iconv-lite';
import { as, createTestApp, type TestApp } from '../support/context.js';
import { definitions, end, start, userTask } from '../integration/durable/models.js';

const withFlowCondition = (processId: string, condition: string) =>
  definitions(`<bpmn:process id="${processId}" isExecutable="true">
    ${start()}<bpmn:exclusiveGateway id="Decide" default="Otherwise" />${userTask('Yes')}${userTask('No')}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Decide" />
    <bpmn:sequenceFlow id="Approve" sourceRef="Decide" targetRef="Yes"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Otherwise" sourceRef="Decide" targetRef="No" />
  </bpmn:process>`);

const parallelReview = definitions(`<bpmn:process id="parallel-review" isExecutable="true">
    ${start()}<bpmn:parallelGateway id="Fork" />${userTask('Legal', '法务审查')}${userTask('Finance', '财务审查')}<bpmn:parallelGateway id="Join" name="汇总" />${userTask('Sign', '签发')}${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Fork" />
    <bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="Legal" />
    <bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="Finance" />
    <bpmn:sequenceFlow id="F4" sourceRef="Legal" targetRef="Join" />
    <bpmn:sequenceFlow id="F5" sourceRef="Finance" targetRef="Join" />
    <bpmn:sequenceFlow id="F6" sourceRef="Join" targetRef="Sign" />
    <bpmn:sequenceFlow id="F7" sourceRef="Sign" targetRef="End" />
  </bpmn:process>`);

const countersign = definitions(`<bpmn:process id="countersign" isExecutable="true">
    ${start()}
    <bpmn:userTask id="Sign" name="会签">
      <bpmn:extensionElements>
        <zeebe:priorityDefinition priority="=if department = &quot;消防&quot; then 90 else 40" />
        <zeebe:properties><zeebe:property name="channel" value="窗口" /></zeebe:properties>
        <zeebe:ioMapping><zeebe:input source="=department + &quot;意见&quot;" target="title" /></zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=departments" inputElement="department" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:serviceTask id="Notify">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="notify" />
        <zeebe:properties><zeebe:property name="template" value="T1" /></zeebe:properties>
        <zeebe:executionListeners><zeebe:executionListener eventType="start" type="notify-audit" /></zeebe:executionListeners>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Sign" />
    <bpmn:sequenceFlow id="F2" sourceRef="Sign" targetRef="Notify" />
    <bpmn:sequenceFlow id="F3" sourceRef="Notify" targetRef="End" />
  </bpmn:process>`);

const loop = definitions(`<bpmn:process id="runaway" isExecutable="true">
    ${start()}<bpmn:task id="Again" name="再来" /><bpmn:exclusiveGateway id="Loop" default="Out" />${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Again" />
    <bpmn:sequenceFlow id="F2" sourceRef="Again" targetRef="Loop" />
    <bpmn:sequenceFlow id="Back" sourceRef="Loop" targetRef="Again"><bpmn:conditionExpression>=true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="Out" sourceRef="Loop" targetRef="End" />
  </bpmn:process>`);

describe('engine semantics over HTTP', () => {
  let t: TestApp;
  let designer: string;
  let staff: string;
  let worker: string;
  beforeAll(async () => {
    t = await createTestApp();
    designer = await t.userToken({ id: 'designer', department: 'SCJGJ', roles: ['designer', 'integrator', 'supervisor'] });
    staff = await t.userToken({ id: 'clerk', department: 'SCJGJ', roles: ['staff'] });
    worker = await t.userToken({ id: 'worker', department: 'SCJGJ', roles: ['integrator'] });
    for (const xml of [parallelReview, countersign, loop]) expect((await as(t.app, designer).post('/api/v1/deployments').send({ xml })).status).toBe(201);
  });
  afterAll(() => t.close());

  test.each(['=a &gt;&gt; 3', '=a &lt; &lt; 2'])('a condition feelin cannot compile (%s) is one 422 naming the flow', async (condition) => {
    const response = await as(t.app, designer).post('/api/v1/deployments').send({ xml: withFlowCondition('bad-condition', condition) });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toEqual([expect.objectContaining({ elementId: 'Approve', message: expect.stringMatching(/Invalid FEEL/), messageZh: expect.stringMatching(/语法错误/) })]);
  });

  test.each([
    ['<bpmn:timeDuration>P9999Y</bpmn:timeDuration>', /100 years/],
    ['<bpmn:timeCycle>R/PT0S</bpmn:timeCycle>', /once a second/],
  ])('an absurd timer %s is a 422 naming it', async (timer, reason) => {
    const xml = definitions(`<bpmn:process id="absurd" isExecutable="true">${start()}<bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition>${timer}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${end()}
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" /><bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="End" /></bpmn:process>`);
    const response = await as(t.app, designer).post('/api/v1/deployments').send({ xml });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ elementId: 'Wait', message: expect.stringMatching(reason) })]);
  });

  test('a user task listener is a 422 naming the task, not a silent deployment', async () => {
    const xml = definitions(`<bpmn:process id="listened" isExecutable="true">${start()}<bpmn:userTask id="Check"><bpmn:extensionElements><zeebe:taskListeners><zeebe:taskListener eventType="completing" type="verify" /></zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Check" /></bpmn:process>`);
    const response = await as(t.app, designer).post('/api/v1/deployments').send({ xml });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ elementId: 'Check', message: expect.stringMatching(/task listeners/) })]);
  });

  test.each(['GB18030', 'GBK', 'ISO-8859-1'])('raw XML in %s is decoded by its declaration', async (encoding) => {
    const name = encoding === 'ISO-8859-1' ? 'Décision' : '营业执照';
    const xml = definitions(`<bpmn:process id="encoded-${encoding}" name="${name}" isExecutable="true">${start()}${userTask('Review', encoding === 'ISO-8859-1' ? 'Révision' : '审核')}
      <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" /></bpmn:process>`).replace('encoding="UTF-8"', `encoding="${encoding}"`);
    const response = await as(t.app, designer).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(iconv.encode(xml, encoding));
    expect(response.status).toBe(201);
    expect(response.body.definitions[0].name).toBe(name);
  });

  test('raw XML that is not valid UTF-8 and declares nothing is a 422 saying so, with its line', async () => {
    const xml = definitions(`<bpmn:process id="mislabelled" name="营业执照" isExecutable="true">${start()}</bpmn:process>`);
    const response = await as(t.app, designer).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(iconv.encode(xml, 'GBK'));
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ line: expect.any(Number), message: expect.stringMatching(/UTF-8/) })]);
  });

  test('a case stuck at a parallel join shows the token waiting there, not "active with nowhere to be"', async () => {
    const started = await as(t.app, staff).post('/api/v1/process-instances').send({ processId: 'parallel-review' }).set('Authorization', `Bearer ${designer}`);
    expect(started.status).toBe(201);
    const tasks = (await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`)).body.items;
    const legal = tasks.find((task: { elementId: string }) => task.elementId === 'Legal');
    expect((await as(t.app, staff).post(`/api/v1/user-tasks/${legal.id}/complete`).send({})).status).toBe(200);
    const instance = (await as(t.app, staff).get(`/api/v1/process-instances/${started.body.id}`)).body;
    expect(instance.status).toBe('active');
    expect(instance.activeElements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ elementId: 'Finance', state: 'waiting' }),
        expect.objectContaining({ elementId: 'Join', name: '汇总', elementType: 'parallelGateway', state: 'joining', elementInstanceId: null, arrivedVia: 'F4' }),
      ]),
    );
    // The other branch is canceled by an operator: only the join token is left, and the case says where it is.
    const finance = tasks.find((task: { elementId: string }) => task.elementId === 'Finance');
    const modified = await as(t.app, designer).post(`/api/v1/process-instances/${started.body.id}/modification`).send({ terminate: [finance.elementInstanceId], activate: [] });
    expect(modified.status).toBe(200);
    expect(modified.body.activeElements).toEqual([expect.objectContaining({ elementId: 'Join', state: 'joining' })]);
  });

  test('a task and a job carry the variables of their element; the task its priority and properties; the inbox is sorted by priority', async () => {
    const started = await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'countersign', variables: { departments: ['公安', '消防'] } });
    expect(started.status).toBe(201);
    const inbox = (await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`)).body.items;
    expect(inbox.map((task: { priority: number }) => task.priority)).toEqual([90, 40]);
    for (const [index, department] of ['消防', '公安'].entries()) {
      const task = (await as(t.app, staff).get(`/api/v1/user-tasks/${inbox[index].id}`)).body;
      expect(task).toEqual(expect.objectContaining({ properties: { channel: '窗口' }, variables: expect.objectContaining({ department, title: `${department}意见`, loopCounter: department === '公安' ? 1 : 2 }) }));
      expect((await as(t.app, staff).post(`/api/v1/user-tasks/${task.id}/complete`).send({})).status).toBe(200);
    }
    const [listener] = (await as(t.app, worker).post('/api/v1/jobs/activate').send({ type: 'notify-audit', worker: 'w' })).body.items;
    expect(listener).toEqual(expect.objectContaining({ kind: 'EXECUTION_LISTENER', listenerEventType: 'start', properties: { template: 'T1' } }));
    expect((await as(t.app, worker).post(`/api/v1/jobs/${listener.id}/throw-error`).send({ errorCode: 'X' })).status).toBe(409);
    expect((await as(t.app, worker).post(`/api/v1/jobs/${listener.id}/complete`).send({ variables: { audited: true } })).status).toBe(204);
    const [job] = (await as(t.app, worker).post('/api/v1/jobs/activate').send({ type: 'notify', worker: 'w' })).body.items;
    expect(job).toEqual(expect.objectContaining({ kind: 'BPMN_ELEMENT', listenerEventType: null, variables: expect.objectContaining({ audited: true, departments: ['公安', '消防'] }) }));
    const definition = (await as(t.app, designer).get(`/api/v1/process-definitions/${started.body.definitionId}`)).body;
    expect(definition.elementProperties).toEqual({ Sign: { channel: '窗口' }, Notify: { template: 'T1' } });
  });

  test('a model that loops without a wait state starts, stops with an incident naming the element, and the server answers', async () => {
    const started = await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'runaway' });
    expect(started.status).toBe(201);
    expect(started.body.activeElements).toEqual([expect.objectContaining({ state: 'incident' })]);
    const incidents = (await as(t.app, designer).get(`/api/v1/incidents?processInstanceId=${started.body.id}`)).body.items;
    expect(incidents).toEqual([expect.objectContaining({ errorType: 'STEP_BUDGET_EXCEEDED', elementId: started.body.activeElements[0].elementId })]);
    expect((await as(t.app, designer).get('/api/v1/health')).status).toBe(200);
  });
});
