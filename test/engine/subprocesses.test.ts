import { flows, processXml, serviceTask, userTask } from './support/bpmn.js';
import { EngineDriver } from './support/engine-driver.js';

describe('subprocesses through the engine', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open({ restartEveryStep: true });
    await d.deploy(
      processXml(
        'embedded',
        `<startEvent id="start"/><subProcess id="review"><startEvent id="s1"/>${userTask('check')}${userTask('sign')}<endEvent id="e1"/>${flows('s1', 'check', 'sign', 'e1')}</subProcess>${userTask('deliver')}<endEvent id="end"/>
        ${flows('start', 'review', 'deliver', 'end')}
        <subProcess id="withdraw" triggeredByEvent="true"><startEvent id="ws"><messageEventDefinition messageRef="m"/></startEvent>${userTask('archive')}<endEvent id="we"/>${flows('ws', 'archive', 'we')}</subProcess>
        <subProcess id="remind" triggeredByEvent="true"><startEvent id="rs" isInterrupting="false"><timerEventDefinition><timeDuration>P2D</timeDuration></timerEventDefinition></startEvent>${serviceTask('notify')}<endEvent id="re"/>${flows('rs', 'notify', 're')}</subProcess>`,
        '<message id="m" name="withdraw"><extensionElements><zeebe:subscription correlationKey="=caseNo"/></extensionElements></message>',
      ),
    );
    // 一件事 bundle as a transaction: a fee is charged, then if the permit is refused the fee is refunded (compensation).
    await d.deploy(
      processXml(
        'bundle-transaction',
        `<startEvent id="start"/><transaction id="tx"><startEvent id="ts"/>${serviceTask('charge')}<boundaryEvent id="cb" attachedToRef="charge"><compensateEventDefinition/></boundaryEvent>
          <serviceTask id="refund" isForCompensation="true"><extensionElements><zeebe:taskDefinition type="refund"/></extensionElements></serviceTask><association id="as" sourceRef="cb" targetRef="refund"/>
          ${userTask('decide')}<exclusiveGateway id="ok" default="ok-cancel"/><endEvent id="granted"/><endEvent id="refused"><cancelEventDefinition/></endEvent>
          ${flows('ts', 'charge', 'decide', 'ok')}<sequenceFlow id="ok-granted" sourceRef="ok" targetRef="granted"><conditionExpression>=approved</conditionExpression></sequenceFlow><sequenceFlow id="ok-cancel" sourceRef="ok" targetRef="refused"/></transaction>
        <boundaryEvent id="canceled" attachedToRef="tx"><cancelEventDefinition/></boundaryEvent>${userTask('notifyRefusal')}${userTask('deliver')}<endEvent id="end"/><endEvent id="end2"/>
        ${flows('start', 'tx', 'deliver', 'end')}${flows('canceled', 'notifyRefusal', 'end2')}`,
      ),
    );
    await d.deploy(
      processXml(
        'inspection',
        `<startEvent id="start"/><adHocSubProcess id="checks"><extensionElements><zeebe:adHoc activeElementsCollection="=needed"/></extensionElements>${userTask('site')}${userTask('documents')}</adHocSubProcess>${userTask('decide')}<endEvent id="end"/>${flows('start', 'checks', 'decide', 'end')}`,
      ),
    );
  });
  afterAll(() => d.close());

  test('Given an embedded subprocess, its tasks run inside it and the process goes on after it', async () => {
    const id = await d.start('embedded', { caseNo: 'E-1' });
    await d.completeTask(id, 'check');
    await d.completeTask(id, 'sign', { signed: true });
    expect(await d.openTasks(id)).toEqual(['deliver']);
    expect((await d.variables(id)).signed).toBe(true);
  });

  test('Given a non-interrupting timer event subprocess, the reminder job runs beside the work', async () => {
    const id = await d.start('embedded', { caseNo: 'E-2' });
    // the instance of the first test is still running too, so its reminder fires as well
    expect(await d.advance(2 * 86_400_000)).toBe(2);
    expect(await d.waiting(id)).toEqual(['check', 'notify']);
  });

  test('Given an interrupting message event subprocess, withdrawal cancels the subprocess and its task', async () => {
    const id = await d.start('embedded', { caseNo: 'E-3' });
    await d.publish('withdraw', 'E-3');
    expect(await d.openTasks(id)).toEqual(['archive']);
    await d.completeTask(id, 'archive');
    expect(await d.status(id)).toBe('completed');
  });

  test('Given a transaction whose permit is refused, the charged fee is refunded by compensation and the cancel path runs', async () => {
    const id = await d.start('bundle-transaction', { caseNo: 'T-1' });
    await d.completeJob(id, 'charge', { charged: 100 });
    await d.completeTask(id, 'decide', { approved: false });
    expect(await d.waiting(id)).toEqual(['refund', 'refused']);
    await d.completeJob(id, 'refund', { refunded: 100 }, 'refund');
    expect(await d.openTasks(id)).toEqual(['notifyRefusal']);
    expect((await d.variables(id)).refunded).toBe(100);
  });

  test('Given an ad-hoc subprocess, only the checks the case needs are created and it completes after them', async () => {
    const id = await d.start('inspection', { needed: ['documents'] });
    expect(await d.openTasks(id)).toEqual(['documents']);
    await d.completeTask(id, 'documents');
    expect(await d.openTasks(id)).toEqual(['decide']);
  });
});
