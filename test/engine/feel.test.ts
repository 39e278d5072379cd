import { evaluate } from 'feelin';
import { compileFeel, isFeelSyntaxProblem, type FeelExpression } from '../../engine/expressions/index.js';
import type { Variables } from '../../engine/runtime/index.js';

const compiled = (source: string): FeelExpression => {
  const expression = compileFeel(source);
  if (isFeelSyntaxProblem(expression)) throw new Error(expression.message);
  return expression;
};

/** The answer feelin gives when it parses the text with the variables (the slow, reference way). */
function reference(source: string, variables: Variables): { value: unknown; failed: boolean } {
  const { value, warnings } = evaluate(source, variables);
  const notFound = ['NO_VARIABLE_FOUND', 'NO_CONTEXT_ENTRY_FOUND', 'NO_PROPERTY_FOUND'];
  return { value: value === undefined ? null : JSON.parse(JSON.stringify(value ?? null)), failed: warnings.some((warning) => !notFound.includes(warning.type)) };
}

const CASES: Array<[string, Variables]> = [
  ['amount > 100', { amount: 150 }],
  ['amount > 100', {}],
  ['amount + 1', { amount: 'ten' }],
  ['count(items) > 1 and applicant.age >= 18', { items: [1, 2], applicant: { age: 20 } }],
  ['applicant.address.city', { applicant: { name: 'x' } }],
  ['for x in items return x * factor', { items: [1, 2, 3], factor: 2 }],
  ['some d in departments satisfies d = "卫健"', { departments: ['市场监管', '卫健'] }],
  ['if 审批结果 = "同意" then "pass" else "back"', { 审批结果: '同意' }],
  ['string length(name) + count', { name: 'abc', count: 2 }],
  ['date("2025-10-01") + duration("P1D")', {}],
  ['sum(for o in orders return o.amount)', { orders: [{ amount: 2 }, { amount: 3 }] }],
  ['{total: a + b}.total', { a: 1, b: 2 }],
  ['opinions[item = "同意"]', { opinions: ['同意', '不同意', '同意'] }],
  ['a + b', { 'a + b': 7, a: 1, b: 2 }],
  ['order total > 5', { 'order total': 10 }],
  ['x.y z', { x: { 'y z': 1 } }],
  ['numberOfCompletedInstances >= 2', { numberOfCompletedInstances: 2, numberOfInstances: 3 }],
];

describe('FEEL expressions are parsed once and evaluated many times, with the answers of a full parse', () => {
  test.each(CASES)('%s with %j', (source, variables) => {
    const expected = reference(source, variables);
    const result = compiled(source).evaluate(variables);
    expect(result.ok).toBe(!expected.failed);
    if (result.ok) expect(result.value).toEqual(expected.value);
    // and again: the prepared function keeps no state between calls
    expect(compiled(source).evaluate(variables)).toEqual(result);
  });

  test('a failure in one call does not leak into the next', () => {
    const expression = compiled('amount > 100');
    expect(expression.evaluate({ amount: 'x' }).ok).toBe(true);
    expect(compiled('amount + 1').evaluate({ amount: 'ten' }).ok).toBe(false);
    expect(compiled('amount + 1').evaluate({ amount: 1 })).toEqual({ ok: true, value: 2 });
    expect(expression.evaluate({ amount: 200 })).toEqual({ ok: true, value: true });
    // whatever feelin answers for incompatible types (no warning), the prepared form answers the same
    expect(expression.evaluate({ amount: 'x' })).toEqual({ ok: true, value: reference('amount > 100', { amount: 'x' }).value });
    expect(expression.evaluate({ amount: 50 })).toEqual({ ok: true, value: false });
  });

  test('a syntax error is reported with its position', () => {
    const problem = compileFeel('=amount >');
    expect(isFeelSyntaxProblem(problem)).toBe(true);
  });
});

describe('FEEL as Camunda 8 reads it', () => {
  test('a name that is not bound is null: `x = true` is false, `x > 5` is null, a path through it is null', () => {
    expect(compiled('=x = true').evaluate({})).toEqual({ ok: true, value: false });
    expect(compiled('=x > 5').evaluate({})).toEqual({ ok: true, value: null });
    expect(compiled('=x.y').evaluate({})).toEqual({ ok: true, value: null });
    expect(compiled('=x = null').evaluate({})).toEqual({ ok: true, value: true });
  });

  test.each(['=a >> 3', '=a < < 2', '=> 3', '=amount >', '=(', '=if x then'])('%s does not compile: a syntax problem with its position, never an exception', (source) => {
    const result = compileFeel(source);
    expect(isFeelSyntaxProblem(result)).toBe(true);
    if (isFeelSyntaxProblem(result)) {
      expect(result.message).toMatch(/^Invalid FEEL/);
      expect(result.messageZh).toMatch(/FEEL 表达式语法错误/);
    }
  });

  test.each([
    ['=x in > 3', { x: 5 }, true],
    ['=x in (> 3, < 1)', { x: 0 }, true],
    ['=x in [1..3]', { x: 2 }, true],
    ['=count(l[item > 1])', { l: [3, 1, 2] }, 2],
    ['=sort(l, function(a, b) a < b)', { l: [3, 1, 2] }, [1, 2, 3]],
    ['=for i in 1..3, j in 1..2 return i * j', {}, [1, 2, 2, 4, 3, 6]],
    ['=string join(for x in items return upper case(x), ",")', { items: ['a', 'b'] }, 'A,B'],
    ['=date("2025-01-31") + duration("P1D")', {}, '2025-02-01'],
  ])('unary tests after `in`, filters, sorts and loops stay valid: %s', (source, variables, value) => {
    expect(compiled(source).evaluate(variables)).toEqual({ ok: true, value });
  });

  test('compiling never evaluates: a loop over three million numbers compiles at once', () => {
    const started = Date.now();
    const expression = compiled('=for i in 1..3000000 return i');
    expect(Date.now() - started).toBeLessThan(500);
    const result = expression.evaluate({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/cost budget/);
  });

  test('what feelin cannot evaluate at run time is a failure, not an exception', () => {
    // A call through a path passes the deploy-time check (an unknown function by name is refused there) and fails here.
    const result = compiled('=({f: 1}).f(1)').evaluate({});
    expect(result.ok).toBe(false);
  });
});
