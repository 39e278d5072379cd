import { fieldValue, trialFields, trialVariables } from '../../designer/src/decisions/trial-inputs.js';

/**
 * The 试算 panel's fields (designer/src/decisions/trial-inputs.ts): pure functions, run without a
 * browser. One field per input column by label; a computed column asks for the variables it names.
 */
describe('试算 fields and variables', () => {
  test('a path column is one field labelled like the column, typed by typeRef, with listed string values as choices', () => {
    const fields = trialFields([
      { id: 'a', label: '营业执照有效', inputExpression: { typeRef: 'boolean', text: 'check.licenceValid' } },
      { id: 'b', label: '经营者年龄', inputExpression: { typeRef: 'number', text: 'applicant.age' } },
      { id: 'c', label: '主体类型', inputExpression: { typeRef: 'string', text: 'kind' }, inputValues: { text: '"个体","企业"' } },
      { id: 'd', label: '年龄（重复）', inputExpression: { typeRef: 'number', text: 'applicant.age' } },
    ]);
    expect(fields).toEqual([
      { path: 'check.licenceValid', label: '营业执照有效', type: 'boolean', options: undefined },
      { path: 'applicant.age', label: '经营者年龄', type: 'number', options: undefined },
      { path: 'kind', label: '主体类型', type: 'string', options: ['个体', '企业'] },
    ]);
  });

  test('a computed column asks for each variable it names, not for FEEL words, functions or string contents', () => {
    const fields = trialFields([{ id: 'x', label: '应缴金额', inputExpression: { typeRef: 'number', text: 'if applicant.resident then amount * rate else floor(amount) + fee("and or")' } }]);
    expect(fields.map((field) => field.path)).toEqual(['applicant.resident', 'amount', 'rate']);
    expect(fields[1]).toMatchObject({ label: '应缴金额 · amount', type: 'text', expression: expect.stringContaining('amount * rate') });
  });

  test('typed values: empty is not given; booleans, numbers and strings by type; untyped numbers read as numbers', () => {
    const boolean = { path: 'a', label: 'a', type: 'boolean' as const };
    const number = { path: 'b', label: 'b', type: 'number' as const };
    const text = { path: 'c', label: 'c', type: 'text' as const };
    const string = { path: 'd', label: 'd', type: 'string' as const };
    expect([fieldValue(boolean, ''), fieldValue(boolean, 'true'), fieldValue(boolean, 'false')]).toEqual([undefined, true, false]);
    expect([fieldValue(number, '35'), fieldValue(number, ' 2.5 ')]).toEqual([35, 2.5]);
    expect([fieldValue(text, '18'), fieldValue(text, 'true'), fieldValue(text, '东莞')]).toEqual([18, true, '东莞']);
    expect(fieldValue(string, '18')).toBe('18');
  });

  test('variables are nested along the paths; values not given are left out', () => {
    expect(trialVariables([
      { path: 'check.licenceValid', value: true },
      { path: 'check.abnormal', value: false },
      { path: 'applicant.age', value: 35 },
      { path: 'data.materialsComplete', value: undefined },
    ])).toEqual({ check: { licenceValid: true, abnormal: false }, applicant: { age: 35 } });
  });
});
