import { compileOne, flow, flows, processXml, serviceTask, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

describe('gateways (pure interpreter)', () => {
  test('Given a parallel fork and join, the join waits for a token on every incoming flow', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><parallelGateway id="fork"/>${userTask('a')}${userTask('b')}<parallelGateway id="join"/><endEvent id="end"/>
      ${flows('start', 'fork')}${flow('fork', 'a')}${flow('fork', 'b')}${flow('a', 'join')}${flow('b', 'join')}${flows('join', 'end')}`),
    );
    const run = new PureRunner(model, { roundTrip: true }).start();
    expect(run.waitingIds()).toEqual(['a', 'b']);
    run.complete('a');
    expect(run.completed()).not.toContain('join');
    expect(run.status).toBe('active');
    run.complete('b');
    expect(run.completed().filter((id) => id === 'join')).toHaveLength(1);
    expect(run.status).toBe('completed');
  });

  test('Given two tokens on one incoming flow of a join, the second waits for the next round (it is not counted twice)', async () => {
    // start → fork → (x, x) both into join's first flow via a loop is hard to draw; two starts into one task is the spec's example.
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><parallelGateway id="fork"/>${userTask('a')}${userTask('b')}<parallelGateway id="join"/>${userTask('after')}<endEvent id="end"/>
      ${flows('start', 'fork')}${flow('fork', 'a', undefined, 'f1')}${flow('fork', 'a', undefined, 'f2')}${flow('fork', 'b')}${flow('a', 'join')}${flow('b', 'join')}${flows('join', 'after', 'end')}`),
    );
    const run = new PureRunner(model).start();
    expect(run.state.waiting.filter((entry) => entry.elementId === 'a')).toHaveLength(2);
    const [first, second] = run.state.waiting.filter((entry) => entry.elementId === 'a').map((entry) => entry.id);
    run.completeAt(first).completeAt(second);
    expect(run.state.waiting.map((entry) => entry.elementId)).toEqual(['b']);
    run.complete('b');
    expect(run.waitingIds()).toEqual(['after']);
    run.complete('after');
    // one token of 'a' still waits at the join for a second token from 'b': the process cannot complete
    expect(run.status).toBe('active');
    expect(Object.values(run.state.joins)).toEqual([['a-join']]);
  });

  test('Given an exclusive gateway, the first true condition wins, else the default; none and no default is an incident', async () => {
    const xml = (withDefault: boolean) =>
      processXml(
        'p',
        `<startEvent id="start"/><exclusiveGateway id="x" ${withDefault ? 'default="x-low"' : ''}/><endEvent id="high"/><endEvent id="mid"/><endEvent id="low"/>
        ${flows('start', 'x')}${flow('x', 'high', '=amount > 100')}${flow('x', 'mid', '=amount > 10')}${withDefault ? flow('x', 'low') : ''}`,
      );
    expect(new PureRunner(await compileOne(xml(true))).start({ amount: 500 }).completed()).toContain('high');
    expect(new PureRunner(await compileOne(xml(true))).start({ amount: 50 }).completed()).toContain('mid');
    expect(new PureRunner(await compileOne(xml(true))).start({ amount: 5 }).completed()).toContain('low');
    const stuck = new PureRunner(await compileOne(xml(false))).start({ amount: 5 });
    expect(stuck.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'x', errorType: 'NO_FLOW_TAKEN' })]);
    const unknown = new PureRunner(await compileOne(xml(true))).start({});
    expect(unknown.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'x', errorType: 'EXPRESSION_FAILED' })]);
  });

  test('Given an inclusive gateway, every true branch runs and the join waits only for the branches taken', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><inclusiveGateway id="split" default="split-c"/>${userTask('a')}${userTask('b')}${userTask('c')}<inclusiveGateway id="merge"/>${userTask('after')}<endEvent id="end"/>
        ${flows('start', 'split')}${flow('split', 'a', '=needA')}${flow('split', 'b', '=needB')}${flow('split', 'c')}
        ${flow('a', 'merge')}${flow('b', 'merge')}${flow('c', 'merge')}${flows('merge', 'after', 'end')}`,
      ),
    );
    const both = new PureRunner(model, { roundTrip: true }).start({ needA: true, needB: true });
    expect(both.waitingIds()).toEqual(['a', 'b']);
    both.complete('a');
    expect(both.waitingIds()).toEqual(['b']);
    both.complete('b');
    expect(both.waitingIds()).toEqual(['after']);

    const one = new PureRunner(model).start({ needA: false, needB: true });
    expect(one.waitingIds()).toEqual(['b']);
    one.complete('b');
    expect(one.waitingIds()).toEqual(['after']);

    const none = new PureRunner(model).start({ needA: false, needB: false });
    expect(none.waitingIds()).toEqual(['c']);
  });

  test('Given an inclusive join, a token upstream that can still reach it is waited for', async () => {
    // a → merge directly; b → extra → merge: after a arrives, b's token at 'b' can still reach merge.
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><parallelGateway id="fork"/>${userTask('a')}${userTask('b')}${userTask('extra')}<inclusiveGateway id="merge"/><endEvent id="end"/>
        ${flows('start', 'fork')}${flow('fork', 'a')}${flow('fork', 'b')}${flow('a', 'merge')}${flows('b', 'extra', 'merge')}${flows('merge', 'end')}`,
      ),
    );
    const run = new PureRunner(model).start();
    run.complete('a');
    expect(run.completed()).not.toContain('merge');
    run.complete('b');
    expect(run.completed()).not.toContain('merge');
    run.complete('extra');
    expect(run.completed()).toContain('merge');
    expect(run.status).toBe('completed');
  });

  test('Given an event-based gateway, the first event wins and the other subscriptions close', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><eventBasedGateway id="g"/>
        <intermediateCatchEvent id="paid"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>
        <intermediateCatchEvent id="timeout"><timerEventDefinition><timeDuration>PT24H</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <endEvent id="done"/><endEvent id="expired"/>
        ${flows('start', 'g')}${flow('g', 'paid')}${flow('g', 'timeout')}${flows('paid', 'done')}${flows('timeout', 'expired')}`,
        `<message id="m" name="payment"><extensionElements><zeebe:subscription correlationKey="=orderId"/></extensionElements></message>`,
      ),
    );
    const paid = new PureRunner(model, { roundTrip: true }).start({ orderId: 'A1' });
    expect(paid.of('messageSubscription.opened')).toEqual([expect.objectContaining({ messageName: 'payment', correlationKey: 'A1', elementId: 'paid' })]);
    expect(paid.of('timer.created')).toEqual([expect.objectContaining({ elementId: 'timeout', dueAt: '2025-09-26T01:00:00.000Z' })]);
    paid.correlate('payment', 'A1', { amount: 10 });
    expect(paid.of('timer.canceled')).toHaveLength(1);
    expect(paid.completed()).toEqual(expect.arrayContaining(['g', 'paid', 'done']));
    expect(paid.variables.amount).toBe(10);
    expect(paid.status).toBe('completed');

    const expired = new PureRunner(model).start({ orderId: 'A2' }).fireTimer('timeout');
    expect(expired.of('messageSubscription.closed')).toHaveLength(1);
    expect(expired.completed()).toContain('expired');
  });

  test('Given a service task after the gateway, conditions use the variables the job returned', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/>${serviceTask('check')}<exclusiveGateway id="x" default="x-no"/><endEvent id="yes"/><endEvent id="no"/>${flows('start', 'check', 'x')}${flow('x', 'yes', '=score >= 600')}${flow('x', 'no')}`),
    );
    expect(new PureRunner(model).start().complete('check', { score: 700 }).completed()).toContain('yes');
  });
});
