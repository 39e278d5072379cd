/**
 * FEEL condition cost: feelin's evaluate (parses every call) against the compiled form the
 * engine uses (parsed once into a FEEL function, engine/expressions/feel.ts). Prints figures.
 */
import { evaluate } from 'feelin';
import { compileFeel, isFeelSyntaxProblem } from '../engine/expressions/index.js';

function time(label: string, iterations: number, run: () => void): number {
  for (let index = 0; index < Math.min(iterations, 20_000); index++) run();
  const start = process.hrtime.bigint();
  for (let index = 0; index < iterations; index++) run();
  const microseconds = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  console.log(`${label.padEnd(62)} ${microseconds.toFixed(2).padStart(9)} µs/evaluation`);
  return microseconds;
}

const variables = { amount: 150, applicant: { age: 30, name: '张三' }, items: [1, 2, 3], decision: '准予许可', department: 'SCJGJ', urgent: false, score: 640, region: '东莞' };
const cases = ['amount > 100', 'decision = "准予许可"', 'amount > 100 and applicant.age >= 18 and count(items) > 1', 'numberOfCompletedInstances >= 2'];
const context = { ...variables, numberOfCompletedInstances: 2 };

console.log(`node ${process.version}, ${variables && Object.keys(context).length} variables in the context`);
for (const source of cases) {
  const compiled = compileFeel(source);
  if (isFeelSyntaxProblem(compiled)) throw new Error(compiled.message);
  const slow = time(`feelin evaluate (parse each call): ${source}`, 5_000, () => evaluate(source, context));
  const fast = time(`compiled (parse once):             ${source}`, 500_000, () => compiled.evaluate(context));
  console.log(`${''.padEnd(62)} ${(slow / fast).toFixed(0).padStart(9)} × faster`);
}
