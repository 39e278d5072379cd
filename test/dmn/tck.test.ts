/**
 * Conformance: the public DMN TCK, compliance level 2 (copied under test/dmn/tck/, see its README), run
 * against engine/dmn. Every case is compiled and every test case evaluated; the pass rate is counted over
 * the decision-table cases the engine accepts. A case the engine refuses at compile time is "not
 * supported" with the engine's own reason; a wrong result is "failed".
 *
 * The TCK files are DMN 1.5; dmn-moddle (and so the engine) reads DMN 1.3. The run rewrites the 1.5
 * namespaces to 1.3 before compiling (the elements these cases use are the same in both versions); it
 * changes nothing else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { compileDmn, evaluateDecision, type DecisionGraph } from '../../engine/dmn/index.js';
import type { Json } from '../../engine/runtime/variables.js';
import { readTckTestFile, type TckResultNode, type TckTestCase, type TckValue } from './tck-test-cases.js';

const CASES = new URL('./tck/compliance-level-2/', import.meta.url);
const README = new URL('./tck/README.md', import.meta.url);

/**
 * The cases observed passing completely (every test case; decision-table cases and the others) on 2026-12-02.
 * A regression in any of them fails this test;
 * a case that starts passing should be added here (the printed table says which).
 */
const EXPECTED_PASSING = new Set<string>([
  '0001-input-data-string',
  '0002-input-data-number',
  '0003-input-data-string-allowed-values',
  '0004-simpletable-U',
  '0005-simpletable-A',
  '0006-simpletable-P1',
  '0007-simpletable-P2',
  '0010-multi-output-U',
  '0100-feel-constants',
  '0101-feel-constants',
  '0102-feel-constants',
  '0106-feel-ternary-logic',
  '0107-feel-ternary-logic-not',
  '0108-first-hitpolicy',
  '0109-ruleOrder-hitpolicy',
  '0110-outputOrder-hitpolicy',
  '0111-first-hitpolicy-singleoutputcol',
  '0112-ruleOrder-hitpolicy-singleinoutcol',
  '0113-outputOrder-hitpolicy-singleinoutcol',
  '0114-min-collect-hitpolicy',
  '0115-sum-collect-hitpolicy',
  '0116-count-collect-hitpolicy',
  '0117-multi-any-hitpolicy',
  '0118-multi-priority-hitpolicy',
  '0119-multi-collect-hitpolicy',
]);

type Outcome = { status: 'passed' } | { status: 'failed'; detail: string } | { status: 'unsupported'; detail: string };

interface CaseReport {
  name: string;
  decisionTable: boolean;
  tests: number;
  passed: number;
  failed: number;
  unsupported: number;
  /** Why the whole case is refused, or the first lines of what failed. */
  reasons: string[];
}

/** DMN 1.4 and 1.5 namespaces → DMN 1.3 (model, FEEL, DMNDI), which is what dmn-moddle reads. */
function asDmn13(xml: string): string {
  return xml.replace(/https:\/\/www\.omg\.org\/spec\/DMN\/(20230324|20211108)\//g, 'https://www.omg.org/spec/DMN/20191111/');
}

/** Numbers numerically, lists in order, contexts by their entries; null and a missing value are the same. */
function sameValue(actual: Json | undefined, expected: TckValue): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (typeof expected === 'number') return typeof actual === 'number' && actual === expected;
  if (typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((entry, index) => sameValue(actual[index], entry));
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  return [...keys].every((key) => sameValue(actual[key], expected[key] ?? null));
}

function decisionNamed(graph: DecisionGraph, name: string): string | undefined {
  for (const node of graph.decisions.values()) if (node.name === name) return node.id;
  return graph.decisions.has(name) ? name : undefined;
}

function runResult(graph: DecisionGraph, testCase: TckTestCase, result: TckResultNode): Outcome {
  const decisionId = decisionNamed(graph, result.name);
  if (!decisionId) return { status: 'failed', detail: `no decision named '${result.name}'` };
  const outcome = evaluateDecision(graph, decisionId, testCase.inputs as Record<string, Json>);
  if (result.errorResult) return !outcome.ok || outcome.result === null ? { status: 'passed' } : { status: 'failed', detail: `${result.name}: expected an error, got ${JSON.stringify(outcome.result)}` };
  if (!outcome.ok) return { status: 'failed', detail: `${result.name}: ${outcome.message}` };
  if (sameValue(outcome.result, result.expected)) return { status: 'passed' };
  return { status: 'failed', detail: `${result.name}: expected ${JSON.stringify(result.expected)}, got ${JSON.stringify(outcome.result)}` };
}

/** A test case passes when every result node in it does. */
function runTestCase(graph: DecisionGraph, testCase: TckTestCase): Outcome {
  if (testCase.type !== 'decision') return { status: 'unsupported', detail: `test case type '${testCase.type}'` };
  const failures = testCase.results.map((result) => runResult(graph, testCase, result)).filter((outcome) => outcome.status !== 'passed');
  if (failures.length === 0) return { status: 'passed' };
  return { status: 'failed', detail: `test ${testCase.id}: ${failures.map((failure) => ('detail' in failure ? failure.detail : '')).join('; ')}` };
}

async function runCase(name: string): Promise<CaseReport> {
  const folder = new URL(`${name}/`, CASES);
  const files = readdirSync(folder);
  const model = readFileSync(new URL(`${name}.dmn`, folder), 'utf8');
  const testCases = files
    .filter((file) => /-test-\d+\.xml$/.test(file))
    .sort()
    .flatMap((file) => readTckTestFile(readFileSync(new URL(file, folder), 'utf8')).testCases);
  const report: CaseReport = { name, decisionTable: /<([\w-]+:)?decisionTable\b/.test(model), tests: testCases.length, passed: 0, failed: 0, unsupported: 0, reasons: [] };
  const compiled = await compileDmn(asDmn13(model));
  if (!compiled.ok) {
    report.unsupported = testCases.length;
    report.reasons = [...new Set(compiled.problems.map((problem) => problem.message.replace(/^Decision [^:]*?(, output '[^']*')?: /, '')))];
    return report;
  }
  for (const testCase of testCases) {
    const outcome = runTestCase(compiled.graph, testCase);
    report[outcome.status] += 1;
    if (outcome.status !== 'passed') report.reasons.push(outcome.detail);
  }
  return report;
}

interface Totals {
  tests: number;
  passed: number;
  failed: number;
  unsupported: number;
}

function totals(reports: CaseReport[]): Totals {
  return reports.reduce((sum, report) => ({ tests: sum.tests + report.tests, passed: sum.passed + report.passed, failed: sum.failed + report.failed, unsupported: sum.unsupported + report.unsupported }), {
    tests: 0,
    passed: 0,
    failed: 0,
    unsupported: 0,
  });
}

/** The sentence the README must carry, computed from the run. */
function passRateLine(table: Totals): string {
  const supported = table.passed + table.failed;
  const percent = supported === 0 ? 0 : (100 * table.passed) / supported;
  return `Pass rate over supported decision-table tests: **${table.passed}/${supported} (${percent.toFixed(1)}%)**; not supported: ${table.unsupported} of ${table.tests} decision-table tests.`;
}

function markdownTable(reports: CaseReport[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = reports.map((report) =>
    `| ${report.name} | ${report.decisionTable ? 'yes' : 'no'} | ${report.tests} | ${report.passed} | ${report.failed} | ${report.unsupported} | ${cell(report.reasons.slice(0, 3).join('; ') + (report.reasons.length > 3 ? `; … (${report.reasons.length - 3} more)` : ''))} |`,
  );
  return ['| case | decision table | tests | passed | failed | not supported | reason |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

describe('DMN TCK, compliance level 2', () => {
  let reports: CaseReport[] = [];

  beforeAll(async () => {
    const names = readdirSync(CASES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    reports = [];
    for (const name of names) reports.push(await runCase(name));
    const tables = reports.filter((report) => report.decisionTable);
    const others = reports.filter((report) => !report.decisionTable);
    console.log(
      [
        markdownTable(reports),
        '',
        passRateLine(totals(tables)),
        `Other cases (literal expressions, BKMs; not counted): ${totals(others).passed} of ${totals(others).tests} tests pass.`,
        `Cases passing completely: ${reports.filter(passesCompletely).map((report) => report.name).join(', ')}`,
      ].join('\n'),
    );
  });

  it('reads every copied case and its test cases', () => {
    expect(reports).toHaveLength(28);
    for (const report of reports) expect(report.tests).toBeGreaterThan(0);
    expect(reports.filter((report) => report.decisionTable).length).toBeGreaterThan(0);
  });

  it('every case in EXPECTED_PASSING still passes completely', () => {
    expect(EXPECTED_PASSING.size).toBeGreaterThan(0);
    const regressed = reports.filter((report) => EXPECTED_PASSING.has(report.name) && !passesCompletely(report)).map((report) => `${report.name}: ${report.reasons.join('; ')}`);
    expect(regressed).toEqual([]);
    const unknown = [...EXPECTED_PASSING].filter((name) => !reports.some((report) => report.name === name));
    expect(unknown).toEqual([]);
  });

  it('the README states the pass rate this run computes', () => {
    const line = passRateLine(totals(reports.filter((report) => report.decisionTable)));
    expect(readFileSync(README, 'utf8')).toContain(line);
  });

  it('the comparison can fail: numbers, lists and contexts are compared by value', () => {
    expect(sameValue(18, 18)).toBe(true);
    expect(sameValue(18, 18.5)).toBe(false);
    expect(sameValue('18', 18)).toBe(false);
    expect(sameValue([{ Status: 'Approved', Rate: 'Best' }], [{ Status: 'Approved', Rate: 'Best' }])).toBe(true);
    expect(sameValue([{ Status: 'Approved', Rate: 'Best' }], [{ Status: 'Approved', Rate: 'Standard' }])).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1, b: null }, { a: 1 } as TckValue)).toBe(true);
    expect(sameValue({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameValue(null, null)).toBe(true);
    expect(sameValue(0, null)).toBe(false);
  });

  it('the test-file reader types values by xsi:type and reads lists, contexts and nil', () => {
    const file = readTckTestFile(`<?xml version="1.0"?>
      <testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
        <modelName>m.dmn</modelName>
        <testCase id="1">
          <!-- a comment -->
          <inputNode name="Monthly Salary"><value xsi:type="xsd:decimal"> 10.5 </value></inputNode>
          <inputNode name="ok"><value xsi:type="xsd:boolean">false</value></inputNode>
          <inputNode name="who"><value xsi:type="xsd:string"> A &amp; B &lt;c&gt; </value></inputNode>
          <inputNode name="none"><value xsi:nil="true"/></inputNode>
          <inputNode name="person"><component name="age"><value xsi:type="xsd:decimal">3</value></component><component name="tags"><list><item><value xsi:type="xsd:string">x</value></item></list></component></inputNode>
          <resultNode name="d" type="decision"><expected><list><item><component name="a"><value xsi:type="xsd:date">2024-01-02</value></component></item></list></expected></resultNode>
          <resultNode name="e" errorResult="true"><expected><value xsi:nil="true"/></expected></resultNode>
        </testCase>
      </testCases>`);
    expect(file.modelName).toBe('m.dmn');
    expect(file.testCases).toEqual([
      {
        id: '1',
        type: 'decision',
        inputs: { 'Monthly Salary': 10.5, ok: false, who: ' A & B <c> ', none: null, person: { age: 3, tags: ['x'] } },
        results: [
          { name: 'd', errorResult: false, expected: [{ a: '2024-01-02' }] },
          { name: 'e', errorResult: true, expected: null },
        ],
      },
    ]);
    expect(() => readTckTestFile('<testCases><testCase id="1"><inputNode name="a"><value xsi:type="xsd:hexBinary">0F</value></inputNode></testCase></testCases>')).toThrow(/Unknown xsi:type/);
    expect(() => readTckTestFile('<testCases><testCase></testCases>')).toThrow(/unexpected end tag/);
    expect(() => readTckTestFile('<!DOCTYPE x><testCases/>')).toThrow(/DOCTYPE/);
  });
});

function passesCompletely(report: CaseReport): boolean {
  return report.tests > 0 && report.passed === report.tests;
}
