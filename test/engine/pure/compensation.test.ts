import { compileOne, flows, problemsOf, processXml, serviceTask, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

/** A job `id` whose compensation boundary is associated with the handler `undo_id`. */
const compensable = (id: string) =>
  `${serviceTask(id)}<boundaryEvent id="cb_${id}" attachedToRef="${id}"><compensateEventDefinition/></boundaryEvent>${serviceTask(`undo_${id}`).replace('<serviceTask ', '<serviceTask isForCompensation="true" ')}`;
const association = (id: string) => `<association id="a_${id}" sourceRef="cb_${id}" targetRef="undo_${id}"/>`;

describe('compensation and transactions (pure interpreter)', () => {
  test('Given two completed activities, a compensation throw runs their handlers in reverse order and waits for them', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${compensable('reserve')}${compensable('charge')}${userTask('confirm')}<intermediateThrowEvent id="undo"><compensateEventDefinition/></intermediateThrowEvent>${userTask('after')}<endEvent id="end"/>
        ${flows('start', 'reserve', 'charge', 'confirm', 'undo', 'after', 'end')}${association('reserve')}${association('charge')}`,
      ),
    );
    const run = new PureRunner(model, { roundTrip: true }).start().complete('reserve').complete('charge').complete('confirm');
    expect(run.of('job.created').map((job) => job.elementId).slice(-2)).toEqual(['undo_charge', 'undo_reserve']);
    expect(run.waitingIds()).toEqual(['undo', 'undo_charge', 'undo_reserve']);
    run.complete('undo_charge');
    expect(run.waitingIds()).toEqual(['undo', 'undo_reserve']);
    run.complete('undo_reserve');
    expect(run.waitingIds()).toEqual(['after']);
  });

  test('Given nothing completed yet, a compensation throw passes at once', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><intermediateThrowEvent id="undo"><compensateEventDefinition/></intermediateThrowEvent>${compensable('reserve')}<endEvent id="end"/>${flows('start', 'undo', 'reserve', 'end')}${association('reserve')}`),
    );
    const run = new PureRunner(model).start();
    expect(run.waitingIds()).toEqual(['reserve']);
  });

  test('Given a transaction whose cancel end event is reached, the rest is terminated, completed work compensated, and the cancel boundary taken', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>
        <transaction id="tx"><startEvent id="ts"/>${compensable('book')}<exclusiveGateway id="ok" default="ok-cancel"/><endEvent id="done"/><endEvent id="cancel"><cancelEventDefinition/></endEvent>
          ${flows('ts', 'book', 'ok')}<sequenceFlow id="ok-done" sourceRef="ok" targetRef="done"><conditionExpression>=paid</conditionExpression></sequenceFlow><sequenceFlow id="ok-cancel" sourceRef="ok" targetRef="cancel"/>${association('book')}</transaction>
        <boundaryEvent id="canceled" attachedToRef="tx"><cancelEventDefinition/></boundaryEvent>${userTask('apologise')}${userTask('deliver')}<endEvent id="end"/><endEvent id="end2"/>
        ${flows('start', 'tx', 'deliver', 'end')}${flows('canceled', 'apologise', 'end2')}`,
      ),
    );
    const canceled = new PureRunner(model, { roundTrip: true }).start({ paid: false }).complete('book');
    expect(canceled.waitingIds()).toEqual(['cancel', 'undo_book']);
    canceled.complete('undo_book');
    expect(canceled.waitingIds()).toEqual(['apologise']);
    expect(canceled.historyOf('tx')).toEqual(expect.arrayContaining(['boundary.triggered', 'element.terminated']));

    const paid = new PureRunner(model).start({ paid: true }).complete('book');
    expect(paid.waitingIds()).toEqual(['deliver']);
  });

  test('a compensation boundary without a handler, and a cancel end event outside a transaction, are refused at deploy', async () => {
    const problems = await problemsOf(
      processXml('p', `<startEvent id="start"/>${serviceTask('a')}<boundaryEvent id="cb" attachedToRef="a"><compensateEventDefinition/></boundaryEvent><endEvent id="x"><cancelEventDefinition/></endEvent>${flows('start', 'a', 'x')}`),
    );
    expect(problems.map((entry) => entry.elementId).sort()).toEqual(['cb', 'x']);
  });
});
