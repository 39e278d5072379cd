import { calendarFromLayers } from '../../../engine/time/index.js';
import { compileOne, flow, flows, processXml, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

const message = (id: string, name: string, key: string) => `<message id="${id}" name="${name}"><extensionElements><zeebe:subscription correlationKey="${key}"/></extensionElements></message>`;

describe('events (pure interpreter)', () => {
  test('Given a timer catch with a duration, the timer is due that long after now and the token moves on when it fires', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/><intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>P2DT3H</timeDuration></timerEventDefinition></intermediateCatchEvent><endEvent id="end"/>${flows('start', 'wait', 'end')}`));
    const run = new PureRunner(model, { roundTrip: true }).start();
    expect(run.of('timer.created')).toEqual([expect.objectContaining({ elementId: 'wait', dueAt: '2025-09-27T04:00:00.000Z' })]);
    run.fireTimer('wait');
    expect(run.status).toBe('completed');
  });

  test('Given a timer with a FEEL date, the date comes from the variables', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/><intermediateCatchEvent id="wait"><timerEventDefinition><timeDate>=hearingAt</timeDate></timerEventDefinition></intermediateCatchEvent><endEvent id="end"/>${flows('start', 'wait', 'end')}`));
    const run = new PureRunner(model).start({ hearingAt: '2025-10-09T09:30:00+08:00' });
    expect(run.timerDue('wait')).toBe('2025-10-09T01:30:00.000Z');
    const bad = new PureRunner(model).start({ hearingAt: 'next tuesday' });
    expect(bad.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'wait', errorType: 'TIMER_FAILED' })]);
  });

  test('Given gov:calendar working, P20D counts 20 working days on the business calendar (over National Day)', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><intermediateCatchEvent id="limit"><timerEventDefinition><extensionElements><gov:calendar name="working"/></extensionElements><timeDuration>P20D</timeDuration></timerEventDefinition></intermediateCatchEvent><endEvent id="end"/>${flows('start', 'limit', 'end')}`),
    );
    const calendar = calendarFromLayers();
    const run = new PureRunner(model, { services: { calendar } }).start();
    const expected = calendar.addDuration(new Date('2025-09-25T01:00:00Z'), 'P20D', { calendar: 'working' });
    expect(expected.ok).toBe(true);
    expect(run.timerDue('limit')).toBe(expected.ok ? expected.value.toISOString() : '');
    // 20 natural days would be 2025-10-15; the holiday week and weekends push the working-day limit later
    expect(new Date(run.timerDue('limit') as string).getTime()).toBeGreaterThan(new Date('2025-10-16T00:00:00Z').getTime());
    const onEvent = await compileOne(
      processXml('p', `<startEvent id="start"/><intermediateCatchEvent id="limit"><extensionElements><gov:calendar name="working"/></extensionElements><timerEventDefinition><timeDuration>P20D</timeDuration></timerEventDefinition></intermediateCatchEvent><endEvent id="end"/>${flows('start', 'limit', 'end')}`),
    );
    expect(new PureRunner(onEvent, { services: { calendar } }).start().timerDue('limit')).toBe(run.timerDue('limit'));
    const without = new PureRunner(model).start();
    expect(without.of('incident.created')).toEqual([expect.objectContaining({ errorType: 'CALENDAR_FAILED' })]);
  });

  test('Given a message catch with a FEEL correlation key, a message with that key moves the token and brings its variables', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/><intermediateCatchEvent id="supplement"><messageEventDefinition messageRef="m"/></intermediateCatchEvent><endEvent id="end"/>${flows('start', 'supplement', 'end')}`, message('m', '补正材料', '=caseNo')));
    const run = new PureRunner(model, { roundTrip: true }).start({ caseNo: 'SP-1' });
    expect(run.of('messageSubscription.opened')).toEqual([expect.objectContaining({ messageName: '补正材料', correlationKey: 'SP-1', interrupting: true })]);
    run.correlate('补正材料', 'SP-1', { files: 3 });
    expect(run.status).toBe('completed');
    expect(run.variables.files).toBe(3);
  });

  test('Given a receive task, it waits for its message like a catch event', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/><receiveTask id="receive" messageRef="m"/><endEvent id="end"/>${flows('start', 'receive', 'end')}`, message('m', 'reply', '=id')));
    const run = new PureRunner(model).start({ id: 7 });
    expect(run.of('messageSubscription.opened')[0]).toMatchObject({ correlationKey: '7', elementId: 'receive' });
    run.correlate('reply', '7');
    expect(run.status).toBe('completed');
  });

  test('Given a signal catch and a signal throw, the throw is handed to the store and the catch waits for the broadcast', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><parallelGateway id="fork"/><intermediateCatchEvent id="heard"><signalEventDefinition signalRef="s"/></intermediateCatchEvent><intermediateThrowEvent id="shout"><signalEventDefinition signalRef="s"/></intermediateThrowEvent><endEvent id="e1"/><endEvent id="e2"/>
        ${flows('start', 'fork')}${flow('fork', 'heard')}${flow('fork', 'shout')}${flows('heard', 'e1')}${flows('shout', 'e2')}`,
        '<signal id="s" name="暴雨预警"/>',
      ),
    );
    const run = new PureRunner(model).start();
    expect(run.of('signal.thrown')).toEqual([expect.objectContaining({ signalName: '暴雨预警' })]);
    expect(run.of('signalSubscription.opened')).toEqual([expect.objectContaining({ signalName: '暴雨预警' })]);
    run.signal('暴雨预警');
    expect(run.status).toBe('completed');
  });

  test('Given a conditional catch, it fires when its condition becomes true after variables change', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/><intermediateCatchEvent id="ready"><conditionalEventDefinition><condition>=materialsComplete = true</condition></conditionalEventDefinition></intermediateCatchEvent><endEvent id="end"/>${flows('start', 'ready', 'end')}`));
    const run = new PureRunner(model, { roundTrip: true }).start({ materialsComplete: false });
    expect(run.waitingIds()).toEqual(['ready']);
    run.setVariables({ materialsComplete: true });
    expect(run.status).toBe('completed');
    const already = new PureRunner(model).start({ materialsComplete: true });
    expect(already.status).toBe('completed');
  });

  test('Given link events, the token jumps from the throw to the catch of the same name', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><intermediateThrowEvent id="go"><linkEventDefinition name="page2"/></intermediateThrowEvent><intermediateCatchEvent id="land"><linkEventDefinition name="page2"/></intermediateCatchEvent>${userTask('t')}<endEvent id="end"/>${flows('start', 'go')}${flows('land', 't', 'end')}`),
    );
    const run = new PureRunner(model).start();
    expect(run.waitingIds()).toEqual(['t']);
  });

  test('Given a terminate end event, every other token of the scope ends and the process completes', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><parallelGateway id="fork"/>${userTask('a')}${userTask('b')}<endEvent id="stop"><terminateEventDefinition/></endEvent><endEvent id="end"/>${flows('start', 'fork')}${flow('fork', 'a')}${flow('fork', 'b')}${flows('a', 'stop')}${flows('b', 'end')}`),
    );
    const run = new PureRunner(model).start().complete('a');
    expect(run.status).toBe('completed');
    expect(run.of('userTask.canceled')).toEqual([expect.objectContaining({ elementId: 'b' })]);
    expect(run.historyOf('b')).toContain('element.terminated');
  });

  test('Given an error end event no one catches, an incident names the error; in a called instance it goes up to the parent', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/><endEvent id="fail"><errorEventDefinition errorRef="err"/></endEvent>${flows('start', 'fail')}`, '<error id="err" errorCode="NOT_ELIGIBLE"/>'));
    const run = new PureRunner(model).start();
    expect(run.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'fail', errorType: 'UNHANDLED_ERROR' })]);
    const child = new PureRunner(model).start({}, { calledBy: { instanceId: 'parent-1', elementInstanceId: '4' } });
    expect(child.of('error.propagated')).toEqual([expect.objectContaining({ errorCode: 'NOT_ELIGIBLE', calledBy: { instanceId: 'parent-1', elementInstanceId: '4' } })]);
    expect(child.status).toBe('terminated');
  });

  test('Given a timer cycle R3/PT1H on a non-interrupting boundary, it fires three times and then stops', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/>${userTask('work')}<boundaryEvent id="remind" attachedToRef="work" cancelActivity="false"><timerEventDefinition><timeCycle>R3/PT1H</timeCycle></timerEventDefinition></boundaryEvent>${userTask('nudge')}<endEvent id="end"/><endEvent id="e2"/>${flows('start', 'work', 'end')}${flows('remind', 'nudge', 'e2')}`),
    );
    const run = new PureRunner(model, { roundTrip: true }).start();
    run.fireTimer('remind').fireTimer('remind').fireTimer('remind');
    expect(run.of('timer.created').map((timer) => timer.dueAt)).toEqual(['2025-09-25T02:00:00.000Z', '2025-09-25T03:00:00.000Z', '2025-09-25T04:00:00.000Z']);
    expect(run.timerDue('remind')).toBeUndefined();
    expect(run.state.waiting.filter((entry) => entry.elementId === 'nudge')).toHaveLength(3);
    expect(run.waitingIds()).toContain('work');
  });
});
