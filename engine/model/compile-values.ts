import { brokenFeel, compileFeel, isFeelSyntaxProblem, type FeelExpression } from '../expressions/index.js';
import { problem, type ModelProblem } from './problem.js';
import type { ValueSource } from './process-model.js';

/**
 * Compiles a FEEL expression. A syntax error is filed as a problem on the element (which refuses
 * a deployment) and the expression comes back broken: it fails when evaluated. So a stored model
 * that today's stricter rules refuse still loads and runs (model-cache compiles leniently), and
 * the element that reaches the expression gets an incident; and a flow whose condition does not
 * compile is not reported as a flow without a condition as well.
 */
export function feel(source: string, elementId: string, what: string, whatZh: string, problems: ModelProblem[]): FeelExpression {
  const compiled = compileFeel(source);
  if (isFeelSyntaxProblem(compiled)) {
    problems.push(problem('feel.syntax', `${what} of '${elementId}': ${compiled.message}`, `“${elementId}”的${whatZh}：${compiled.messageZh}`, { elementId }));
    return brokenFeel(source, compiled);
  }
  return compiled;
}

/** Zeebe's convention: `=…` is FEEL, anything else a fixed text. */
export function valueSource(raw: unknown, elementId: string, what: string, problems: ModelProblem[]): ValueSource | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  if (!raw.startsWith('=')) return { static: raw };
  return { expression: feel(raw, elementId, what, what, problems) };
}
