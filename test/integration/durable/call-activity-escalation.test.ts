import { clerk, harness, type Harness } from './harness.js';
import { definitions, end, process, start, userTask } from './models.js';

// A called 审查 sub-process escalates (上报) when it finds the case needs the bureau head: the
// escalation travels up to the call activity, as BPMN 2.0 says (§10.4.6).
const escalation = '<bpmn:escalation id="Esc_Report" escalationCode="REPORT" />';

const examine = process(
  'examine',
  [
    start(),
    `<bpmn:intermediateThrowEvent id="Report"><bpmn:escalationEventDefinition escalationRef="Esc_Report" /></bpmn:intermediateThrowEvent>`,
    userTask('Examine', '审查'),
    end(),
  ].join('\n'),
  [
    ['F1', 'Start', 'Report'],
    ['F2', 'Report', 'Examine'],
    ['F3', 'Examine', 'End'],
  ],
  escalation,
);

/** The bundle calls `examine`; a boundary on the call activity catches REPORT. */
const bundle = (id: string, interrupting: boolean) =>
  definitions(
    `<bpmn:process id="${id}" isExecutable="true">
    ${start()}
    <bpmn:callActivity id="CallExamine"><bpmn:extensionElements><zeebe:calledElement processId="examine" /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:boundaryEvent id="Reported" attachedToRef="CallExamine" cancelActivity="${interrupting}"><bpmn:escalationEventDefinition escalationRef="Esc_Report" /></bpmn:boundaryEvent>
    ${userTask('HeadReview', '局长审阅')}
    ${userTask('Deliver', '送达')}
    ${end()}
    <bpmn:endEvent id="EndReported" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="CallExamine" />
    <bpmn:sequenceFlow id="F2" sourceRef="CallExamine" targetRef="Deliver" />
    <bpmn:sequenceFlow id="F3" sourceRef="Deliver" targetRef="End" />
    <bpmn:sequenceFlow id="F4" sourceRef="Reported" targetRef="HeadReview" />
    <bpmn:sequenceFlow id="F5" sourceRef="HeadReview" targetRef="EndReported" />
  </bpmn:process>`,
    escalation,
  );

/** An outer bundle calls the non-interrupting bundle's shape without a boundary: nobody catches. */
const uncaught = definitions(
  `<bpmn:process id="bundle-uncaught" isExecutable="true">
    ${start()}
    <bpmn:callActivity id="CallExamine"><bpmn:extensionElements><zeebe:calledElement processId="examine" /></bpmn:extensionElements></bpmn:callActivity>
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="CallExamine" />
    <bpmn:sequenceFlow id="F2" sourceRef="CallExamine" targetRef="End" />
  </bpmn:process>`,
  escalation,
);

/** Two levels: the escalation passes through a middle instance that does not catch it. */
const outer = definitions(
  `<bpmn:process id="outer" isExecutable="true">
    ${start()}
    <bpmn:callActivity id="CallMiddle"><bpmn:extensionElements><zeebe:calledElement processId="bundle-uncaught" /></bpmn:extensionElements></bpmn:callActivity>
    <bpmn:boundaryEvent id="ReportedOuter" attachedToRef="CallMiddle" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="Esc_Report" /></bpmn:boundaryEvent>
    ${userTask('OuterReview')}
    ${end()}
    <bpmn:endEvent id="EndOuterReview" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="CallMiddle" />
    <bpmn:sequenceFlow id="F2" sourceRef="CallMiddle" targetRef="End" />
    <bpmn:sequenceFlow id="F3" sourceRef="ReportedOuter" targetRef="OuterReview" />
    <bpmn:sequenceFlow id="F4" sourceRef="OuterReview" targetRef="EndOuterReview" />
  </bpmn:process>`,
  escalation,
);

describe('escalations thrown in a called process reach the call activity', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    for (const xml of [examine, bundle('bundle-notify', false), bundle('bundle-take-over', true), uncaught, outer]) await h.context.engine.deploy({ xml, actor: clerk });
  });
  afterAll(() => h.close());

  const openTasks = async (instanceId: string) => (await h.context.engine.listTasks(clerk, { instanceId })).map((task) => task.element_id).sort();

  test('a non-interrupting boundary on the call activity runs beside it; the child goes on and completes the call activity', async () => {
    const { engine } = h.context;
    const parent = await engine.startInstance({ processId: 'bundle-notify', actor: clerk });
    const [child] = await engine.childInstances(clerk, parent.id);
    expect(await openTasks(parent.id)).toEqual(['HeadReview']);
    expect(await openTasks(child.id)).toEqual(['Examine']);
    const caught = (await engine.history(clerk, parent.id)).find((event) => event.type === 'escalation.caught');
    expect(caught).toMatchObject({ element_id: 'CallExamine', data: { escalationCode: 'REPORT', catchEventId: 'Reported' } });

    const [examineTask] = await engine.listTasks(clerk, { instanceId: child.id });
    await engine.completeTask(clerk, examineTask.id, {});
    expect((await engine.getInstance(clerk, child.id)).status).toBe('completed');
    expect(await openTasks(parent.id)).toEqual(['Deliver', 'HeadReview']);
  });

  test('an interrupting boundary ends the call activity, which cancels the child', async () => {
    const { engine } = h.context;
    const parent = await engine.startInstance({ processId: 'bundle-take-over', actor: clerk });
    const [child] = await engine.childInstances(clerk, parent.id);
    expect(await openTasks(parent.id)).toEqual(['HeadReview']);
    expect((await engine.getInstance(clerk, child.id)).status).toBe('canceled');
    expect(await openTasks(child.id)).toEqual([]);
  });

  test('an escalation nobody catches passes through a middle instance to the outermost one, and leaves every instance running', async () => {
    const { engine } = h.context;
    const top = await engine.startInstance({ processId: 'outer', actor: clerk });
    const [middle] = await engine.childInstances(clerk, top.id);
    const [leaf] = await engine.childInstances(clerk, middle.id);
    expect(await openTasks(top.id)).toEqual(['OuterReview']);
    expect((await engine.getInstance(clerk, middle.id)).status).toBe('active');
    expect(await openTasks(leaf.id)).toEqual(['Examine']);
    const passedOn = (await engine.history(clerk, middle.id)).filter((event) => event.type === 'escalation.thrown');
    expect(passedOn).toEqual([expect.objectContaining({ element_id: 'CallExamine', data: expect.objectContaining({ escalationCode: 'REPORT', fromCalledInstance: true }) })]);
  });

  test('without a catcher anywhere the escalation is only recorded: the child and its parent go on', async () => {
    const { engine } = h.context;
    const parent = await engine.startInstance({ processId: 'bundle-uncaught', actor: clerk });
    const [child] = await engine.childInstances(clerk, parent.id);
    const [task] = await engine.listTasks(clerk, { instanceId: child.id });
    await engine.completeTask(clerk, task.id, {});
    expect((await engine.getInstance(clerk, parent.id)).status).toBe('completed');
    expect(await engine.listIncidents(clerk, { instanceId: parent.id })).toEqual([]);
  });
});
