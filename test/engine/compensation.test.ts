import { flows, processXml, serviceTask, userTask } from './support/bpmn.js';
import { clerk, EngineDriver } from './support/engine-driver.js';

/** Compensation through the engine on a database, restarting the engine before every command. */
describe('compensation through the engine', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open({ restartEveryStep: true });
    await d.deploy(
      processXml(
        'recall',
        `<startEvent id="start"/>
        <serviceTask id="notify"><extensionElements><zeebe:taskDefinition type="notify"/></extensionElements>
          <multiInstanceLoopCharacteristics><extensionElements><zeebe:loopCharacteristics inputCollection="=departments" inputElement="department"/></extensionElements></multiInstanceLoopCharacteristics>
        </serviceTask>
        <boundaryEvent id="cb" attachedToRef="notify"><compensateEventDefinition/></boundaryEvent>
        ${serviceTask('withdraw', 'withdraw').replace('<serviceTask ', '<serviceTask isForCompensation="true" ')}
        ${serviceTask('publish', 'publish')}<endEvent id="end"/>
        <association id="a" sourceRef="cb" targetRef="withdraw"/>
        ${flows('start', 'notify', 'publish', 'end')}
        <subProcess id="onFailure" triggeredByEvent="true">
          <startEvent id="failed"><errorEventDefinition errorRef="Fail"/></startEvent>
          <intermediateThrowEvent id="undoAll"><compensateEventDefinition/></intermediateThrowEvent>
          ${userTask('explain')}<endEvent id="handled"/>
          ${flows('failed', 'undoAll', 'explain', 'handled')}
        </subProcess>`,
        '<error id="Fail" errorCode="PUBLISH_FAILED"/>',
      ),
    );
  });
  afterAll(() => d.close());

  test('a failure caught by an event subprocess withdraws every department notice, each with its own department', async () => {
    const id = await d.start('recall', { departments: ['卫健委', '公安局'] });
    for (const job of await d.engine.activateJobs(clerk, { type: 'notify', worker: 'w', max: 10, lockMs: 60_000 })) {
      d.restart();
      await d.engine.completeJob(clerk, job.id, {});
    }
    await d.throwJobError(id, 'publish', 'PUBLISH_FAILED', 'publish');
    const withdrawals = await d.engine.activateJobs(clerk, { type: 'withdraw', worker: 'w', max: 10, lockMs: 60_000 });
    expect(withdrawals.map((job) => job.variables.department).sort()).toEqual(['公安局', '卫健委']);
    for (const job of withdrawals) {
      d.restart();
      await d.engine.completeJob(clerk, job.id, {});
    }
    expect(await d.openTasks(id)).toEqual(['explain']);
  });
});
