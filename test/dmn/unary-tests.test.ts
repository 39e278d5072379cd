/**
 * The native forms of input entries (engine/dmn/unary-tests.ts) must answer as feelin's
 * unaryTest does wherever the input and the literals are of one type (where they are not,
 * FEEL says null: no match, which feelin does not always do; that case is tested apart).
 */
import { unaryTest } from 'feelin';
import { compileUnaryTests } from '../../engine/dmn/index.js';

const tests = ['-', '5', '-1', '< 10', '<= 10', '> 10', '>= 10', '!= 10', '= 10', '[1..10]', '(1..10)', ']1..10[', '[1..10)', '(1..10]', '1, 5, 10', 'not(5)', 'not(1, 2)', 'not([1..3])', '"a"', '"a", "b"', 'not("a")', '< "m"', '["a".."f"]', 'true', 'false', 'null', 'not(null)', '1.5', '> -2.5'];
const numbers = [-3, -2.5, 0, 1, 1.5, 2, 5, 9.99, 10, 11];
const strings = ['a', 'b', 'f', 'g', 'm', 'z', ''];
const booleans = [true, false];

describe('native unary tests agree with feelin', () => {
  for (const source of tests) {
    test(source, () => {
      const compiled = compileUnaryTests(source);
      if (!('test' in compiled)) throw new Error(compiled.message);
      expect(compiled.native).toBe(true);
      const literals = source.includes('"') ? strings : source.includes('true') || source.includes('false') ? booleans : source === 'null' || source === 'not(null)' || source === '-' ? [...numbers, ...strings, null] : numbers;
      for (const value of literals) {
        const expected = unaryTest(source === '-' ? '-' : source, { '?': value }).value === true;
        const actual = compiled.test(value, {});
        expect([value, actual]).toEqual([value, { ok: true, value: expected }]);
      }
    });
  }

  test('other tests go to feelin: variables, functions, ? in an expression', () => {
    for (const source of ['< limit', 'date("2020-01-01")', '? > 5 and ? < 10', 'count(?) > 1', 'starts with(?, "粤")']) {
      const compiled = compileUnaryTests(source);
      if (!('test' in compiled)) throw new Error(compiled.message);
      expect(compiled.native).toBe(false);
    }
    const limit = compileUnaryTests('< limit');
    if (!('test' in limit)) throw new Error('not compiled');
    expect(limit.test(3, { limit: 5 })).toEqual({ ok: true, value: true });
    expect(limit.test(7, { limit: 5 })).toEqual({ ok: true, value: false });
    const prefix = compileUnaryTests('starts with(?, "粤")');
    if (!('test' in prefix)) throw new Error('not compiled');
    expect(prefix.test('粤B12345', {})).toEqual({ ok: true, value: true });
  });

  test('different types do not match (FEEL: null), where feelin compares loosely', () => {
    const compiled = compileUnaryTests('>= 18');
    if (!('test' in compiled)) throw new Error('not compiled');
    expect(compiled.test('20', {})).toEqual({ ok: true, value: false });
    expect(compiled.test(null, {})).toEqual({ ok: true, value: false });
    const negated = compileUnaryTests('not(>= 18)');
    if (!('test' in negated)) throw new Error('not compiled');
    expect(negated.test('20', {})).toEqual({ ok: true, value: false });
  });

  test('syntax errors are problems, not exceptions', () => {
    for (const source of ['>= 18,', '@@', '[1..', '"open']) {
      const compiled = compileUnaryTests(source);
      expect('test' in compiled).toBe(false);
    }
  });
});
