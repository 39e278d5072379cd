import { flow, flows, processXml, serviceTask, userTask } from './support/bpmn.js';
import { clerk, EngineDriver } from './support/engine-driver.js';

describe('gateways through the engine (a new Engine on the same database for every command)', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open({ restartEveryStep: true });
    await d.deploy(
      processXml('parallel', `<startEvent id="start"/><parallelGateway id="fork"/>${userTask('a')}${serviceTask('b')}<parallelGateway id="join"/>${userTask('after')}<endEvent id="end"/>
        ${flows('start', 'fork')}${flow('fork', 'a')}${flow('fork', 'b')}${flow('a', 'join')}${flow('b', 'join')}${flows('join', 'after', 'end')}`),
    );
    await d.deploy(
      processXml('inclusive', `<startEvent id="start"/><inclusiveGateway id="split" default="split-c"/>${userTask('a')}${userTask('b')}${userTask('c')}<inclusiveGateway id="merge"/>${userTask('after')}<endEvent id="end"/>
        ${flows('start', 'split')}${flow('split', 'a', '=needA')}${flow('split', 'b', '=needB')}${flow('split', 'c')}${flow('a', 'merge')}${flow('b', 'merge')}${flow('c', 'merge')}${flows('merge', 'after', 'end')}`),
    );
    await d.deploy(
      processXml('exclusive', `<startEvent id="start"/><exclusiveGateway id="x"/><endEvent id="big"/><endEvent id="small"/>${flows('start', 'x')}${flow('x', 'big', '=amount > 100')}${flow('x', 'small', '=amount <= 100')}`),
    );
    await d.deploy(
      processXml(
        'event-gateway',
        `<startEvent id="start"/><eventBasedGateway id="g"/><intermediateCatchEvent id="paid"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
        <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>PT24H</timeDuration></timerEventDefinition></intermediateCatchEvent>${userTask('ship')}${userTask('remind')}<endEvent id="e1"/><endEvent id="e2"/>
        ${flows('start', 'g')}${flow('g', 'paid')}${flow('g', 'timeout')}${flows('paid', 'ship', 'e1')}${flows('timeout', 'remind', 'e2')}`,
        '<message id="m" name="payment"><extensionElements><zeebe:subscription correlationKey="=orderId"/></extensionElements></message>',
      ),
    );
  });
  afterAll(() => d.close());

  test('Given a parallel fork, when one branch completes, then the join still waits; when both have, the token moves on', async () => {
    const id = await d.start('parallel');
    expect(await d.waiting(id)).toEqual(['a', 'b']);
    await d.completeTask(id, 'a');
    expect(await d.waiting(id)).toEqual(['b']);
    await d.completeJob(id, 'b', { checked: true });
    expect(await d.openTasks(id)).toEqual(['after']);
    await d.completeTask(id, 'after');
    expect(await d.status(id)).toBe('completed');
  });

  test('Given an inclusive gateway with two true conditions, the join waits for exactly those two branches', async () => {
    const id = await d.start('inclusive', { needA: true, needB: true });
    expect(await d.openTasks(id)).toEqual(['a', 'b']);
    await d.completeTask(id, 'b');
    expect(await d.openTasks(id)).toEqual(['a']);
    await d.completeTask(id, 'a');
    expect(await d.openTasks(id)).toEqual(['after']);
    const onlyDefault = await d.start('inclusive', { needA: false, needB: false });
    expect(await d.openTasks(onlyDefault)).toEqual(['c']);
  });

  test('Given an exclusive gateway whose condition cannot be evaluated, then an incident is stored on the gateway', async () => {
    const id = await d.start('exclusive', {});
    const [incident] = await d.engine.listIncidents(clerk, { instanceId: id });
    expect(incident).toMatchObject({ element_id: 'x', error_type: 'EXPRESSION_FAILED', state: 'active' });
    expect(incident.message).toContain('amount');
    expect(await d.waiting(id)).toEqual(['x']);
  });

  test('Given an event-based gateway, the message that arrives first wins and the timer is dropped', async () => {
    const id = await d.start('event-gateway', { orderId: 'A-1' });
    await d.publish('payment', 'A-1', { paidAmount: 30 });
    expect(await d.openTasks(id)).toEqual(['ship']);
    expect(await d.advance(25 * 3_600_000)).toBe(0);
    expect((await d.variables(id)).paidAmount).toBe(30);
    const late = await d.start('event-gateway', { orderId: 'A-2' });
    expect(await d.advance(24 * 3_600_000)).toBe(1);
    expect(await d.openTasks(late)).toEqual(['remind']);
  });
});
