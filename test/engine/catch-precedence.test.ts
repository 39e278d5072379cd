import { flows, processXml, serviceTask, userTask } from './support/bpmn.js';
import { EngineDriver } from './support/engine-driver.js';

/**
 * Which catch wins when a subprocess has both an event subprocess and a boundary event for the same code: the
 * event subprocess inside the scope, as Zeebe orders them ("the order defines the precedence: 1. event
 * subprocesses 2. boundary events", ExecutableActivity.getEvents) and as BPMN's scoping implies (the boundary event
 * sits outside the subprocess).
 */
describe('an error or escalation inside a subprocess with both kinds of catch', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open({ restartEveryStep: true });
    const inner = (definition: string, interrupting = true) =>
      `<subProcess id="handle" triggeredByEvent="true"><startEvent id="hs" isInterrupting="${interrupting}">${definition}</startEvent>${userTask('insideHandler')}<endEvent id="he"/>${flows('hs', 'insideHandler', 'he')}</subProcess>`;
    await d.deploy(
      processXml(
        'error-precedence',
        `<startEvent id="start"/><subProcess id="review"><startEvent id="rs"/>${serviceTask('verify')}<endEvent id="re"/>${flows('rs', 'verify', 're')}
           ${inner('<errorEventDefinition errorRef="missing"/>')}</subProcess>
         <boundaryEvent id="onMissing" attachedToRef="review"><errorEventDefinition errorRef="missing"/></boundaryEvent>${userTask('outsideHandler')}
         <endEvent id="end"/><endEvent id="end2"/>${flows('start', 'review', 'end')}${flows('onMissing', 'outsideHandler', 'end2')}`,
        '<error id="missing" errorCode="MATERIAL_MISSING"/>',
      ),
    );
    await d.deploy(
      processXml(
        'escalation-precedence',
        `<startEvent id="start"/><subProcess id="review"><startEvent id="rs"/><intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="late"/></intermediateThrowEvent>${userTask('work')}<endEvent id="re"/>${flows('rs', 'raise', 'work', 're')}
           ${inner('<escalationEventDefinition escalationRef="late"/>', false)}</subProcess>
         <boundaryEvent id="onLate" attachedToRef="review" cancelActivity="false"><escalationEventDefinition escalationRef="late"/></boundaryEvent>${userTask('outsideHandler')}
         <endEvent id="end"/><endEvent id="end2"/>${flows('start', 'review', 'end')}${flows('onLate', 'outsideHandler', 'end2')}`,
        '<escalation id="late" escalationCode="LATE"/>',
      ),
    );
  });
  afterAll(() => d.close());

  test('the error event subprocess inside the subprocess catches the error, not the boundary on it', async () => {
    const id = await d.start('error-precedence');
    await d.throwJobError(id, 'verify', 'MATERIAL_MISSING');
    expect(await d.openTasks(id)).toEqual(['insideHandler']);
    await d.completeTask(id, 'insideHandler');
    // The handled subprocess completes and the process goes on its normal path.
    expect(await d.status(id)).toBe('completed');
    expect(await d.historyTypes(id, 'outsideHandler')).toEqual([]);
  });

  test('the escalation event subprocess inside the subprocess catches the escalation, not the boundary on it', async () => {
    const id = await d.start('escalation-precedence');
    expect((await d.openTasks(id)).sort()).toEqual(['insideHandler', 'work']);
  });
});
