import type { Actor } from '../../../engine/index.js';
import { clerk, harness, type Harness } from './harness.js';
import { definitions, end, start } from './models.js';

/**
 * Per-department 会签: one review task per department, each in that department's inbox, each
 * seeing its own department (the multi-instance input element), its loopCounter and its input
 * mappings; a job sees the variables of its own element the same way (Camunda 8's job variables).
 */
const countersign = definitions(`<bpmn:process id="countersign" isExecutable="true">
    ${start()}
    <bpmn:userTask id="Review" name="会签">
      <bpmn:extensionElements>
        <gov:handling department="=department" />
        <zeebe:assignmentDefinition candidateGroups="=department + &quot;-科员&quot;" />
        <zeebe:ioMapping><zeebe:input source="=&quot;请&quot; + department + &quot;审核&quot;" target="instruction" /></zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=departments" inputElement="department" outputCollection="opinions" outputElement="=opinion" /></bpmn:extensionElements>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:serviceTask id="Notify">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="notify" />
        <zeebe:ioMapping><zeebe:input source="=upper case(channel)" target="via" /></zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=departments" inputElement="recipient" /></bpmn:extensionElements>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:serviceTask>
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Notify" />
    <bpmn:sequenceFlow id="F3" sourceRef="Notify" targetRef="End" />
  </bpmn:process>`).replace('xmlns:zeebe=', 'xmlns:gov="http://matterflow.dev/schema/gov/1.0" xmlns:zeebe=');

const staffOf = (department: string): Actor => ({ userId: `${department}-staff`, department, roles: ['staff'], groups: [`${department}-科员`] });

describe('element variables reach workers and forms', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    // gov:handling department computed by FEEL must name a department the directory knows (D10).
    await h.context.engine.staff.registerDepartments(['市场监管局', '卫健委', '消防救援支队', '司法局'].map((code) => ({ code, name: code })));
    await h.context.engine.deploy({ xml: countersign, actor: clerk });
  });
  afterAll(() => h.close());

  test('a parallel 会签 over three departments: each department gets its own task, which sees its own department, loopCounter and input mapping', async () => {
    const { engine } = h.context;
    const departments = ['市场监管局', '卫健委', '消防救援支队'];
    const instance = await engine.startInstance({ processId: 'countersign', variables: { departments, channel: 'sms' }, actor: clerk });
    for (const [index, department] of departments.entries()) {
      const actor = staffOf(department);
      const tasks = await engine.listTasks(actor);
      expect(tasks).toHaveLength(1);
      expect(tasks[0].candidate_groups).toEqual([`${department}-科员`]);
      const variables = await engine.taskVariables(tasks[0]);
      expect(variables).toEqual(expect.objectContaining({ department, loopCounter: index + 1, instruction: `请${department}审核`, departments, channel: 'sms' }));
    }
    // The process scope is not polluted by the runs' locals.
    expect((await engine.getInstance(clerk, instance.id)).state.variables).not.toHaveProperty('department');

    for (const department of departments) {
      const actor = staffOf(department);
      const [task] = await engine.listTasks(actor);
      await engine.completeTask(actor, task.id, { opinion: `${department}同意` });
    }
    expect((await engine.getInstance(clerk, instance.id)).state.variables.opinions).toEqual(departments.map((department) => `${department}同意`));

    const jobs = await engine.activateJobs(clerk, { type: 'notify', worker: 'sms', max: 10, lockMs: 60_000 });
    expect(jobs).toHaveLength(3);
    expect(jobs.map((job) => job.variables.recipient).sort()).toEqual([...departments].sort());
    for (const job of jobs) {
      expect(job.variables).toEqual(expect.objectContaining({ via: 'SMS', loopCounter: departments.indexOf(job.variables.recipient as string) + 1, channel: 'sms' }));
      await engine.completeJob(clerk, job.id, {});
    }
    expect((await engine.getInstance(clerk, instance.id)).status).toBe('completed');
  });

  test('the task API gives the form the variables of its element', async () => {
    const { engine } = h.context;
    await engine.startInstance({ processId: 'countersign', variables: { departments: ['司法局'], channel: 'mail' }, actor: clerk });
    const [task] = await engine.listTasks(staffOf('司法局'));
    expect(task.department).toBe('司法局');
    expect(await engine.taskVariables(task)).toEqual(expect.objectContaining({ department: '司法局', loopCounter: 1, instruction: '请司法局审核' }));
  });
});
