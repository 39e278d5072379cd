import { compileFeel, isFeelSyntaxProblem, type FeelExpression } from '../expressions/index.js';
import { problem, type ModelProblem } from './problem.js';
import type { ValueSource } from './process-model.js';

/** Compiles a FEEL expression, or files a syntax problem on the element. */
export function feel(source: string, elementId: string, what: string, whatZh: string, problems: ModelProblem[]): FeelExpression | undefined {
  const compiled = compileFeel(source);
  if (isFeelSyntaxProblem(compiled)) {
    problems.push(problem('feel.syntax', `${what} of '${elementId}': ${compiled.message}`, `“${elementId}”的${whatZh}：${compiled.messageZh}`, { elementId }));
    return undefined;
  }
  return compiled;
}

/** Zeebe's convention: `=…` is FEEL, anything else a fixed text. */
export function valueSource(raw: unknown, elementId: string, what: string, problems: ModelProblem[]): ValueSource | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  if (!raw.startsWith('=')) return { static: raw };
  const expression = feel(raw, elementId, what, what, problems);
  return expression ? { expression } : undefined;
}
