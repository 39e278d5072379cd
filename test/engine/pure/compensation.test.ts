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

  test('Given a parallel multi-instance activity over three departments, compensation undoes every completed run with its own department', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>
        <serviceTask id="notify"><extensionElements><zeebe:taskDefinition type="notify"/></extensionElements>
          <multiInstanceLoopCharacteristics><extensionElements><zeebe:loopCharacteristics inputCollection="=departments" inputElement="department"/></extensionElements></multiInstanceLoopCharacteristics>
        </serviceTask>
        <boundaryEvent id="cb_notify" attachedToRef="notify"><compensateEventDefinition/></boundaryEvent>
        ${serviceTask('undo_notify').replace('<serviceTask ', '<serviceTask isForCompensation="true" ')}
        ${userTask('confirm')}<intermediateThrowEvent id="undo"><compensateEventDefinition/></intermediateThrowEvent>${userTask('after')}
        ${flows('start', 'notify', 'confirm', 'undo', 'after')}${association('notify')}`,
      ),
    );
    const run = new PureRunner(model, { roundTrip: true }).start({ departments: ['卫健委', '公安局', '住建局'] });
    const runs = run.state.waiting.filter((entry) => entry.elementId === 'notify').map((entry) => entry.id);
    expect(runs).toHaveLength(3);
    for (const id of runs) run.completeAt(id);
    run.complete('confirm');
    const undos = run.of('job.created').filter((job) => job.elementId === 'undo_notify');
    expect(undos).toHaveLength(3);
    expect(undos.map((job) => job.variables.department).sort()).toEqual(['住建局', '公安局', '卫健委']);
    expect(undos.map((job) => job.variables.loopCounter)).toEqual([3, 2, 1]);
    for (const undo of run.state.waiting.filter((entry) => entry.elementId === 'undo_notify').map((entry) => entry.id)) run.completeAt(undo);
    expect(run.waitingIds()).toEqual(['after']);
  });

  test('Given a multi-instance run that never completed (a completion condition ended it), only the completed runs are compensated', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>
        <serviceTask id="ask"><extensionElements><zeebe:taskDefinition type="ask"/></extensionElements>
          <multiInstanceLoopCharacteristics><extensionElements><zeebe:loopCharacteristics inputCollection="=[1, 2, 3]" inputElement="n"/></extensionElements><completionCondition>=numberOfCompletedInstances &gt;= 2</completionCondition></multiInstanceLoopCharacteristics>
        </serviceTask>
        <boundaryEvent id="cb_ask" attachedToRef="ask"><compensateEventDefinition/></boundaryEvent>
        ${serviceTask('undo_ask').replace('<serviceTask ', '<serviceTask isForCompensation="true" ')}
        <intermediateThrowEvent id="undo"><compensateEventDefinition/></intermediateThrowEvent>${userTask('after')}
        ${flows('start', 'ask', 'undo', 'after')}${association('ask')}`,
      ),
    );
    const run = new PureRunner(model).start();
    const [first, , third] = run.state.waiting.filter((entry) => entry.elementId === 'ask').map((entry) => entry.id);
    run.completeAt(first).completeAt(third);
    expect(run.of('job.created').filter((job) => job.elementId === 'undo_ask').map((job) => job.variables.n)).toEqual([3, 1]);
  });

  test('Given an error event subprocess that throws compensation, the handlers of the activities completed in its scope run', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${compensable('reserve')}${compensable('charge')}${serviceTask('ship')}<endEvent id="end"/>
        ${flows('start', 'reserve', 'charge', 'ship', 'end')}${association('reserve')}${association('charge')}
        <subProcess id="onFailure" triggeredByEvent="true">
          <startEvent id="failed"><errorEventDefinition errorRef="ShipErr"/></startEvent>
          <intermediateThrowEvent id="undoAll"><compensateEventDefinition/></intermediateThrowEvent>
          ${userTask('apologise')}<endEvent id="handled"/>
          ${flows('failed', 'undoAll', 'apologise', 'handled')}
        </subProcess>`,
        '<error id="ShipErr" errorCode="SHIP"/>',
      ),
    );
    const run = new PureRunner(model, { roundTrip: true }).start().complete('reserve').complete('charge').throwError('ship', 'SHIP');
    expect(run.waitingIds()).toEqual(['undoAll', 'undo_charge', 'undo_reserve']);
    run.complete('undo_charge').complete('undo_reserve');
    expect(run.waitingIds()).toEqual(['apologise']);
    run.complete('apologise');
    expect(run.status).toBe('completed');
  });
});
