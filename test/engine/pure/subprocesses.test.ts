import { compileOne, flow, flows, processXml, serviceTask, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

const message = (id: string, name: string, key: string) => `<message id="${id}" name="${name}"><extensionElements><zeebe:subscription correlationKey="${key}"/></extensionElements></message>`;

describe('subprocesses (pure interpreter)', () => {
  test('Given an embedded subprocess with input mappings, its locals stay inside and the process completes after it', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><subProcess id="sub"><extensionElements><zeebe:ioMapping><zeebe:input source="=1" target="round"/></zeebe:ioMapping></extensionElements><startEvent id="s1"/>${userTask('inner')}<endEvent id="e1"/>${flows('s1', 'inner', 'e1')}</subProcess><endEvent id="end"/>${flows('start', 'sub', 'end')}`,
      ),
    );
    const run = new PureRunner(model, { roundTrip: true }).start();
    run.complete('inner', { round: 2, opinion: 'ok' });
    expect(run.status).toBe('completed');
    // 'round' is a local of the subprocess, so it was set there and is gone with it; 'opinion' reached the process
    expect(run.variables).toEqual({ opinion: 'ok' });
    expect(run.completed()).toEqual(['start', 's1', 'inner', 'e1', 'sub', 'end']);
  });

  test('Given an interrupting message event subprocess (撤回 withdrawal), it cancels the running process and runs instead', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${userTask('review')}<endEvent id="end"/>${flows('start', 'review', 'end')}
        <subProcess id="withdraw" triggeredByEvent="true"><startEvent id="ws"><messageEventDefinition messageRef="m"/></startEvent>${userTask('archive')}<endEvent id="we"/>${flows('ws', 'archive', 'we')}</subProcess>`,
        message('m', 'withdraw', '=caseNo'),
      ),
    );
    const run = new PureRunner(model, { roundTrip: true }).start({ caseNo: 'C9' });
    expect(run.of('messageSubscription.opened')).toEqual([expect.objectContaining({ elementId: 'ws', elementInstanceId: 'process' })]);
    run.correlate('withdraw', 'C9', { reason: '申请人撤回' });
    expect(run.of('userTask.canceled')).toEqual([expect.objectContaining({ elementId: 'review' })]);
    expect(run.waitingIds()).toEqual(['archive']);
    run.complete('archive');
    expect(run.status).toBe('completed');
    expect(run.variables.reason).toBe('申请人撤回');
  });

  test('Given a non-interrupting timer event subprocess (催办 reminder), it runs beside the main path', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${userTask('review')}<endEvent id="end"/>${flows('start', 'review', 'end')}
        <subProcess id="remind" triggeredByEvent="true"><startEvent id="rs" isInterrupting="false"><timerEventDefinition><timeDuration>P3D</timeDuration></timerEventDefinition></startEvent>${serviceTask('notify')}<endEvent id="re"/>${flows('rs', 'notify', 're')}</subProcess>`,
      ),
    );
    const run = new PureRunner(model).start().fireTimer('rs');
    expect(run.waitingIds()).toEqual(['notify', 'review']);
    run.complete('notify');
    expect(run.status).toBe('active');
    run.complete('review');
    expect(run.status).toBe('completed');
  });

  test('Given an error event subprocess, an error thrown by a job anywhere in the scope is handled there', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${serviceTask('charge')}<endEvent id="end"/>${flows('start', 'charge', 'end')}
        <subProcess id="onError" triggeredByEvent="true"><startEvent id="es"><errorEventDefinition errorRef="e"/></startEvent>${userTask('manual')}<endEvent id="ee"/>${flows('es', 'manual', 'ee')}</subProcess>`,
        '<error id="e" errorCode="PAYMENT_FAILED"/>',
      ),
    );
    const run = new PureRunner(model).start().throwError('charge', 'PAYMENT_FAILED');
    expect(run.waitingIds()).toEqual(['manual']);
  });

  test('Given a call activity, it asks for a child with the variables and finishes with the child result through output mappings', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><callActivity id="call"><extensionElements><zeebe:calledElement processId="=matter" propagateAllChildVariables="false"/><zeebe:ioMapping><zeebe:output source="=licenseNo" target="license"/></zeebe:ioMapping></extensionElements></callActivity><endEvent id="end"/>${flows('start', 'call', 'end')}`,
      ),
    );
    const run = new PureRunner(model, { roundTrip: true }).start({ matter: 'food-permit', applicant: '张' });
    expect(run.of('childInstance.requested')).toEqual([expect.objectContaining({ processId: 'food-permit', variables: { matter: 'food-permit', applicant: '张' } })]);
    run.completeChild('call', { licenseNo: 'JY123', internal: 1 });
    expect(run.variables).toEqual({ matter: 'food-permit', applicant: '张', license: 'JY123' });
    expect(run.status).toBe('completed');
  });

  test('Given a call activity is interrupted by its boundary, the child is asked to cancel', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><callActivity id="call"><extensionElements><zeebe:calledElement processId="child"/></extensionElements></callActivity><boundaryEvent id="b" attachedToRef="call"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent><endEvent id="end"/><endEvent id="e2"/>${flows('start', 'call', 'end')}${flow('b', 'e2')}`),
    );
    const run = new PureRunner(model).start().fireTimer('b');
    expect(run.of('childInstance.cancelRequested')).toEqual([expect.objectContaining({ elementId: 'call' })]);
    expect(run.status).toBe('completed');
  });

  test('Given an ad-hoc subprocess, the elements it names run; it completes when its condition holds and ends the rest', async () => {
    const adHoc = (condition: string, cancel = true) =>
      processXml(
        'p',
        `<startEvent id="start"/><adHocSubProcess id="adhoc" cancelRemainingInstances="${cancel}"><extensionElements><zeebe:adHoc activeElementsCollection="=checks"/></extensionElements>
          ${userTask('site')}${userTask('documents')}${serviceTask('credit')}${userTask('followUp')}${flows('documents', 'followUp')}${condition ? `<completionCondition>${condition}</completionCondition>` : ''}</adHocSubProcess>
        ${userTask('decide')}<endEvent id="end"/>${flows('start', 'adhoc', 'decide', 'end')}`,
      );
    const all = new PureRunner(await compileOne(adHoc('')), { roundTrip: true }).start({ checks: ['site', 'documents'] });
    expect(all.waitingIds()).toEqual(['documents', 'site']);
    all.complete('documents');
    expect(all.waitingIds()).toEqual(['followUp', 'site']);
    all.complete('site').complete('followUp');
    expect(all.waitingIds()).toEqual(['decide']);

    const early = new PureRunner(await compileOne(adHoc('=siteOk = true'))).start({ checks: ['site', 'documents', 'credit'] });
    early.complete('site', { siteOk: true });
    expect(early.waitingIds()).toEqual(['decide']);
    expect(early.of('userTask.canceled')).toHaveLength(1);
    expect(early.of('job.canceled')).toHaveLength(1);

    const bad = new PureRunner(await compileOne(adHoc(''))).start({ checks: ['followUp'] });
    expect(bad.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'adhoc' })]);

    const later = new PureRunner(await compileOne(adHoc('=false'))).start({ checks: [] });
    later.modify({ terminate: [], activate: [{ elementId: 'credit' }] });
    expect(later.waitingIds()).toEqual(['credit']);
  });
});
