import { evaluate, SyntaxError as FeelSyntaxError, type Warning } from 'feelin';
import type { Json, Variables } from '../runtime/variables.js';

/**
 * A FEEL expression, checked once when a model is compiled. Zeebe's convention: a value that
 * starts with `=` is an expression, anything else is a static string.
 */
export interface FeelExpression {
  readonly source: string;
  /** Evaluates against plain JSON variables. Never runs JavaScript from the model. */
  evaluate(variables: Variables): FeelResult;
}

export type FeelResult = { ok: true; value: Json } | { ok: false; message: string; messageZh: string };

export interface FeelSyntaxProblem {
  message: string;
  messageZh: string;
  position: number;
}

/** Checks the syntax of an expression; returns a problem or the compiled expression. */
export function compileFeel(source: string): FeelExpression | FeelSyntaxProblem {
  const expression = source.startsWith('=') ? source.slice(1) : source;
  if (expression.trim() === '') {
    return { message: 'The expression is empty', messageZh: '表达式为空', position: 0 };
  }
  try {
    evaluate(expression, {});
  } catch (error) {
    if (error instanceof FeelSyntaxError) {
      return {
        message: `Invalid FEEL: ${error.message} at position ${error.position.from}`,
        messageZh: `FEEL 表达式语法错误：${error.message}（位置 ${error.position.from}）`,
        position: error.position.from,
      };
    }
    throw error;
  }
  return {
    source,
    evaluate(variables) {
      const { value, warnings } = evaluate(expression, variables);
      const failure = warnings.find(isFailure);
      if (failure) {
        return {
          ok: false,
          message: `FEEL expression '${expression}' failed: ${failure.message}`,
          messageZh: `FEEL 表达式“${expression}”求值失败：${failure.message}`,
        };
      }
      return { ok: true, value: toJson(value) };
    },
  };
}

export function isFeelSyntaxProblem(value: FeelExpression | FeelSyntaxProblem): value is FeelSyntaxProblem {
  return 'position' in value;
}

// A missing variable or a type mismatch yields null in FEEL; for an engine that must never
// take a default silently, that is an error (it becomes an incident).
function isFailure(warning: Warning): boolean {
  return warning.type !== 'NO_CONTEXT_ENTRY_FOUND' && warning.type !== 'NO_PROPERTY_FOUND';
}

/** FEEL values (dates, durations, ranges) are turned into JSON before they reach the state. */
function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const maybeTemporal = value as { toString(): string; constructor?: { name?: string } };
    if (maybeTemporal.constructor && maybeTemporal.constructor !== Object) return String(value);
    const out: { [key: string]: Json } = {};
    for (const [key, entry] of Object.entries(value)) out[key] = toJson(entry);
    return out;
  }
  return null;
}
