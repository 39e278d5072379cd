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
});
