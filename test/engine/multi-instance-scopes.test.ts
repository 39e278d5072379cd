import { flows, processXml, serviceTask, userTask } from './support/bpmn.js';
import { clerk, EngineDriver } from './support/engine-driver.js';

const loop = (sequential: boolean, attributes: string, completion = '') =>
  `<multiInstanceLoopCharacteristics isSequential="${sequential}"><extensionElements><zeebe:loopCharacteristics ${attributes}/></extensionElements>${completion ? `<completionCondition>${completion}</completionCondition>` : ''}</multiInstanceLoopCharacteristics>`;

/**
 * Variable scopes of multi-instance runs, as Camunda 8 documents them: each run has its input element and its output
 * element as locals (Zeebe creates the output element variable as a local null of the run), the completion condition
 * is evaluated in the finished run's scope, and variables a task completes with are merged from the task's own scope
 * outwards (a local of the same name takes the value).
 */
describe('multi-instance variable scopes', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open({ restartEveryStep: true });
    // 联合审查: each department reviews in a subprocess of two steps; its finding is the run's output.
    await d.deploy(
      processXml(
        'joint-review',
        `<startEvent id="start"/><subProcess id="review">${loop(false, 'inputCollection="=departments" inputElement="department" outputCollection="findings" outputElement="=finding"')}
           <startEvent id="rs"/>${userTask('examine')}${userTask('confirm')}<endEvent id="re"/>${flows('rs', 'examine', 'confirm', 're')}</subProcess>
         ${userTask('decide')}<endEvent id="end"/>${flows('start', 'review', 'decide', 'end')}`,
      ),
    );
    // 逐级审批 until the level that may decide: the condition reads the run's input element.
    await d.deploy(
      processXml(
        'up-to-level',
        `<startEvent id="start"/><userTask id="approve">${loop(true, 'inputCollection="=levels" inputElement="level"', '=level = decidingLevel')}</userTask>
         ${userTask('notify')}<endEvent id="end"/>${flows('start', 'approve', 'notify', 'end')}`,
      ),
    );
    // A data check whose job answers with a name the task also maps in.
    await d.deploy(
      processXml(
        'mapped-check',
        `<startEvent id="start"/>${serviceTask('check', 'check', '<zeebe:ioMapping><zeebe:input source="=0" target="attempts"/></zeebe:ioMapping>')}${userTask('after')}<endEvent id="end"/>${flows('start', 'check', 'after', 'end')}`,
      ),
    );
  });
  afterAll(() => d.close());

  test('parallel runs of a subprocess keep their own output element: each finding lands in its run, none at the process', async () => {
    const id = await d.start('joint-review', { departments: ['市场监管局', '卫健局'] });
    const tasks = await d.engine.listTasks(clerk, { instanceId: id });
    expect(tasks).toHaveLength(2);
    // Both examine steps first, then both confirmations: the runs interleave.
    for (const [n, task] of tasks.entries()) await d.engine.completeTask(clerk, task.id, { finding: `合格-${n}` });
    expect(await d.openTasks(id)).toEqual(['confirm', 'confirm']);
    await d.completeTask(id, 'confirm');
    await d.completeTask(id, 'confirm');
    expect(await d.openTasks(id)).toEqual(['decide']);
    const variables = await d.variables(id);
    expect([...(variables.findings as string[])].sort()).toEqual(['合格-0', '合格-1']);
    expect(variables).not.toHaveProperty('finding');
  });

  test('the completion condition sees the finished run’s input element', async () => {
    const id = await d.start('up-to-level', { levels: ['科员', '科长', '局长'], decidingLevel: '科长' });
    await d.completeTask(id, 'approve');
    expect(await d.openTasks(id)).toEqual(['approve']);
    await d.completeTask(id, 'approve');
    // 科长 may decide: the 局长 run never starts.
    expect(await d.openTasks(id)).toEqual(['notify']);
  });

  test('a job’s variable of the same name as the task’s input mapping updates that local and does not reach the process', async () => {
    const id = await d.start('mapped-check');
    await d.completeJob(id, 'check', { attempts: 3, verified: true });
    const variables = await d.variables(id);
    expect(variables.verified).toBe(true);
    expect(variables).not.toHaveProperty('attempts');
  });

  test('a collection that is no list is an incident the case lists where it waits, and resolving it runs the body', async () => {
    // CONTRACT.md: waiting lists incident elements; the body's own incident was left out, so the case looked idle.
    const id = await d.start('up-to-level', { levels: 'city', decidingLevel: 2 });
    expect((await d.instance(id)).state.waiting).toEqual([expect.objectContaining({ elementId: 'approve', state: 'incident' })]);
    const [incident] = await d.engine.listIncidents(clerk, { instanceId: id });
    await d.setVariables(id, { levels: [1, 2] });
    await d.engine.resolveIncident(clerk, incident.id);
    expect(await d.openTasks(id)).toEqual(['approve']);
  });
});
