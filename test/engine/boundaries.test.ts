import { flows, processXml, serviceTask, userTask } from './support/bpmn.js';
import { EngineDriver } from './support/engine-driver.js';

const DAY = 86_400_000;

describe('boundary events through the engine', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open({ restartEveryStep: true });
    // 补正: the applicant has 15 days to supplement; afterwards the application is closed.
    await d.deploy(
      processXml(
        'supplement-timeout',
        `<startEvent id="start"/>${userTask('supplement', '', '补正材料')}<boundaryEvent id="expired" attachedToRef="supplement"><timerEventDefinition><timeDuration>P15D</timeDuration></timerEventDefinition></boundaryEvent>
        <boundaryEvent id="urge" attachedToRef="supplement" cancelActivity="false"><timerEventDefinition><timeCycle>R2/P5D</timeCycle></timerEventDefinition></boundaryEvent>
        ${userTask('review')}${userTask('close')}${serviceTask('notify')}<endEvent id="end"/><endEvent id="closed"/><endEvent id="urged"/>
        ${flows('start', 'supplement', 'review', 'end')}${flows('expired', 'close', 'closed')}${flows('urge', 'notify', 'urged')}`,
      ),
    );
    await d.deploy(
      processXml(
        'checked',
        `<startEvent id="start"/>${serviceTask('verify')}<boundaryEvent id="invalid" attachedToRef="verify"><errorEventDefinition errorRef="e"/></boundaryEvent>${userTask('correct')}<endEvent id="end"/><endEvent id="e2"/>
        ${flows('start', 'verify', 'end')}${flows('invalid', 'correct', 'e2')}`,
        '<error id="e" errorCode="LICENSE_INVALID"/>',
      ),
    );
    await d.deploy(
      processXml(
        'withdrawable',
        `<startEvent id="start"/>${userTask('review')}<boundaryEvent id="withdrawn" attachedToRef="review"><messageEventDefinition messageRef="m"/></boundaryEvent>${userTask('archive')}<endEvent id="end"/><endEvent id="e2"/>
        ${flows('start', 'review', 'end')}${flows('withdrawn', 'archive', 'e2')}`,
        '<message id="m" name="撤回申请"><extensionElements><zeebe:subscription correlationKey="=caseNo"/></extensionElements></message>',
      ),
    );
  });
  afterAll(() => d.close());

  test('Given 补正 with a 15-day limit and a reminder every 5 days, the reminders run beside it and the limit closes the case', async () => {
    const id = await d.start('supplement-timeout');
    expect(await d.advance(5 * DAY)).toBe(1);
    expect(await d.waiting(id)).toEqual(['notify', 'supplement']);
    expect(await d.advance(5 * DAY)).toBe(1);
    expect(await d.advance(5 * DAY)).toBe(1);
    expect(await d.openTasks(id)).toEqual(['close']);
    expect(await d.historyTypes(id, 'supplement')).toContain('element.terminated');
  });

  test('Given the applicant supplements in time, the boundary timers are gone', async () => {
    const id = await d.start('supplement-timeout');
    await d.completeTask(id, 'supplement');
    expect(await d.advance(20 * DAY)).toBe(0);
    expect(await d.openTasks(id)).toEqual(['review']);
  });

  test('Given an error boundary on a job, a BPMN error from the worker takes the error path', async () => {
    const id = await d.start('checked');
    await d.throwJobError(id, 'verify', 'LICENSE_INVALID');
    expect(await d.openTasks(id)).toEqual(['correct']);
  });

  test('Given a message boundary (撤回), the message cancels the review task', async () => {
    const id = await d.start('withdrawable', { caseNo: 'W-1' });
    await d.publish('撤回申请', 'W-1');
    expect(await d.openTasks(id)).toEqual(['archive']);
  });
});
