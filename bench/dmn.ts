/**
 * DMN decision table cost: a 50-rule table compiled once (engine/dmn) against the same table
 * evaluated cell by cell with feelin's uncompiled `unaryTest` (parses every call). Prints figures.
 *
 * Configuration: hit policy UNIQUE (every rule is tested, none may be skipped), three inputs
 * (a number read by path, a string, a number computed by FEEL `amount * rate`), 50 rules of
 * intervals, comparisons, string lists, `not(…)` and `-`; the input matches rule 50 only, so
 * every rule's first cell is tested and the table is scanned to the end. One output column.
 */
import { unaryTest } from 'feelin';
import { compileDmn, evaluateDecision } from '../engine/dmn/index.js';
import { decisionXml } from '../test/dmn/table-xml.js';

const REGIONS = ['"莞城"', '"南城"', '"东城"', '"虎门"', '"长安"'];
const rules: Array<[string[], string[]]> = [];
for (let index = 0; index < 50; index++) {
  const low = index * 2;
  const age = index % 3 === 0 ? `[${low}..${low + 1}]` : index % 3 === 1 ? `>= ${low}` : `${low}, ${low + 1}`;
  const region = index % 4 === 0 ? '-' : index % 4 === 1 ? REGIONS.slice(0, 3).join(',') : index % 4 === 2 ? `not(${REGIONS[4]})` : REGIONS[index % 5];
  const amount = index % 2 === 0 ? `< ${1000 + index}` : '-';
  rules.push([[age, region, amount], [`"R${index + 1}"`]]);
}
// The last rule alone matches the input below (age 98 only satisfies rules with ≥ 98 or 98,99 / [98..99]).
rules[49] = [['[98..99]', '"虎门"', '< 2000'], ['"R50"']];
for (let index = 0; index < 49; index++) if (rules[index][0][0].startsWith('>=')) rules[index][0][0] = `[${index * 2}..${index * 2 + 1}]`;

const spec = {
  decisionId: 'bench',
  hitPolicy: 'UNIQUE',
  inputs: [{ label: '年龄', expression: 'applicant.age' }, { label: '镇街', expression: 'region' }, { label: '金额', expression: 'amount * rate' }],
  outputs: [{ name: 'rule' }],
  rules,
};
const variables = { applicant: { age: 98 }, region: '虎门', amount: 1500, rate: 1 };

const compiled = await compileDmn(decisionXml(spec));
if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
const graph = compiled.graph;
const check = evaluateDecision(graph, 'bench', variables);
if (!check.ok || check.result !== 'R50') throw new Error(`unexpected result ${JSON.stringify(check)}`);
const table = graph.decisions.get('bench')!.logic;
const nativeCells = table.kind === 'table' ? table.rules.flatMap((rule) => rule.inputEntries).filter((entry) => !entry.any) : [];

function time(label: string, iterations: number, run: () => void): number {
  for (let index = 0; index < Math.min(iterations, 20_000); index++) run();
  const start = process.hrtime.bigint();
  for (let index = 0; index < iterations; index++) run();
  const microseconds = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  console.log(`${label.padEnd(64)} ${microseconds.toFixed(2).padStart(10)} µs/evaluation`);
  return microseconds;
}

/** The same table the slow way: every input entry through feelin's unaryTest, as an interpreter without compilation would. */
function uncompiled(): string | null {
  const inputs = [variables.applicant.age, variables.region, variables.amount * variables.rate];
  const matches: string[] = [];
  for (const [entries, outputs] of rules) {
    if (entries.every((entry, column) => entry === '-' || unaryTest(entry, { ...variables, '?': inputs[column] }).value === true)) matches.push(outputs[0]);
  }
  return matches.length === 1 ? matches[0] : null;
}
if (uncompiled() !== '"R50"') throw new Error('the uncompiled evaluation disagrees');

console.log(`node ${process.version}; 50 rules × 3 inputs, UNIQUE, matching rule 50; ${nativeCells.filter((cell) => cell.native).length}/${nativeCells.length} non-'-' cells compiled to JavaScript`);
const fast = time('compiled table (engine/dmn evaluateDecision)', 200_000, () => evaluateDecision(graph, 'bench', variables));
const slow = time('uncompiled: feelin unaryTest per cell (parses every call)', 50, uncompiled);
const single = time("feelin unaryTest('[98..99]', …) alone, one cell", 2_000, () => unaryTest('[98..99]', { '?': 98 }));
console.log(`${''.padEnd(64)} ${(slow / fast).toFixed(0).padStart(10)} × faster compiled; target ≤ 20 µs: ${fast <= 20 ? 'met' : 'NOT met'}`);
void single;
