/**
 * Conformance of decision tables, table-driven per hit policy (Camunda 8's documented DMN
 * behaviour). The public DMN TCK could not be fetched in this environment, so these cases are
 * written after its decision-table cases (0004-simpletable-*, 0007-date-time, 0008-listGen…).
 */
import { compileDmn, evaluateDecision, type DecisionGraph } from '../../engine/dmn/index.js';
import { decisionXml, definitionsXml, literalDecision, tableDecision, type TableSpec } from './table-xml.js';

async function graphOf(xml: string): Promise<DecisionGraph> {
  const compiled = await compileDmn(xml);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.graph;
}

/** 年龄 and 信用 decide a 额度 (amount) and a 等级 (grade). */
function creditTable(hitPolicy: string, aggregation?: string, single = false): TableSpec {
  return {
    decisionId: 'credit',
    name: '授信',
    hitPolicy,
    aggregation,
    inputs: [{ label: '年龄', expression: 'age' }, { label: '信用', expression: 'rating' }],
    outputs: single ? [{ name: 'amount' }] : [{ name: 'amount' }, { name: 'grade', values: '"A","B","C"' }],
    rules: single
      ? [
          [['>= 18', '"good"'], ['100']],
          [['>= 18', '-'], ['50']],
          [['< 18', '-'], ['0']],
          [['[18..60]', '"good","fair"'], ['20']],
        ]
      : [
          [['>= 18', '"good"'], ['100', '"B"']],
          [['>= 18', '-'], ['50', '"C"']],
          [['< 18', '-'], ['0', '"C"']],
          [['[18..60]', '"good","fair"'], ['20', '"A"']],
        ],
  };
}

type Case = { name: string; table: TableSpec; variables: Record<string, unknown>; result?: unknown; rules?: number[]; error?: RegExp };

const cases: Case[] = [
  { name: 'UNIQUE, one match: the value', table: { ...creditTable('UNIQUE', undefined, true), rules: creditTable('UNIQUE', undefined, true).rules.slice(1, 3) }, variables: { age: 30, rating: 'x' }, result: 50, rules: [1] },
  { name: 'UNIQUE, no match: null', table: { ...creditTable('UNIQUE', undefined, true), rules: creditTable('UNIQUE', undefined, true).rules.slice(0, 1) }, variables: { age: 10, rating: 'x' }, result: null, rules: [] },
  { name: 'UNIQUE, several match: a failure naming the rules', table: creditTable('UNIQUE', undefined, true), variables: { age: 30, rating: 'good' }, error: /UNIQUE, but rules 1, 2, 4 matched/ },
  { name: 'FIRST: the first match in rule order, several outputs as a context', table: creditTable('FIRST'), variables: { age: 30, rating: 'good' }, result: { amount: 100, grade: 'B' }, rules: [1] },
  { name: 'FIRST, no match: null', table: creditTable('FIRST'), variables: { age: null, rating: 'good' }, result: null, rules: [] },
  { name: 'PRIORITY: the match whose output comes first in the output values', table: creditTable('PRIORITY'), variables: { age: 30, rating: 'good' }, result: { amount: 20, grade: 'A' }, rules: [4] },
  { name: 'PRIORITY, equal priority: rule order', table: creditTable('PRIORITY'), variables: { age: 70, rating: 'good' }, result: { amount: 100, grade: 'B' }, rules: [1] },
  { name: 'ANY, matches agree: the value', table: { ...creditTable('ANY', undefined, true), rules: [[['>= 18', '-'], ['5']], [['-', '"good"'], ['5']]] }, variables: { age: 30, rating: 'good' }, result: 5, rules: [1, 2] },
  { name: 'ANY, matches disagree: a failure', table: creditTable('ANY', undefined, true), variables: { age: 30, rating: 'good' }, error: /ANY, but rules 1 and 2 matched with different outputs/ },
  { name: 'COLLECT: every match, as a list', table: creditTable('COLLECT', undefined, true), variables: { age: 30, rating: 'good' }, result: [100, 50, 20], rules: [1, 2, 4] },
  // No match is null whatever the policy, unless the columns have default output entries (Camunda 8, dmn-scala).
  { name: 'COLLECT, no match: null', table: creditTable('COLLECT', undefined, true), variables: { age: 'x', rating: 'x' }, result: null, rules: [] },
  { name: 'COLLECT SUM', table: creditTable('COLLECT', 'SUM', true), variables: { age: 30, rating: 'good' }, result: 170 },
  { name: 'COLLECT MIN', table: creditTable('COLLECT', 'MIN', true), variables: { age: 30, rating: 'good' }, result: 20 },
  { name: 'COLLECT MAX', table: creditTable('COLLECT', 'MAX', true), variables: { age: 30, rating: 'good' }, result: 100 },
  { name: 'COLLECT COUNT', table: creditTable('COLLECT', 'COUNT', true), variables: { age: 30, rating: 'good' }, result: 3 },
  { name: 'COLLECT COUNT, no match: null', table: creditTable('COLLECT', 'COUNT', true), variables: { age: 'x', rating: 'x' }, result: null },
  {
    name: 'no match with a default output entry: the default, whatever the policy',
    table: { ...creditTable('COLLECT', undefined, true), outputs: [{ name: 'amount', default: '-1' }] },
    variables: { age: 'x', rating: 'x' },
    result: -1,
    rules: [],
  },
  {
    name: 'no match with defaults on several columns: a context of them (FEEL allowed)',
    table: { ...creditTable('UNIQUE'), rules: creditTable('UNIQUE').rules.slice(0, 1), outputs: [{ name: 'amount', default: 'age * 0' }, { name: 'grade', values: '"A","B","C"', default: '"C"' }] },
    variables: { age: 10, rating: 'x' },
    result: { amount: 0, grade: 'C' },
    rules: [],
  },
  {
    name: 'a match ignores the defaults',
    table: { ...creditTable('FIRST', undefined, true), outputs: [{ name: 'amount', default: '-1' }] },
    variables: { age: 30, rating: 'good' },
    result: 100,
    rules: [1],
  },
  { name: 'COLLECT SUM, no match: null', table: creditTable('COLLECT', 'SUM', true), variables: { age: 'x', rating: 'x' }, result: null },
  { name: 'COLLECT with several outputs: a list of contexts', table: creditTable('COLLECT'), variables: { age: 10, rating: 'x' }, result: [{ amount: 0, grade: 'C' }], rules: [3] },
  { name: 'RULE ORDER: every match in rule order', table: creditTable('RULE ORDER'), variables: { age: 30, rating: 'good' }, result: [{ amount: 100, grade: 'B' }, { amount: 50, grade: 'C' }, { amount: 20, grade: 'A' }], rules: [1, 2, 4] },
  { name: 'OUTPUT ORDER: every match by output priority', table: creditTable('OUTPUT ORDER'), variables: { age: 30, rating: 'good' }, result: [{ amount: 20, grade: 'A' }, { amount: 100, grade: 'B' }, { amount: 50, grade: 'C' }], rules: [4, 1, 2] },
  {
    name: 'input values: a value outside them is a failure naming the input',
    table: { hitPolicy: 'FIRST', inputs: [{ label: '年龄', expression: 'age', values: '[0..150]' }], outputs: [{ name: 'ok' }], rules: [[['-'], ['true']]] },
    variables: { age: 200 },
    error: /input '年龄' is 200, not one of its input values/,
  },
  {
    name: 'output values: an output outside them is a failure naming the rule',
    table: { hitPolicy: 'FIRST', inputs: [{ expression: 'age' }], outputs: [{ name: 'level', values: '"高","低"' }], rules: [[['-'], ['"中"']]] },
    variables: { age: 1 },
    error: /rule 1: output 'level' is "中", not one of its output values/,
  },
  {
    name: 'a missing input variable is a failure naming the decision and the input',
    table: { decisionId: 'd1', name: '准入', inputs: [{ label: '年龄', expression: 'applicant.age' }], outputs: [{ name: 'ok' }], rules: [[['-'], ['true']]] },
    variables: {},
    error: /Decision 'd1' \(准入\): input '年龄' needs variable 'applicant', which is missing/,
  },
  {
    name: 'input expressions and output entries are FEEL; tests may name other variables',
    table: { hitPolicy: 'UNIQUE', inputs: [{ expression: 'income - debt' }], outputs: [{ name: 'limit' }], rules: [[['> floor'], ['(income - debt) * 2']], [['<= floor'], ['0']]] },
    variables: { income: 100, debt: 20, floor: 50 },
    result: 160,
    rules: [1],
  },
  {
    name: 'a string against a number does not match (FEEL types)',
    table: { hitPolicy: 'FIRST', inputs: [{ expression: 'age' }], outputs: [{ name: 'adult' }], rules: [[['>= 18'], ['true']], [['-'], ['false']]] },
    variables: { age: '20' },
    result: false,
    rules: [2],
  },
];

describe('decision table hit policies', () => {
  for (const entry of cases) {
    test(entry.name, async () => {
      const graph = await graphOf(decisionXml(entry.table));
      const outcome = evaluateDecision(graph, entry.table.decisionId ?? 'decision', entry.variables as never);
      if (entry.error) {
        expect(outcome.ok).toBe(false);
        if (!outcome.ok) expect(outcome.message).toMatch(entry.error);
        return;
      }
      if (!outcome.ok) throw new Error(outcome.message);
      expect(outcome.result).toEqual(entry.result);
      if (entry.rules) expect(outcome.evaluated[outcome.evaluated.length - 1].matchedRules.map((rule) => rule.ruleIndex)).toEqual(entry.rules);
    });
  }
});

describe('required decisions and literal expressions', () => {
  test('a decision sees the results of the decisions it requires, evaluated first', async () => {
    const xml = definitionsXml(
      [
        literalDecision('score', 'income / 1000 + bonus', ['bonus'], 'score'),
        literalDecision('bonus', 'if vip then 10 else 0'),
        tableDecision({ inputs: [{ label: '分数', expression: 'score' }], outputs: [{ name: 'approved' }], hitPolicy: 'FIRST', rules: [[['>= 50'], ['true']], [['-'], ['false']]] }, 'approve', ['score']),
      ].join(''),
    );
    const graph = await graphOf(xml);
    expect([...graph.decisions.keys()]).toEqual(['bonus', 'score', 'approve']);
    const outcome = evaluateDecision(graph, 'approve', { income: 45000, vip: true });
    expect(outcome.ok && outcome.result).toBe(true);
    expect(outcome.evaluated.map((entry) => [entry.decisionId, entry.result])).toEqual([
      ['bonus', 10],
      ['score', 55],
      ['approve', true],
    ]);
    const low = evaluateDecision(graph, 'approve', { income: 45000, vip: false });
    expect(low.ok && low.result).toBe(false);
  });

  test('a cycle of required decisions is refused at compilation, naming it', async () => {
    const compiled = await compileDmn(definitionsXml(literalDecision('a', 'b + 1', ['b']) + literalDecision('b', 'a + 1', ['a'])));
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.problems.map((problem) => problem.message).join('\n')).toMatch(/cycle: a → b → a/);
  });

  test('a required decision that is not in the file is refused', async () => {
    const compiled = await compileDmn(definitionsXml(literalDecision('a', '1', ['nowhere'])));
    expect(!compiled.ok && compiled.problems[0].message).toMatch(/requires decision 'nowhere'/);
  });
});

describe('what the compiler refuses, naming the decision, rule and cell', () => {
  const refused = async (xml: string) => {
    const compiled = await compileDmn(xml);
    if (compiled.ok) throw new Error('compiled');
    return compiled.problems.map((problem) => problem.message).join('\n');
  };

  test('an input entry that is not a unary test', async () => {
    const message = await refused(decisionXml({ decisionId: 'X', inputs: [{ label: '年龄', expression: 'age' }], outputs: [{ name: 'o' }], rules: [[['-'], ['1']], [['-'], ['2']], [['>= 18 @'], ['3']]] }));
    expect(message).toMatch(/Decision X, rule 3, input '年龄': '>= 18 @' is not a FEEL unary test/);
  });

  test('an output entry that is not FEEL', async () => {
    const message = await refused(decisionXml({ decisionId: 'X', inputs: [{ expression: 'age' }], outputs: [{ name: 'o' }], rules: [[['-'], ['1 +']]] }));
    expect(message).toMatch(/Decision X, rule 1, output 'o'/);
  });

  test('PRIORITY without output values', async () => {
    expect(await refused(decisionXml({ decisionId: 'X', hitPolicy: 'PRIORITY', inputs: [{ expression: 'a' }], outputs: [{ name: 'o' }], rules: [[['-'], ['1']]] }))).toMatch(/PRIORITY needs output values/);
  });

  test('an aggregation outside COLLECT, or over several outputs', async () => {
    expect(await refused(decisionXml({ decisionId: 'X', hitPolicy: 'FIRST', aggregation: 'SUM', inputs: [{ expression: 'a' }], outputs: [{ name: 'o' }], rules: [] }))).toMatch(/only with hit policy COLLECT/);
    expect(await refused(decisionXml({ decisionId: 'X', hitPolicy: 'COLLECT', aggregation: 'SUM', inputs: [{ expression: 'a' }], outputs: [{ name: 'o' }, { name: 'p' }], rules: [] }))).toMatch(/exactly one output/);
  });

  test('a rule with the wrong number of entries', async () => {
    expect(await refused(decisionXml({ decisionId: 'X', inputs: [{ expression: 'a' }, { expression: 'b' }], outputs: [{ name: 'o' }], rules: [[['-'], ['1']]] }))).toMatch(/rule 1 has 1 input and 1 output entries; the table has 2 inputs/);
  });

  test('what Matterflow does not execute: business knowledge models, other expression languages', async () => {
    expect(await refused(definitionsXml('<businessKnowledgeModel id="bkm1"/>' + literalDecision('a', '1')))).toMatch(/BusinessKnowledgeModel 'bkm1' is not executed/);
    expect(await refused(definitionsXml(literalDecision('a', '1')).replace('<literalExpression id="a_le"', '<literalExpression id="a_le" expressionLanguage="javascript"'))).toMatch(/expression language 'javascript'/);
    expect(await refused(definitionsXml('<decision id="ctx"><context id="c1"/></decision>'))).toMatch(/Context is not executed/);
  });

  test('a DOCTYPE (XXE) or a character XML forbids is refused before parsing, with its line', async () => {
    const doctype = await compileDmn(`<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n${definitionsXml(literalDecision('a', '1'))}`);
    expect(!doctype.ok && doctype.problems[0]).toMatchObject({ code: 'xml.doctype', line: 2 });
    const control = await compileDmn(definitionsXml(literalDecision('a', '"\u0001"')));
    expect(!control.ok && control.problems[0].code).toBe('xml.character');
    // Written as character references, which the parser would turn into the same characters.
    for (const reference of ['&#0;', '&#x1b;', '&#xD800;', '&#65535;']) {
      const referenced = await compileDmn(definitionsXml(literalDecision('a', '"aREFb"')).replace('REF', reference));
      expect(!referenced.ok && referenced.problems[0]).toMatchObject({ code: 'xml.character', line: expect.any(Number) });
    }
    // A character XML allows, written as a reference, is read as usual.
    const allowed = await compileDmn(definitionsXml(literalDecision('a', '"aREFb"')).replace('REF', '&#x4E2D;'));
    expect(allowed.ok ? 'ok' : allowed.problems).toBe('ok');
  });

  test('Camunda 7 attributes are refused by name, not ignored', async () => {
    const xml = definitionsXml(tableDecision({ inputs: [{ label: '年龄', expression: 'age' }], outputs: [{ name: 'o' }], rules: [[['-'], ['1']]] }, 'X')).replace(
      'xmlns:zeebe=',
      'xmlns:camunda="http://camunda.org/schema/1.0/dmn" xmlns:zeebe=',
    );
    const message = await refused(xml.replace('<input id="X_in1"', '<input id="X_in1" camunda:inputVariable="age"').replace('<decision id="X"', '<decision id="X" camunda:historyTimeToLive="30"'));
    expect(message).toMatch(/Decision 'X': the Camunda 7 attribute camunda:historyTimeToLive is not executed/);
    expect(message).toMatch(/InputClause 'X_in1': the Camunda 7 attribute camunda:inputVariable/);
  });

  test('XML that is not DMN', async () => {
    expect(await refused('<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><oops')).toMatch(/cannot be read/);
  });
});
