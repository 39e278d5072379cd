import { clerk, harness, outsider, type Harness } from './harness.js';
import { definitions, end, process, start, userTask } from './models.js';

// 一件事: the bundle calls one sub-process per matter.
const bundle = definitions(`<bpmn:process id="bundle" isExecutable="true">
    ${start()}
    <bpmn:callActivity id="CallMatter"><bpmn:extensionElements><zeebe:calledElement processId="matter" propagateAllChildVariables="true" /></bpmn:extensionElements></bpmn:callActivity>
    ${userTask('Deliver')}
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="CallMatter" />
    <bpmn:sequenceFlow id="F2" sourceRef="CallMatter" targetRef="Deliver" />
    <bpmn:sequenceFlow id="F3" sourceRef="Deliver" targetRef="End" />
  </bpmn:process>`);

const matter = process('matter', [start(), userTask('Examine', '审查'), end()].join('\n'), [
  ['F1', 'Start', 'Examine'],
  ['F2', 'Examine', 'End'],
]);

const missingChild = definitions(`<bpmn:process id="missing-child" isExecutable="true">
    ${start()}
    <bpmn:callActivity id="CallNothing"><bpmn:extensionElements><zeebe:calledElement processId="not-deployed" /></bpmn:extensionElements></bpmn:callActivity>
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="CallNothing" />
    <bpmn:sequenceFlow id="F2" sourceRef="CallNothing" targetRef="End" />
  </bpmn:process>`);

const review = (tasks: string[]) =>
  process(
    'review',
    [start(), ...tasks.map((task) => userTask(task)), end()].join('\n'),
    [['F0', 'Start', tasks[0]], ...tasks.slice(1).map((task, index): [string, string, string] => [`F${index + 1}`, tasks[index], task]), ['FEnd', tasks[tasks.length - 1], 'End']],
  );

describe('call activities and operations on instances', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    for (const xml of [bundle, matter, missingChild, review(['Accept', 'Examine', 'Decide'])]) await h.context.engine.deploy({ xml, actor: clerk });
  });
  afterAll(() => h.close());

  test("a call activity starts the child in the same command; the child's completion continues the parent with its variables", async () => {
    const { engine } = h.context;
    const parent = await engine.startInstance({ processId: 'bundle', variables: { applicant: '张三' }, actor: clerk });
    const [child] = await engine.childInstances(clerk, parent.id);
    expect(child).toMatchObject({ process_id: 'matter', parent_instance_id: parent.id, status: 'active' });
    expect(child.state.variables).toMatchObject({ applicant: '张三' });
    const [task] = await engine.listTasks(clerk, { instanceId: child.id });
    await engine.completeTask(clerk, task.id, { opinion: '同意' });
    expect((await engine.getInstance(clerk, child.id)).status).toBe('completed');
    const [deliver] = await engine.listTasks(clerk, { instanceId: parent.id });
    expect(deliver.element_id).toBe('Deliver');
    expect((await engine.getInstance(clerk, parent.id)).state.variables).toMatchObject({ opinion: '同意' });
  });

  test('canceling the parent cancels the child and its task, in one command', async () => {
    const { engine } = h.context;
    const parent = await engine.startInstance({ processId: 'bundle', actor: clerk });
    const [child] = await engine.childInstances(clerk, parent.id);
    await expect(engine.cancelInstance(outsider, parent.id)).rejects.toMatchObject({ kind: 'not-found' });
    const canceled = await engine.cancelInstance(clerk, parent.id);
    expect(canceled.status).toBe('canceled');
    expect((await engine.getInstance(clerk, child.id)).status).toBe('canceled');
    expect(await engine.listTasks(clerk, { instanceId: child.id })).toEqual([]);
    expect((await engine.listTasks(clerk, { instanceId: child.id, state: 'canceled' })).map((task) => task.element_id)).toEqual(['Examine']);
    await expect(engine.cancelInstance(clerk, parent.id)).rejects.toMatchObject({ kind: 'conflict' });
  });

  test('suspending the parent suspends the child it called; resuming resumes both', async () => {
    const { engine } = h.context;
    const parent = await engine.startInstance({ processId: 'bundle', actor: clerk });
    const [child] = await engine.childInstances(clerk, parent.id);
    const [task] = await engine.listTasks(clerk, { instanceId: child.id });
    await engine.suspendInstance(clerk, parent.id);
    expect((await engine.getInstance(clerk, child.id)).status).toBe('suspended');
    await expect(engine.completeTask(clerk, task.id, {})).rejects.toMatchObject({ kind: 'conflict' });
    await engine.resumeInstance(clerk, parent.id);
    expect((await engine.getInstance(clerk, child.id)).status).toBe('active');
    await engine.completeTask(clerk, task.id, {});
    expect((await engine.listTasks(clerk, { instanceId: parent.id })).map((open) => open.element_id)).toEqual(['Deliver']);
  });

  test('canceling only the child leaves the parent with an incident on the call activity', async () => {
    const { engine } = h.context;
    const parent = await engine.startInstance({ processId: 'bundle', actor: clerk });
    const [child] = await engine.childInstances(clerk, parent.id);
    await engine.cancelInstance(clerk, child.id);
    const [incident] = await engine.listIncidents(clerk, { instanceId: parent.id });
    expect(incident).toMatchObject({ error_type: 'CHILD_TERMINATED', element_id: 'CallMatter' });
  });

  test('a call activity whose process is not deployed raises an incident naming it', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'missing-child', actor: clerk });
    const [incident] = await engine.listIncidents(clerk, { instanceId: instance.id });
    expect(incident).toMatchObject({ error_type: 'CALLED_ELEMENT_ERROR', element_id: 'CallNothing' });
    expect(incident.message).toContain('not-deployed');
  });

  test('a suspended instance refuses task completion until resumed', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'review', actor: clerk });
    const [task] = await engine.listTasks(clerk, { instanceId: instance.id });
    expect((await engine.suspendInstance(clerk, instance.id)).status).toBe('suspended');
    await expect(engine.completeTask(clerk, task.id, {})).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('suspended') });
    expect((await engine.listTasks(clerk, { instanceId: instance.id }))[0].state).toBe('created');
    await engine.resumeInstance(clerk, instance.id);
    await engine.completeTask(clerk, task.id, {});
    expect((await engine.listTasks(clerk, { instanceId: instance.id }))[0].element_id).toBe('Examine');
  });

  test('variables are set with a history row naming the actor', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'review', actor: clerk });
    const updated = await engine.setVariables(clerk, instance.id, { fee: 100 });
    expect(updated.state.variables).toEqual({ fee: 100 });
    const set = (await engine.history(clerk, instance.id)).filter((event) => event.type === 'variables.set');
    expect(set[set.length - 1]).toMatchObject({ actor: 'clerk' });
  });

  test('moving the token back (驳回): the current task is canceled and an earlier one is active again', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'review', actor: clerk });
    const [accept] = await engine.listTasks(clerk, { instanceId: instance.id });
    await engine.completeTask(clerk, accept.id, {});
    const examining = await engine.getInstance(clerk, instance.id);
    const [waiting] = examining.state.waiting;
    await expect(engine.modifyInstance(clerk, instance.id, { terminate: ['999'], activate: [{ elementId: 'Nowhere' }] })).rejects.toMatchObject({
      kind: 'invalid',
      details: [expect.objectContaining({ message: expect.stringContaining('/terminate/0') }), expect.objectContaining({ elementId: 'Nowhere' })],
    });
    await engine.modifyInstance(clerk, instance.id, { terminate: [waiting.id], activate: [{ elementId: 'Accept', variables: { sentBack: true } }] });
    const tasks = await engine.listTasks(clerk, { instanceId: instance.id });
    expect(tasks.map((task) => task.element_id)).toEqual(['Accept']);
    expect((await engine.listTasks(clerk, { instanceId: instance.id, state: 'canceled' })).map((task) => task.element_id)).toEqual(['Examine']);
  });

  test('a waiting instance migrates to a new version with an explicit mapping; a bad mapping names each wrong entry and changes nothing', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'review', actor: clerk });
    const [v2] = (await engine.deploy({ xml: review(['Receive', 'Examine', 'Decide']), actor: clerk })).definitions;
    expect(v2.version).toBe(2);
    await expect(engine.migrateInstance(clerk, instance.id, { targetDefinitionId: v2.id, mappings: [{ source: 'Nope', target: 'Receive' }] })).rejects.toMatchObject({
      kind: 'invalid',
      details: [expect.objectContaining({ elementId: 'Nope' })],
    });
    await expect(engine.migrateInstance(clerk, instance.id, { targetDefinitionId: v2.id, mappings: [] })).rejects.toMatchObject({ kind: 'invalid' });
    expect((await engine.getInstance(clerk, instance.id)).version).toBe(1);

    const migrated = await engine.migrateInstance(clerk, instance.id, { targetDefinitionId: v2.id, mappings: [{ source: 'Accept', target: 'Receive' }] });
    expect(migrated).toMatchObject({ version: 2, definition_id: v2.id });
    const [task] = await engine.listTasks(clerk, { instanceId: instance.id });
    expect(task.element_id).toBe('Receive');
    await engine.completeTask(clerk, task.id, {});
    expect((await engine.listTasks(clerk, { instanceId: instance.id }))[0].element_id).toBe('Examine');
    expect((await engine.history(clerk, instance.id)).map((event) => event.type)).toContain('instance.migrated');
  });
});
