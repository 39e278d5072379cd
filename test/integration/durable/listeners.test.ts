import { clerk, harness, type Harness } from './harness.js';
import { definitions, end, start } from './models.js';

const audited = definitions(`<bpmn:process id="audited" isExecutable="true">
    ${start()}
    <bpmn:serviceTask id="Register">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="register" />
        <zeebe:taskHeaders><zeebe:header key="system" value="工商" /></zeebe:taskHeaders>
        <zeebe:properties><zeebe:property name="owner" value="登记科" /></zeebe:properties>
        <zeebe:executionListeners>
          <zeebe:executionListener eventType="start" type="audit-start" retries="1" />
          <zeebe:executionListener eventType="end" type="audit-end" />
        </zeebe:executionListeners>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:userTask id="Review" name="审核">
      <bpmn:extensionElements>
        <zeebe:priorityDefinition priority="=priority" />
        <zeebe:properties><zeebe:property name="form" value="A4" /></zeebe:properties>
      </bpmn:extensionElements>
    </bpmn:userTask>
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Register" />
    <bpmn:sequenceFlow id="F2" sourceRef="Register" targetRef="Review" />
    <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="End" />
  </bpmn:process>`);

describe('execution listeners, priorities and properties through the engine', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    await h.context.engine.deploy({ xml: audited, actor: clerk });
  });
  afterAll(() => h.close());

  const activate = (type: string) => h.context.engine.activateJobs(clerk, { type, worker: 'w', max: 10, lockMs: 60_000 });

  test('the element waits for its start listener job, then its own job, then its end listener job; a failed listener is an incident that resolving retries', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'audited', variables: { priority: 70 }, actor: clerk });
    expect(await activate('register')).toEqual([]);
    const [startJob] = await activate('audit-start');
    expect(startJob).toEqual(expect.objectContaining({ listener_event_type: 'start', element_id: 'Register', headers: { system: '工商' }, properties: { owner: '登记科' } }));
    await engine.failJob(clerk, startJob.id, { retries: 0, errorMessage: '审计系统不可用' });
    const [incident] = await engine.listIncidents(clerk, { instanceId: instance.id });
    expect(incident).toEqual(expect.objectContaining({ error_type: 'JOB_NO_RETRIES', element_id: 'Register' }));
    await engine.resolveIncident(clerk, incident.id, { retries: 1 });
    const [again] = await activate('audit-start');
    expect(again.id).toBe(startJob.id);
    await engine.completeJob(clerk, again.id, { auditId: 'A-1' });

    const [work] = await activate('register');
    expect(work).toEqual(expect.objectContaining({ listener_event_type: null, properties: { owner: '登记科' } }));
    expect(work.variables).toEqual(expect.objectContaining({ auditId: 'A-1' }));
    await engine.completeJob(clerk, work.id, { licenceNo: 'L-9' });
    expect((await engine.listTasks(clerk, { instanceId: instance.id })).length).toBe(0);
    const [endJob] = await activate('audit-end');
    expect(endJob.listener_event_type).toBe('end');
    await expect(engine.throwJobError(clerk, endJob.id, { errorCode: 'X' })).rejects.toThrow(/execution listener/);
    await engine.completeJob(clerk, endJob.id, { archived: true });
    const [task] = await engine.listTasks(clerk, { instanceId: instance.id });
    expect(task).toEqual(expect.objectContaining({ element_id: 'Review', priority: 70, properties: { form: 'A4' } }));
    expect((await engine.getInstance(clerk, instance.id)).state.variables).toEqual(expect.objectContaining({ licenceNo: 'L-9', archived: true }));
    expect((await engine.getInstance(clerk, instance.id)).state.variables).not.toHaveProperty('auditId');
  });

  test('the inbox lists higher priorities first', async () => {
    const { engine } = h.context;
    for (const priority of [20, 95, 50]) {
      const instance = await engine.startInstance({ processId: 'audited', variables: { priority }, businessKey: `P${priority}`, actor: clerk });
      for (const type of ['audit-start', 'register', 'audit-end']) {
        const job = (await activate(type)).find((candidate) => candidate.instance_id === instance.id);
        await engine.completeJob(clerk, job!.id, {});
      }
    }
    const priorities = (await engine.listTasks(clerk)).map((task) => task.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(priorities).toEqual(expect.arrayContaining([95, 50, 20]));
  });
});
