import { flows, problemsOf, processXml, userTask } from './support/bpmn.js';
import { clerk, EngineDriver } from './support/engine-driver.js';

/**
 * Error and escalation codes written as expressions on throw events (Camunda 8: "it is possible to define the
 * errorCode as an expression or a static value. If an errorCode expression is configured then it will be evaluated
 * once the event is reached"; the same for escalations). Catch events match a code as written.
 */
describe('error and escalation codes as expressions', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open({ restartEveryStep: true });
    await d.deploy(
      processXml(
        'refusal',
        `<startEvent id="start"/><subProcess id="review"><startEvent id="rs"/><endEvent id="refuse"><errorEventDefinition errorRef="byReason"/></endEvent>${flows('rs', 'refuse')}</subProcess>
         <boundaryEvent id="onIncomplete" attachedToRef="review"><errorEventDefinition errorRef="incomplete"/></boundaryEvent>${userTask('requestMaterials')}
         <endEvent id="end"/><endEvent id="end2"/>${flows('start', 'review', 'end')}${flows('onIncomplete', 'requestMaterials', 'end2')}`,
        '<error id="byReason" errorCode="=refusalCode"/><error id="incomplete" errorCode="MATERIALS_INCOMPLETE"/>',
      ),
    );
    await d.deploy(
      processXml(
        'escalate-by-level',
        `<startEvent id="start"/><subProcess id="handle"><startEvent id="hs"/><intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="byLevel"/></intermediateThrowEvent>${userTask('work')}<endEvent id="he"/>${flows('hs', 'raise', 'work', 'he')}</subProcess>
         <boundaryEvent id="onCity" attachedToRef="handle" cancelActivity="false"><escalationEventDefinition escalationRef="city"/></boundaryEvent>${userTask('cityReview')}
         <endEvent id="end"/><endEvent id="end2"/>${flows('start', 'handle', 'end')}${flows('onCity', 'cityReview', 'end2')}`,
        '<escalation id="byLevel" escalationCode="=&quot;TO_&quot; + level"/><escalation id="city" escalationCode="TO_CITY"/>',
      ),
    );
  });
  afterAll(() => d.close());

  test('an error end event throws the code its expression gives, and the boundary for that code catches it', async () => {
    const id = await d.start('refusal', { refusalCode: 'MATERIALS_INCOMPLETE' });
    expect(await d.openTasks(id)).toEqual(['requestMaterials']);
  });

  test('an escalation throw event escalates with the code its expression gives', async () => {
    const id = await d.start('escalate-by-level', { level: 'CITY' });
    expect((await d.openTasks(id)).sort()).toEqual(['cityReview', 'work']);
  });

  test('catching an escalation writes no variable: a process variable named escalationCode keeps its value', async () => {
    // Camunda 8 activates the catch event without variables; the code is in the history. This wrote escalationCode.
    const id = await d.start('escalate-by-level', { level: 'CITY', escalationCode: 'mine' });
    expect((await d.openTasks(id)).sort()).toEqual(['cityReview', 'work']);
    expect(await d.variables(id)).toEqual({ level: 'CITY', escalationCode: 'mine' });
  });

  test('an expression that gives no code is an incident on the thrower; resolved after the variable is set, it throws', async () => {
    const id = await d.start('refusal', {});
    const [incident] = await d.engine.listIncidents(clerk, { instanceId: id });
    expect(incident).toMatchObject({ element_id: 'refuse', error_type: 'EXPRESSION_FAILED', state: 'active' });
    expect(incident.message).toContain('Error code');
    await d.setVariables(id, { refusalCode: 'MATERIALS_INCOMPLETE' });
    await d.engine.resolveIncident(clerk, incident.id);
    expect(await d.openTasks(id)).toEqual(['requestMaterials']);
  });

  test('a catch event with a code written as an expression is refused at deployment, naming it', async () => {
    const problems = await problemsOf(
      processXml(
        'bad-catch',
        `<startEvent id="start"/>${userTask('work')}<boundaryEvent id="onAny" attachedToRef="work"><errorEventDefinition errorRef="dynamic"/></boundaryEvent><endEvent id="end"/><endEvent id="end2"/>${flows('start', 'work', 'end')}${flows('onAny', 'end2')}`,
        '<error id="dynamic" errorCode="=code"/>',
      ),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'event.codeExpression', elementId: 'onAny' })]);
  });
});
