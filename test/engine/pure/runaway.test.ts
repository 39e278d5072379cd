import { COMMAND_STEP_BUDGET } from '../../../engine/runtime/execution.js';
import { compileOne, flow, flows, processXml, serviceTask, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

const ERROR = '<error id="Err" errorCode="E1"/>';

describe('a runaway model stops with an incident naming the element (pure interpreter)', () => {
  test('Given an error event subprocess whose end event throws the error it catches, the error is not caught again: one round, then an incident', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${serviceTask('work')}<endEvent id="end"/>${flows('start', 'work', 'end')}
        <subProcess id="onError" triggeredByEvent="true">
          <startEvent id="caught"><errorEventDefinition errorRef="Err"/></startEvent>
          <endEvent id="rethrow"><errorEventDefinition errorRef="Err"/></endEvent>
          ${flows('caught', 'rethrow')}
        </subProcess>`,
        ERROR,
      ),
    );
    const run = new PureRunner(model).start().throwError('work', 'E1');
    expect(run.historyOf().filter((type) => type === 'error.caught')).toHaveLength(1);
    expect(run.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'rethrow', errorType: 'UNHANDLED_ERROR' })]);
    expect(run.status).toBe('active');
  });

  test('Given an interrupting escalation event subprocess that escalates again, the escalation is not caught by itself', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><intermediateThrowEvent id="raise"><escalationEventDefinition escalationRef="Esc"/></intermediateThrowEvent>${userTask('after')}<endEvent id="end"/>
        ${flows('start', 'raise', 'after', 'end')}
        <subProcess id="onEscalation" triggeredByEvent="true">
          <startEvent id="caught"><escalationEventDefinition escalationRef="Esc"/></startEvent>
          <intermediateThrowEvent id="again"><escalationEventDefinition escalationRef="Esc"/></intermediateThrowEvent>
          ${userTask('handle')}<endEvent id="handled"/>
          ${flows('caught', 'again', 'handle', 'handled')}
        </subProcess>`,
        '<escalation id="Esc" escalationCode="X"/>',
      ),
    );
    const run = new PureRunner(model).start();
    expect(run.historyOf().filter((type) => type === 'escalation.caught')).toHaveLength(1);
    expect(run.waitingIds()).toEqual(['handle']);
  });

  test('Given a cycle of flows without a wait state, the command stops after its step budget with an incident on the next element, which a retry continues', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><task id="again" name="再来一次"/><exclusiveGateway id="loop" default="loop-end"/><endEvent id="end"/>
        ${flows('start', 'again', 'loop')}${flow('loop', 'again', '=true')}${flow('loop', 'end')}`,
      ),
    );
    const started = Date.now();
    const run = new PureRunner(model, { roundTrip: true }).start();
    expect(Date.now() - started).toBeLessThan(5_000);
    const incidents = run.of('incident.created');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toEqual(expect.objectContaining({ errorType: 'STEP_BUDGET_EXCEEDED' }));
    expect(incidents[0].message).toContain(`'${incidents[0].elementId}'`);
    expect(['again', 'loop']).toContain(incidents[0].elementId);
    expect(run.state.waiting).toEqual([expect.objectContaining({ elementId: incidents[0].elementId, state: 'incident' })]);
    const activations = run.historyOf().filter((type) => type === 'element.activated').length;
    expect(activations).toBeLessThanOrEqual(COMMAND_STEP_BUDGET + 2);
    // A retry runs another budget's worth and stops again: still visible, never a frozen server.
    run.retry(incidents[0].elementId);
    expect(run.of('incident.created')).toHaveLength(2);
  });

  test('Given a parallel fork inside a loop (tokens double), the command still stops, every pending element with an incident', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><exclusiveGateway id="merge"/><parallelGateway id="fork"/>
        ${flows('start', 'merge', 'fork')}${flow('fork', 'merge', undefined, 'back1')}${flow('fork', 'merge', undefined, 'back2')}`,
      ),
    );
    const run = new PureRunner(model).start();
    const incidents = run.of('incident.created');
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents.every((incident) => incident.errorType === 'STEP_BUDGET_EXCEEDED')).toBe(true);
    expect(run.state.waiting.every((entry) => entry.state === 'incident')).toBe(true);
    expect(run.state.waiting.length).toBe(incidents.length);
  });

  test('Given a FEEL loop over three million numbers, the condition fails fast with an incident naming the flow', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><exclusiveGateway id="x" default="x-b"/>${userTask('a')}${userTask('b')}
        ${flows('start', 'x')}${flow('x', 'a', '=count(for i in 1..3000000 return i) > 0')}${flow('x', 'b')}`,
      ),
    );
    const started = Date.now();
    const run = new PureRunner(model).start();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(run.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'x', errorType: 'EXPRESSION_FAILED' })]);
    expect(run.of('incident.created')[0].message).toMatch(/x-a.*cost budget/);
  });

  test('Given a recursive FEEL function (exponential), the script task fails with an incident instead of running for hours', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><scriptTask id="fib"><extensionElements><zeebe:script expression="={f: function(n) if n &lt; 2 then n else f(n - 1) + f(n - 2)}.f(40)" resultVariable="r"/></extensionElements></scriptTask><endEvent id="end"/>
        ${flows('start', 'fib', 'end')}`,
      ),
    );
    const run = new PureRunner(model).start();
    expect(run.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'fib', errorType: 'EXPRESSION_FAILED' })]);
  });

  test('A bounded FEEL loop and a recursion that stays small are evaluated as before', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><scriptTask id="sum"><extensionElements><zeebe:script expression="=sum(for i in 1..1000 return i) + {f: function(n) if n = 0 then 0 else n + f(n - 1)}.f(100)" resultVariable="r"/></extensionElements></scriptTask>${userTask('done')}
        ${flows('start', 'sum', 'done')}`,
      ),
    );
    const run = new PureRunner(model).start();
    expect(run.variables.r).toBe(500500 + 5050);
  });

  test('Evaluations that each stay under the per-expression budget are still stopped by the command budget', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><scriptTask id="sum"><extensionElements><zeebe:script expression="=count(for i in 1..8000 return i)" resultVariable="r"/></extensionElements>
          <standardLoopCharacteristics loopMaximum="50"/></scriptTask>${userTask('done')}
        ${flows('start', 'sum', 'done')}`,
      ),
    );
    const run = new PureRunner(model).start();
    expect(run.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'sum', errorType: 'EXPRESSION_FAILED' })]);
    expect(run.of('incident.created')[0].message).toMatch(/100000/);
    const iterations = run.historyOf('sum').filter((type) => type === 'element.completed').length;
    expect(iterations).toBeGreaterThan(3);
    expect(iterations).toBeLessThan(10);
  });
});
