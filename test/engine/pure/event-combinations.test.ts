import { throwError } from '../../../engine/runtime/index.js';
import { compileOne, flows, processXml, serviceTask, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

/**
 * Every boundary event type on every kind of host, interrupting and not, and every event
 * subprocess start type, interrupting and not: the host (or the process's other work) ends
 * or goes on exactly as BPMN 2.0 says.
 */
const ROOTS =
  '<message id="m" name="go"><extensionElements><zeebe:subscription correlationKey="=key"/></extensionElements></message><signal id="s" name="alarm"/><error id="e" errorCode="E1"/><escalation id="esc" escalationCode="UP"/>';

const DEFINITIONS: Record<string, string> = {
  timer: '<timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>',
  message: '<messageEventDefinition messageRef="m"/>',
  signal: '<signalEventDefinition signalRef="s"/>',
  conditional: '<conditionalEventDefinition><condition>=flag</condition></conditionalEventDefinition>',
  error: '<errorEventDefinition errorRef="e"/>',
  escalation: '<escalationEventDefinition escalationRef="esc"/>',
};

type Host = 'userTask' | 'serviceTask' | 'receiveTask' | 'subProcess' | 'multiInstance' | 'callActivity';

/** The host activity 'work'; a subprocess holds 'inner' (a job for errors, a throw for escalations). */
function host(kind: Host, eventType: string): string {
  switch (kind) {
    case 'userTask':
      return userTask('work');
    case 'serviceTask':
      return serviceTask('work');
    case 'receiveTask':
      return '<receiveTask id="work" messageRef="m2"/>';
    case 'callActivity':
      return '<callActivity id="work"><extensionElements><zeebe:calledElement processId="child"/></extensionElements></callActivity>';
    case 'multiInstance':
      return `<serviceTask id="work"><extensionElements><zeebe:taskDefinition type="w"/></extensionElements><multiInstanceLoopCharacteristics><extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]"/></extensionElements></multiInstanceLoopCharacteristics></serviceTask>`;
    case 'subProcess': {
      const inner = eventType === 'escalation' ? `<intermediateThrowEvent id="raise">${DEFINITIONS.escalation}</intermediateThrowEvent>${userTask('inner')}` : eventType === 'error' ? serviceTask('inner') : userTask('inner');
      const innerFlows = eventType === 'escalation' ? flows('s1', 'raise', 'inner', 'e1') : flows('s1', 'inner', 'e1');
      return `<subProcess id="work"><startEvent id="s1"/>${inner}<endEvent id="e1"/>${innerFlows}</subProcess>`;
    }
  }
}

const HOSTS_BY_EVENT: Record<string, Host[]> = {
  timer: ['userTask', 'serviceTask', 'receiveTask', 'subProcess', 'multiInstance', 'callActivity'],
  message: ['userTask', 'serviceTask', 'receiveTask', 'subProcess', 'multiInstance', 'callActivity'],
  signal: ['userTask', 'serviceTask', 'receiveTask', 'subProcess', 'multiInstance', 'callActivity'],
  conditional: ['userTask', 'serviceTask', 'receiveTask', 'subProcess', 'multiInstance', 'callActivity'],
  error: ['serviceTask', 'subProcess', 'multiInstance', 'callActivity'],
  escalation: ['subProcess'],
};

const cases: Array<[string, Host, boolean]> = [];
for (const [eventType, hosts] of Object.entries(HOSTS_BY_EVENT)) {
  for (const kind of hosts) {
    cases.push([eventType, kind, true]);
    if (eventType !== 'error') cases.push([eventType, kind, false]);
  }
}

function trigger(run: PureRunner, eventType: string, kind: Host): void {
  switch (eventType) {
    case 'timer':
      run.fireTimer('b');
      return;
    case 'message':
      run.correlate('go', 'K');
      return;
    case 'signal':
      run.signal('alarm');
      return;
    case 'conditional':
      run.setVariables({ flag: true });
      return;
    case 'error':
      if (kind === 'subProcess') run.throwError('inner', 'E1');
      else if (kind === 'multiInstance') run.apply(throwError(run.model, run.state, run.state.waiting[0].id, 'E1', '', {}, run.now));
      else run.throwError('work', 'E1');
      return;
    default:
      return; // escalation: thrown when the subprocess starts
  }
}

describe('every boundary event on every host', () => {
  test.each(cases)('%s boundary on a %s, interrupting=%s', async (eventType, kind, interrupting) => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${host(kind, eventType)}<boundaryEvent id="b" attachedToRef="work"${interrupting ? '' : ' cancelActivity="false"'}>${DEFINITIONS[eventType]}</boundaryEvent>
        ${userTask('handled')}<endEvent id="end"/><endEvent id="e2"/>${flows('start', 'work', 'end')}${flows('b', 'handled', 'e2')}`,
        `${ROOTS}<message id="m2" name="reply"><extensionElements><zeebe:subscription correlationKey="=key"/></extensionElements></message>`,
      ),
    );
    const run = new PureRunner(model, { roundTrip: true }).start({ key: 'K', flag: false });
    trigger(run, eventType, kind);
    const waiting = run.waitingIds();
    expect(waiting).toContain('handled');
    const hostStillThere = waiting.some((id) => id === 'work' || id === 'inner');
    expect(hostStillThere).toBe(!interrupting);
    expect(run.historyOf().filter((type) => type === 'element.terminated').length > 0).toBe(interrupting);
  });
});

const ESP_TYPES = ['timer', 'message', 'signal', 'conditional', 'error', 'escalation'];
const espCases: Array<[string, boolean]> = ESP_TYPES.flatMap((type): Array<[string, boolean]> => (type === 'error' ? [[type, true]] : [[type, true], [type, false]]));

describe('every event subprocess start, at process level', () => {
  test.each(espCases)('%s event subprocess, interrupting=%s', async (eventType, interrupting) => {
    // The main path waits in a user task; errors and escalations come from a job / a throw in a subprocess beside it.
    const side = eventType === 'error' ? serviceTask('failing') : eventType === 'escalation' ? `<subProcess id="sp"><startEvent id="s1"/><intermediateThrowEvent id="raise">${DEFINITIONS.escalation}</intermediateThrowEvent><endEvent id="e1"/>${flows('s1', 'raise', 'e1')}</subProcess>` : '';
    const sideFlows = eventType === 'error' ? flows('fork', 'failing', 'e3') : eventType === 'escalation' ? flows('fork', 'sp', 'e3') : '';
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><parallelGateway id="fork"/>${userTask('work')}<endEvent id="end"/><endEvent id="e3"/>${flows('start', 'fork', 'work', 'end')}${sideFlows}
        <subProcess id="esp" triggeredByEvent="true"><startEvent id="es"${interrupting ? '' : ' isInterrupting="false"'}>${DEFINITIONS[eventType]}</startEvent>${userTask('handled')}<endEvent id="ee"/>${flows('es', 'handled', 'ee')}</subProcess>
        ${side}`,
        ROOTS,
      ),
    );
    const run = new PureRunner(model, { roundTrip: true }).start({ key: 'K', flag: false });
    if (eventType === 'timer') run.fireTimer('es');
    if (eventType === 'message') run.correlate('go', 'K');
    if (eventType === 'signal') run.signal('alarm');
    if (eventType === 'conditional') run.setVariables({ flag: true });
    if (eventType === 'error') run.throwError('failing', 'E1');
    const waiting = run.waitingIds();
    expect(waiting).toContain('handled');
    expect(waiting.includes('work')).toBe(!interrupting);
  });
});
