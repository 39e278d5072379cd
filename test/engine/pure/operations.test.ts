import { compileOne, flows, processXml, serviceTask, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

const permit = processXml('p', `<startEvent id="start"/>${userTask('accept')}${userTask('review')}${userTask('decide')}<endEvent id="end"/>${flows('start', 'accept', 'review', 'decide', 'end')}`);

describe('operations on instances (pure interpreter)', () => {
  test('Given a running instance, cancel closes every task, job and timer and marks it canceled', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><parallelGateway id="f"/>${userTask('a')}${serviceTask('b')}<endEvent id="end"/>${flows('start', 'f')}<sequenceFlow id="x" sourceRef="f" targetRef="a"/><sequenceFlow id="y" sourceRef="f" targetRef="b"/>${flows('a', 'end')}`),
    );
    const run = new PureRunner(model).start().cancel();
    expect(run.status).toBe('canceled');
    expect(run.of('userTask.canceled')).toHaveLength(1);
    expect(run.of('job.canceled')).toHaveLength(1);
    expect(run.state.waiting).toEqual([]);
  });

  test('Given 决定 is waiting, 驳回 moves the token back to 审查 (terminate + activate) with a variable', async () => {
    const model = await compileOne(permit);
    const run = new PureRunner(model, { roundTrip: true }).start().complete('accept').complete('review');
    run.modify({ terminate: [run.waiting('decide')], activate: [{ elementId: 'review', variables: { sentBack: true } }] });
    expect(run.waitingIds()).toEqual(['review']);
    expect(run.variables.sentBack).toBe(true);
    expect(run.historyOf()).toContain('instance.modified');
    run.complete('review').complete('decide');
    expect(run.status).toBe('completed');
  });

  test('Given a newer version, a waiting instance migrates with a mapping; an unmapped element is refused by name', async () => {
    const v1 = await compileOne(permit);
    const v2 = await compileOne(processXml('p', `<startEvent id="start"/>${userTask('accept')}${userTask('review2')}${userTask('decide')}<endEvent id="end"/>${flows('start', 'accept', 'review2', 'decide', 'end')}`));
    const run = new PureRunner(v1).start().complete('accept');
    const refused = run.migrate(v2);
    expect(refused).toMatchObject({ ok: false, reason: 'migration-unmapped' });
    expect(refused.ok ? '' : refused.message).toContain("'review'");
    const moved = run.migrate(v2, { review: 'review2' });
    expect(moved.ok).toBe(true);
    expect(run.waitingIds()).toEqual(['review2']);
    run.complete('review2').complete('decide');
    expect(run.status).toBe('completed');
  });

  test('Given setVariables on the process, the variables change and the history says so', async () => {
    const model = await compileOne(permit);
    const run = new PureRunner(model).start({ a: 1 }).setVariables({ a: 2, b: '新' });
    expect(run.variables).toEqual({ a: 2, b: '新' });
  });
});
