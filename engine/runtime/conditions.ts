import type { FeelExpression } from '../expressions/index.js';
import type { Evaluated, Execution } from './execution.js';
import type { Variables } from './variables.js';

/**
 * A condition must be true or false (Zeebe: "expected BOOLEAN"): null from a missing value or a
 * comparison of incompatible types is a failure that becomes an incident, never a silent false.
 */
export function evaluateCondition(execution: Execution, condition: FeelExpression, scopeId: string | undefined, extra?: Variables): Evaluated {
  const result = execution.evaluate(condition, scopeId, extra);
  if (!result.ok || typeof result.value === 'boolean') return result;
  return {
    ok: false,
    message: `FEEL expression '${condition.source}' must be true or false, but was ${JSON.stringify(result.value)}`,
    messageZh: `FEEL 表达式“${condition.source}”的结果必须是 true 或 false，实际为 ${JSON.stringify(result.value)}`,
  };
}
