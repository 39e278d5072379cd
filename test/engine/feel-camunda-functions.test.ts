import { compileFeel, isFeelSyntaxProblem, type FeelExpression } from '../../engine/expressions/index.js';
import type { Variables } from '../../engine/runtime/index.js';
import { compileOne, escapeXml, flow, flows, problemsOf, processXml, serviceTask, userTask } from './support/bpmn.js';
import { PureRunner } from './support/pure-runner.js';

const compiled = (source: string): FeelExpression => {
  const expression = compileFeel(source);
  if (isFeelSyntaxProblem(expression)) throw new Error(expression.message);
  return expression;
};

const value = (source: string, variables: Variables = {}) => compiled(source).evaluate(variables);

describe('a FEEL expression calling a function that exists nowhere is refused at deployment', () => {
  test('in a gateway condition, an input mapping and a timer: each problem names the function and the element, in English and Chinese', async () => {
    const problems = await problemsOf(
      processXml(
        'p',
        `<startEvent id="start"/><exclusiveGateway id="x" default="x-no"/>
        ${userTask('review', '<zeebe:ioMapping><zeebe:input source="=normalise(applicant)" target="who"/></zeebe:ioMapping>')}
        <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>=working days(3)</timeDuration></timerEventDefinition></intermediateCatchEvent>
        <endEvent id="no"/><endEvent id="end"/>
        ${flows('start', 'x')}${flow('x', 'review', '=is valid(form) and amount > 5')}${flow('x', 'no')}${flows('review', 'wait', 'end')}`,
      ),
    );
    const of = (id: string) => problems.filter((entry) => entry.elementId === id);
    expect(of('x-review')).toHaveLength(1);
    expect(of('x-review')[0].message).toContain("'is valid'");
    expect(of('x-review')[0].message).toContain("'x-review'");
    expect(of('x-review')[0].messageZh).toContain('“is valid”');
    expect(of('x-review')[0].messageZh).toContain('不存在');
    expect(of('review')[0].message).toContain("'normalise'");
    expect(of('review')[0].messageZh).toContain('“normalise”');
    expect(of('wait')[0].message).toContain("'working days'");
  });

  test('a Camunda function the engine does not provide says so', () => {
    const problem = compileFeel('=random number() > 0.5');
    expect(isFeelSyntaxProblem(problem)).toBe(true);
    if (isFeelSyntaxProblem(problem)) {
      expect(problem.message).toMatch(/Camunda function 'random number'.*not provided/);
      expect(problem.messageZh).toContain('“random number”本引擎不支持');
    }
  });

  test.each([
    ['feelin built-ins', '=count(items) > 1 and string length(name) > 0 and not(done) and sum(for i in items return i) > 0'],
    ['multi-word built-ins and temporal constructors', '=years and months duration(date("2020-01-01"), today()) + duration("P1M")'],
    ['a function defined in a context', '={double: function(n) n * 2, r: double(21)}.r'],
    ['a key written as a string', '={"twice": function(n) n * 2, r: twice(2)}.r'],
    ['a function reached through a path (not by name)', '={f: function(n) n + 1}.f(1)'],
    ['the Camunda functions provided', '=if is defined(x) then trim(x) else get or else(y, "none")'],
  ])('%s are known: %s', (_, source) => {
    expect(isFeelSyntaxProblem(compileFeel(source))).toBe(false);
  });
});

describe('Camunda 8 FEEL extension functions, evaluated as the engine evaluates a model’s FEEL', () => {
  test('is defined: false for a missing variable, a missing entry and null (Camunda 8.4+); true otherwise', () => {
    expect(value('=is defined(x)')).toEqual({ ok: true, value: false });
    expect(value('=is defined(x)', { x: null })).toEqual({ ok: true, value: false });
    expect(value('=is defined(x.y)', { x: { z: 1 } })).toEqual({ ok: true, value: false });
    expect(value('=is defined(x)', { x: 0 })).toEqual({ ok: true, value: true });
    expect(value('=is defined(x.y)', { x: { y: '' } })).toEqual({ ok: true, value: true });
    expect(value('=is defined(value: x)', { x: false })).toEqual({ ok: true, value: true });
  });

  test('get or else: the value unless it is null (the name parses although `or` and `else` are keywords)', () => {
    expect(value('=get or else(x, "default")')).toEqual({ ok: true, value: 'default' });
    expect(value('=get or else(x, "default")', { x: 'this' })).toEqual({ ok: true, value: 'this' });
    expect(value('=get or else(null, null)')).toEqual({ ok: true, value: null });
    expect(value('=get or else(value: x, default: 0) + 1', { x: 4 })).toEqual({ ok: true, value: 5 });
    expect(value('=if a or b then get or else(x, 1) else 0', { a: false, b: true })).toEqual({ ok: true, value: 1 });
  });

  test('assert: the value when the condition holds, otherwise a failure carrying the cause', () => {
    expect(value('=assert(x, x >= 0)', { x: 4 })).toEqual({ ok: true, value: 4 });
    const failed = value('=assert(x, x != null, "x is required")');
    expect(failed.ok).toBe(false);
    if (!failed.ok) {
      expect(failed.message).toContain('x is required');
      expect(failed.messageZh).toContain('断言不成立：x is required');
    }
    expect(value('=assert(x, x >= 0)', { x: -1 }).ok).toBe(false);
  });

  test('trim, is blank, to base64', () => {
    expect(value('=trim("  hello world  ")')).toEqual({ ok: true, value: 'hello world' });
    expect(value('=trim(x)', { x: '　全角　' })).toEqual({ ok: true, value: '全角' });
    expect(value('=trim(5)')).toEqual({ ok: true, value: null });
    expect(value('=is blank("")')).toEqual({ ok: true, value: true });
    expect(value('=is blank("  ")')).toEqual({ ok: true, value: true });
    expect(value('=is blank("hello world")')).toEqual({ ok: true, value: false });
    expect(value('=to base64("FEEL")')).toEqual({ ok: true, value: 'RkVFTA==' });
  });

  test('string join with prefix and suffix; the one- and two-argument forms stay feelin’s', () => {
    expect(value('=string join(["a","b","c"], ", ", "[", "]")')).toEqual({ ok: true, value: '[a, b, c]' });
    expect(value('=string join(["a","b","c"], "-")')).toEqual({ ok: true, value: 'a-b-c' });
    expect(value('=string join(["a","b","c"])')).toEqual({ ok: true, value: 'abc' });
    expect(value('=string join(list: ["a"], delimiter: ",", prefix: "<", suffix: ">")')).toEqual({ ok: true, value: '<a>' });
  });

  test('is empty, partition, duplicate values', () => {
    expect(value('=is empty([])')).toEqual({ ok: true, value: true });
    expect(value('=is empty([1])')).toEqual({ ok: true, value: false });
    expect(value('=partition([1,2,3,4,5], 2)')).toEqual({ ok: true, value: [[1, 2], [3, 4], [5]] });
    expect(value('=partition([], 2)')).toEqual({ ok: true, value: [] });
    expect(value('=partition([1,2], 0)')).toEqual({ ok: true, value: null });
    expect(value('=duplicate values([1,2,3,2,1])')).toEqual({ ok: true, value: [2, 1] });
    expect(value('=duplicate values([{a: 1}, {a: 1}, {a: 2}, "x"])')).toEqual({ ok: true, value: [{ a: 1 }] });
    expect(value('=duplicate values([1, "1"])')).toEqual({ ok: true, value: [] });
  });

  test('put all: later contexts win; null when one is not a context', () => {
    expect(value('=put all({x: 1}, {y: 2}, {x: 3})')).toEqual({ ok: true, value: { x: 3, y: 2 } });
    expect(value('=put all({x: 1}, 2)')).toEqual({ ok: true, value: null });
  });

  test('uuid, to json, from json', () => {
    const first = value('=uuid()');
    const second = value('=uuid()');
    expect(first.ok && typeof first.value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(first.value)).toBe(true);
    expect(first).not.toEqual(second);
    expect(value('=to json({a: [1, "x", null], d: date("2024-01-02")})')).toEqual({ ok: true, value: '{"a":[1,"x",null],"d":"2024-01-02"}' });
    expect(value('=to json(null)')).toEqual({ ok: true, value: 'null' });
    expect(value('=from json(text)', { text: '{"a": [1, 2], "b": "中"}' })).toEqual({ ok: true, value: { a: [1, 2], b: '中' } });
    expect(value('=from json("not json")')).toEqual({ ok: true, value: null });
  });

  test('the fast path (parsed once) and the full parse give the same answers, and a variable shadows a function as for feelin’s built-ins', () => {
    const expression = compiled('=if is defined(x) then trim(x) else "none"');
    // prepared path: plain variable names
    expect(expression.evaluate({ x: ' a ' })).toEqual({ ok: true, value: 'a' });
    expect(expression.evaluate({})).toEqual({ ok: true, value: 'none' });
    // full parse: a variable whose name has a space
    expect(expression.evaluate({ x: ' a ', 'order total': 1 })).toEqual({ ok: true, value: 'a' });
    expect(expression.evaluate({ 'order total': 1 })).toEqual({ ok: true, value: 'none' });
    // a variable named like the function shadows it: calling it fails (an incident), never a silent answer
    expect(expression.evaluate({ x: ' a ', trim: 'text' }).ok).toBe(false);
  });
});

describe('a process routing on is defined(x) runs end to end', () => {
  const model = () =>
    compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${serviceTask('fetch')}<exclusiveGateway id="x" default="x-ask"/>
        ${userTask('ask')}<scriptTask id="use"><extensionElements><zeebe:script expression="${escapeXml('=string join([trim(licence.number), get or else(licence.issuer, "unknown")], " / ")')}" resultVariable="summary"/></extensionElements></scriptTask>
        <endEvent id="asked"/><endEvent id="done"/>
        ${flows('start', 'fetch', 'x')}${flow('x', 'use', '=is defined(licence.number) and not(is blank(licence.number))')}${flow('x', 'ask')}
        ${flows('use', 'done')}${flows('ask', 'asked')}`,
      ),
    );

  test('with the value present, the conditional flow is taken and the script uses trim and get or else', async () => {
    const run = new PureRunner(await model(), { roundTrip: true }).start().complete('fetch', { licence: { number: ' 91330100MA ' } });
    expect(run.status).toBe('completed');
    expect(run.completed()).toContain('done');
    expect(run.variables.summary).toBe('91330100MA / unknown');
  });

  test('with the value missing (or blank), the default flow is taken, with no incident', async () => {
    const missing = new PureRunner(await model()).start().complete('fetch', { licence: {} });
    expect(missing.of('incident.created')).toEqual([]);
    expect(missing.waitingIds()).toEqual(['ask']);
    const blank = new PureRunner(await model()).start().complete('fetch', { licence: { number: '  ' } });
    expect(blank.waitingIds()).toEqual(['ask']);
  });

  test('an assert that fails is an incident naming the element and the cause', async () => {
    const asserted = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><scriptTask id="check"><extensionElements><zeebe:script expression="${escapeXml('=assert(amount, amount > 0, "amount must be positive")')}" resultVariable="checked"/></extensionElements></scriptTask><endEvent id="end"/>${flows('start', 'check', 'end')}`,
      ),
    );
    const run = new PureRunner(asserted).start({ amount: -5 });
    const [incident] = run.of('incident.created');
    expect(incident).toMatchObject({ elementId: 'check', errorType: 'EXPRESSION_FAILED' });
    expect(incident.message).toContain('amount must be positive');
    run.setVariables({ amount: 5 }).retry('check');
    expect(run.status).toBe('completed');
    expect(run.variables.checked).toBe(5);
  });
});
