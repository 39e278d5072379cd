import { compileOne, flows, processXml, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

const countersign = (sequential: boolean, condition = '') =>
  processXml(
    'p',
    `<startEvent id="start"/><userTask id="sign" name="会签"><extensionElements><zeebe:assignmentDefinition candidateGroups="=department"/></extensionElements>
      <multiInstanceLoopCharacteristics isSequential="${sequential}"><extensionElements><zeebe:loopCharacteristics inputCollection="=departments" inputElement="department" outputCollection="opinions" outputElement="=opinion"/></extensionElements>${condition ? `<completionCondition>${condition}</completionCondition>` : ''}</multiInstanceLoopCharacteristics></userTask>
      <endEvent id="end"/>${flows('start', 'sign', 'end')}`,
  );

describe('multi-instance (pure interpreter)', () => {
  test('Given a parallel 会签 by three departments where two approvals suffice, the third task is canceled after two', async () => {
    const model = await compileOne(countersign(false, '=numberOfCompletedInstances &gt;= 2'));
    const run = new PureRunner(model, { roundTrip: true }).start({ departments: ['市场监管', '卫健', '消防'] });
    expect(run.of('userTask.created').map((task) => task.candidateGroups)).toEqual([['市场监管'], ['卫健'], ['消防']]);
    const [first, second] = run.state.waiting.map((entry) => entry.id);
    run.completeAt(first, { opinion: '同意' });
    expect(run.status).toBe('active');
    run.completeAt(second, { opinion: '同意' });
    expect(run.of('userTask.canceled')).toHaveLength(1);
    expect(run.status).toBe('completed');
    expect(run.variables.opinions).toEqual(['同意', '同意', null]);
  });

  test('Given a sequential multi-instance, runs follow one another with loopCounter and input element', async () => {
    const model = await compileOne(countersign(true));
    const run = new PureRunner(model).start({ departments: ['A', 'B'] });
    expect(run.waitingIds()).toEqual(['sign']);
    run.complete('sign', { opinion: 'a-ok' });
    expect(run.of('userTask.created').map((task) => task.candidateGroups)).toEqual([['A'], ['B']]);
    run.complete('sign', { opinion: 'b-ok' });
    expect(run.variables.opinions).toEqual(['a-ok', 'b-ok']);
    expect(run.status).toBe('completed');
  });

  test('Given an empty input collection, the activity completes at once; a non-list is an incident', async () => {
    const model = await compileOne(countersign(false));
    expect(new PureRunner(model).start({ departments: [] }).status).toBe('completed');
    expect(new PureRunner(model).start({ departments: 'A' }).of('incident.created')).toHaveLength(1);
  });

  test('Given a standard loop with a condition and a maximum, the task repeats while the condition holds', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><userTask id="fix"><standardLoopCharacteristics loopMaximum="3"><loopCondition>=not(ok)</loopCondition></standardLoopCharacteristics></userTask><endEvent id="end"/>${flows('start', 'fix', 'end')}`),
    );
    const run = new PureRunner(model).start({ ok: false });
    run.complete('fix', { ok: false }).complete('fix', { ok: true });
    expect(run.status).toBe('completed');
    const capped = new PureRunner(model).start({ ok: false });
    capped.complete('fix').complete('fix').complete('fix');
    expect(capped.status).toBe('completed');
    expect(capped.of('userTask.created')).toHaveLength(3);
  });

  test('Given a timer boundary on a multi-instance activity, it interrupts every run', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><userTask id="sign"><multiInstanceLoopCharacteristics><extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2,3]" inputElement="n"/></extensionElements></multiInstanceLoopCharacteristics></userTask>
        <boundaryEvent id="b" attachedToRef="sign"><timerEventDefinition><timeDuration>P5D</timeDuration></timerEventDefinition></boundaryEvent>${userTask('late')}<endEvent id="end"/><endEvent id="e2"/>${flows('start', 'sign', 'end')}${flows('b', 'late', 'e2')}`,
      ),
    );
    const run = new PureRunner(model).start();
    expect(run.of('timer.created')).toHaveLength(1);
    run.fireTimer('b');
    expect(run.of('userTask.canceled')).toHaveLength(3);
    expect(run.waitingIds()).toEqual(['late']);
  });
});
