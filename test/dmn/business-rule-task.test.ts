/**
 * The business rule task in the pure interpreter: it asks the store for the decision
 * (decision.requested), takes the result through its output mappings (completeDecision), and a
 * failure is an incident that, once resolved, asks again. The compiler checks zeebe:calledDecision.
 */
import { completeDecision, decisionFailed } from '../../engine/runtime/index.js';
import { compileOne, flows, problemsOf, processXml } from '../engine/support/bpmn.js';
import { PureRunner } from '../engine/support/pure-runner.js';

const ruleTask = (attributes: string, extra = '') => `<businessRuleTask id="decide"><extensionElements><zeebe:calledDecision ${attributes}/>${extra}</extensionElements></businessRuleTask>`;
const model = (attributes: string, extra = '') => compileOne(processXml('p', `<startEvent id="start"/>${ruleTask(attributes, extra)}<endEvent id="end"/>${flows('start', 'decide', 'end')}`));

describe('business rule task with zeebe:calledDecision (pure interpreter)', () => {
  test('asks for the decision with the visible variables; the result passes the output mappings', async () => {
    const run = new PureRunner(await model('decisionId="=&quot;grade-&quot; + kind" resultVariable="grading" bindingType="versionTag" versionTag="v2"', '<zeebe:ioMapping><zeebe:output source="=grading.level" target="level"/></zeebe:ioMapping>')).start({ kind: 'adult', age: 30 });
    const [requested] = run.of('decision.requested');
    expect(requested).toMatchObject({ elementId: 'decide', decisionId: 'grade-adult', bindingType: 'versionTag', versionTag: 'v2', resultVariable: 'grading', variables: { kind: 'adult', age: 30 } });
    expect(run.of('job.created')).toEqual([]);
    run.apply(completeDecision(run.model, run.state, run.waiting('decide'), { level: '成年' }, run.now));
    expect(run.status).toBe('completed');
    expect(run.variables).toEqual({ kind: 'adult', age: 30, level: '成年' });
  });

  test('without output mappings the result variable goes to the process', async () => {
    const run = new PureRunner(await model('decisionId="grade" resultVariable="grading"')).start({});
    run.apply(completeDecision(run.model, run.state, run.waiting('decide'), ['a', 'b'], run.now));
    expect(run.variables).toEqual({ grading: ['a', 'b'] });
  });

  test('a failure is an incident naming it; resolving the incident asks for the decision again', async () => {
    const run = new PureRunner(await model('decisionId="grade" resultVariable="grading"')).start({ age: 62 });
    run.apply(decisionFailed(run.model, run.state, run.waiting('decide'), "Decision 'grade' version 1 failed: UNIQUE (inputs: 年龄 = 62)", '决策求值失败（输入：年龄 = 62）', run.now));
    expect(run.of('incident.created')).toEqual([expect.objectContaining({ elementId: 'decide', errorType: 'DECISION_EVALUATION_ERROR', message: expect.stringContaining('年龄 = 62') })]);
    expect(run.state.waiting).toEqual([expect.objectContaining({ elementId: 'decide', state: 'incident' })]);
    run.retry('decide');
    expect(run.of('decision.requested')).toHaveLength(2);
    run.apply(completeDecision(run.model, run.state, run.waiting('decide'), true, run.now));
    expect(run.status).toBe('completed');
  });

  test('a decision id that evaluates to null is an expression incident', async () => {
    const run = new PureRunner(await model('decisionId="=which" resultVariable="r"')).start({});
    expect(run.of('decision.requested')).toEqual([]);
    expect(run.of('incident.created')[0]).toMatchObject({ errorType: 'EXPRESSION_FAILED', elementId: 'decide' });
  });

  test('the compiler names what is missing or wrong in zeebe:calledDecision', async () => {
    const problems = async (attributes: string, extra = '') =>
      (await problemsOf(processXml('p', `<startEvent id="start"/>${ruleTask(attributes, extra)}<endEvent id="end"/>${flows('start', 'decide', 'end')}`))).map((problem) => problem.code);
    expect(await problems('resultVariable="r"')).toContain('businessRuleTask.noDecision');
    expect(await problems('decisionId="d"')).toContain('businessRuleTask.noResultVariable');
    expect(await problems('decisionId="d" resultVariable="r" bindingType="sometimes"')).toContain('businessRuleTask.bindingType');
    expect(await problems('decisionId="d" resultVariable="r" bindingType="versionTag"')).toContain('businessRuleTask.versionTag');
    expect(await problems('decisionId="d" resultVariable="r"', '<zeebe:taskDefinition type="rules"/>')).toContain('businessRuleTask.both');
    expect(await problems('decisionId="=1 +" resultVariable="r"')).not.toEqual([]);
  });
});
