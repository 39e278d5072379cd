import { calendarFromLayers } from '../../engine/index.js';
import { flow, flows, processXml, userTask } from './support/bpmn.js';
import { EngineDriver } from './support/engine-driver.js';

const HOUR = 3_600_000;
const message = (id: string, name: string, key: string) => `<message id="${id}" name="${name}"><extensionElements><zeebe:subscription correlationKey="${key}"/></extensionElements></message>`;

describe('events through the engine', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open({ restartEveryStep: true });
    await d.deploy(processXml('wait', `<startEvent id="start"/><intermediateCatchEvent id="cool"><timerEventDefinition><timeDuration>PT2H</timeDuration></timerEventDefinition></intermediateCatchEvent>${userTask('next')}<endEvent id="end"/>${flows('start', 'cool', 'next', 'end')}`));
    await d.deploy(
      processXml('working-limit', `<startEvent id="start"/><intermediateCatchEvent id="limit"><timerEventDefinition><extensionElements><gov:calendar name="working"/></extensionElements><timeDuration>P20D</timeDuration></timerEventDefinition></intermediateCatchEvent>${userTask('overdue')}<endEvent id="end"/>${flows('start', 'limit', 'overdue', 'end')}`),
    );
    await d.deploy(processXml('supplement', `<startEvent id="start"/><receiveTask id="await" messageRef="m"/>${userTask('review')}<endEvent id="end"/>${flows('start', 'await', 'review', 'end')}`, message('m', '补正材料', '=caseNo')));
    await d.deploy(
      processXml(
        'signals',
        `<startEvent id="start"/><intermediateCatchEvent id="alarm"><signalEventDefinition signalRef="s"/></intermediateCatchEvent>${userTask('respond')}<endEvent id="end"/>${flows('start', 'alarm', 'respond', 'end')}`,
        '<signal id="s" name="防汛应急"/>',
      ),
    );
    await d.deploy(
      processXml('conditional', `<startEvent id="start"/><intermediateCatchEvent id="ready"><conditionalEventDefinition><condition>=complete = true</condition></conditionalEventDefinition></intermediateCatchEvent>${userTask('accept')}<endEvent id="end"/>${flows('start', 'ready', 'accept', 'end')}`),
    );
    await d.deploy(
      processXml(
        'terminate',
        `<startEvent id="start"/><parallelGateway id="f"/>${userTask('a')}${userTask('b')}<endEvent id="stop"><terminateEventDefinition/></endEvent><endEvent id="end"/>${flows('start', 'f')}${flow('f', 'a')}${flow('f', 'b')}${flows('a', 'stop')}${flows('b', 'end')}`,
      ),
    );
  });
  afterAll(() => d.close());

  test('Given a timer catch of two hours, when the clock passes it the executor fires it and the token moves on', async () => {
    const id = await d.start('wait');
    expect(await d.advance(HOUR)).toBe(0);
    expect(await d.openTasks(id)).toEqual([]);
    expect(await d.advance(HOUR)).toBe(1);
    expect(await d.openTasks(id)).toEqual(['next']);
  });

  test('Given P20D in working days (gov:calendar), the timer is due on the business calendar day', async () => {
    const id = await d.start('working-limit');
    const expected = calendarFromLayers().addDuration(d.clock.now(), 'P20D', { calendar: 'working' });
    const timer = Object.values((await d.instance(id)).state.timers)[0];
    expect(expected.ok && timer.dueAt).toBe(expected.ok ? expected.value.toISOString() : 'no calendar');
  });

  test('Given a receive task, a published message with the case number continues it with its variables', async () => {
    const id = await d.start('supplement', { caseNo: 'SP-7' });
    // another case's key finds no subscriber and has no time to live: the caller is told
    await expect(d.publish('补正材料', 'SP-8', { pages: 1 })).rejects.toThrow(/No instance waits/);
    expect(await d.waiting(id)).toEqual(['await']);
    await d.publish('补正材料', 'SP-7', { pages: 4 });
    expect(await d.openTasks(id)).toEqual(['review']);
    expect((await d.variables(id)).pages).toBe(4);
  });

  test('Given a signal catch, a broadcast signal continues every instance waiting for it', async () => {
    const first = await d.start('signals');
    const second = await d.start('signals');
    await d.signal('防汛应急', { level: 'IV' });
    expect(await d.openTasks(first)).toEqual(['respond']);
    expect(await d.openTasks(second)).toEqual(['respond']);
  });

  test('Given a conditional catch, setting the variable that makes it true continues the instance', async () => {
    const id = await d.start('conditional', { complete: false });
    expect(await d.waiting(id)).toEqual(['ready']);
    await d.setVariables(id, { complete: true });
    expect(await d.openTasks(id)).toEqual(['accept']);
  });

  test('Given a terminate end event, the other branch task is canceled and the instance completes', async () => {
    const id = await d.start('terminate');
    await d.completeTask(id, 'a');
    expect(await d.status(id)).toBe('completed');
    expect(await d.openTasks(id)).toEqual([]);
    expect(await d.historyTypes(id, 'b')).toContain('element.terminated');
  });
});
