import { compileOne, flow, flows, processXml, serviceTask, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

const message = (id: string, name: string, key: string) => `<message id="${id}" name="${name}"><extensionElements><zeebe:subscription correlationKey="${key}"/></extensionElements></message>`;

/** start → host → end, with one boundary event `b` on the host leading to `handled`. */
function withBoundary(host: string, boundary: string, extra = ''): string {
  return processXml('p', `<startEvent id="start"/>${host}${boundary}${userTask('handled')}<endEvent id="end"/><endEvent id="e2"/>${flows('start', 'work', 'end')}${flows('b', 'handled', 'e2')}`, extra);
}

describe('boundary events (pure interpreter)', () => {
  test('Given an interrupting timer boundary on a user task (补正 timeout), when it fires the task is canceled and the timeout path runs', async () => {
    const model = await compileOne(withBoundary(userTask('work'), '<boundaryEvent id="b" attachedToRef="work"><timerEventDefinition><timeDuration>P15D</timeDuration></timerEventDefinition></boundaryEvent>'));
    const run = new PureRunner(model, { roundTrip: true }).start();
    expect(run.timerDue('b')).toBe('2025-10-10T01:00:00.000Z');
    run.fireTimer('b');
    expect(run.of('userTask.canceled')).toEqual([expect.objectContaining({ elementId: 'work' })]);
    expect(run.waitingIds()).toEqual(['handled']);
    expect(run.historyOf('work')).toEqual(expect.arrayContaining(['element.terminated', 'boundary.triggered']));
  });

  test('Given the task completes before the timer, the boundary timer is canceled', async () => {
    const model = await compileOne(withBoundary(userTask('work'), '<boundaryEvent id="b" attachedToRef="work"><timerEventDefinition><timeDuration>P15D</timeDuration></timerEventDefinition></boundaryEvent>'));
    const run = new PureRunner(model).start().complete('work');
    expect(run.of('timer.canceled')).toHaveLength(1);
    expect(run.status).toBe('completed');
  });

  test('Given a non-interrupting message boundary on a job, the message starts a side path while the job stays', async () => {
    const model = await compileOne(withBoundary(serviceTask('work'), '<boundaryEvent id="b" attachedToRef="work" cancelActivity="false"><messageEventDefinition messageRef="m"/></boundaryEvent>', message('m', 'urge', '=caseNo')));
    const run = new PureRunner(model).start({ caseNo: 'C1' });
    run.correlate('urge', 'C1', { urged: true });
    expect(run.waitingIds()).toEqual(['handled', 'work']);
    expect(run.of('job.canceled')).toHaveLength(0);
    run.complete('work');
    expect(run.of('messageSubscription.closed')).toHaveLength(1);
    run.complete('handled');
    expect(run.status).toBe('completed');
  });

  test('Given an interrupting signal boundary, the signal cancels the job', async () => {
    const model = await compileOne(withBoundary(serviceTask('work'), '<boundaryEvent id="b" attachedToRef="work"><signalEventDefinition signalRef="s"/></boundaryEvent>', '<signal id="s" name="withdrawn"/>'));
    const run = new PureRunner(model).start().signal('withdrawn');
    expect(run.of('job.canceled')).toEqual([expect.objectContaining({ elementId: 'work' })]);
    expect(run.waitingIds()).toEqual(['handled']);
  });

  test('Given an error boundary, a BPMN error thrown by the worker is caught (specific code before catch-all)', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${serviceTask('work')}<boundaryEvent id="any" attachedToRef="work"><errorEventDefinition/></boundaryEvent><boundaryEvent id="b" attachedToRef="work"><errorEventDefinition errorRef="e"/></boundaryEvent>${userTask('handled')}${userTask('other')}<endEvent id="end"/>
        ${flows('start', 'work', 'end')}${flow('b', 'handled')}${flow('any', 'other')}`,
        '<error id="e" errorCode="INVALID_LICENSE"/>',
      ),
    );
    const specific = new PureRunner(model).start().throwError('work', 'INVALID_LICENSE', { reason: 'expired' });
    expect(specific.waitingIds()).toEqual(['handled']);
    expect(specific.variables.reason).toBe('expired');
    const other = new PureRunner(model).start().throwError('work', 'SOMETHING_ELSE');
    expect(other.waitingIds()).toEqual(['other']);
  });

  test('Given an uncaught worker error, an incident names the code', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/>${serviceTask('work')}<endEvent id="end"/>${flows('start', 'work', 'end')}`));
    const run = new PureRunner(model).start().throwError('work', 'BOOM');
    expect(run.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'work', errorType: 'UNHANDLED_ERROR' })]);
    expect(run.of('incident.created')[0].message).toContain('BOOM');
  });

  test('Given an error end event inside a subprocess with an error boundary, the subprocess is left through the boundary', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><subProcess id="work"><startEvent id="s1"/>${userTask('inner')}<endEvent id="fail"><errorEventDefinition errorRef="e"/></endEvent>${flows('s1', 'inner', 'fail')}</subProcess>
        <boundaryEvent id="b" attachedToRef="work"><errorEventDefinition errorRef="e"/></boundaryEvent>${userTask('handled')}<endEvent id="end"/><endEvent id="e2"/>${flows('start', 'work', 'end')}${flows('b', 'handled', 'e2')}`,
        '<error id="e" errorCode="REJECTED"/>',
      ),
    );
    const run = new PureRunner(model, { roundTrip: true }).start().complete('inner');
    expect(run.waitingIds()).toEqual(['handled']);
    expect(run.historyOf('work')).toContain('element.terminated');
  });

  test('Given an escalation thrown inside a subprocess, a non-interrupting escalation boundary runs beside it', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><subProcess id="work"><startEvent id="s1"/><intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="esc"/></intermediateThrowEvent>${userTask('inner')}<endEvent id="e1"/>${flows('s1', 'raise', 'inner', 'e1')}</subProcess>
        <boundaryEvent id="b" attachedToRef="work" cancelActivity="false"><escalationEventDefinition escalationRef="esc"/></boundaryEvent>${userTask('handled')}<endEvent id="end"/><endEvent id="e2"/>${flows('start', 'work', 'end')}${flows('b', 'handled', 'e2')}`,
        '<escalation id="esc" escalationCode="OVERDUE"/>',
      ),
    );
    const run = new PureRunner(model).start();
    expect(run.waitingIds()).toEqual(['handled', 'inner']);
  });

  test('Given a conditional boundary, it interrupts when the condition becomes true', async () => {
    const model = await compileOne(withBoundary(userTask('work'), '<boundaryEvent id="b" attachedToRef="work"><conditionalEventDefinition><condition>=withdrawn</condition></conditionalEventDefinition></boundaryEvent>'));
    const run = new PureRunner(model).start({ withdrawn: false });
    expect(run.waitingIds()).toEqual(['work']);
    run.setVariables({ withdrawn: true });
    expect(run.waitingIds()).toEqual(['handled']);
  });

  test('Given a timer boundary on a subprocess, firing it terminates everything inside', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><subProcess id="work"><startEvent id="s1"/><parallelGateway id="f"/>${userTask('x')}${serviceTask('y')}${flows('s1', 'f')}${flow('f', 'x')}${flow('f', 'y')}</subProcess>
        <boundaryEvent id="b" attachedToRef="work"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>${userTask('handled')}<endEvent id="end"/><endEvent id="e2"/>${flows('start', 'work', 'end')}${flows('b', 'handled', 'e2')}`,
      ),
    );
    const run = new PureRunner(model).start().fireTimer('b');
    expect(run.of('userTask.canceled')).toHaveLength(1);
    expect(run.of('job.canceled')).toHaveLength(1);
    expect(run.waitingIds()).toEqual(['handled']);
  });
});
