import { evaluate, isFunction, parseExpression, SyntaxError as FeelSyntaxError, type FeelFunction, type Warning } from 'feelin';
import type { Json, Variables } from '../runtime/variables.js';

/**
 * A FEEL expression, checked once when a model is compiled. Zeebe's convention: a value that
 * starts with `=` is an expression, anything else is a static string.
 */
export interface FeelExpression {
  readonly source: string;
  /**
   * Evaluates against plain JSON variables. Never runs JavaScript from the model. `clock` is
   * the command's time: FEEL's now() and today() answer with it (in Asia/Shanghai), so an
   * expression gives the same value when the command is replayed; without it they read the
   * system clock.
   */
  evaluate(variables: Variables, clock?: Date): FeelResult;
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
  const prepared = prepare(expression);
  return {
    source,
    evaluate(variables, clock) {
      if (prepared && canUsePrepared(prepared, variables)) return evaluatePrepared(prepared, variables, expression, clock);
      const { value, warnings } = evaluate(expression, clock && readsClock(expression) ? withClock(variables, clock) : variables);
      return outcome(value, warnings, expression);
    },
  };
}

export function isFeelSyntaxProblem(value: FeelExpression | FeelSyntaxProblem): value is FeelSyntaxProblem {
  return 'position' in value;
}

/**
 * feelin's `evaluate` parses the text on every call (~100 µs). Parsed once instead: the
 * expression becomes the body of a FEEL function whose parameters are the variables it names,
 * `function(amount, items) amount > 5 and count(items) > 1`; calling that function runs the
 * built execution tree without parsing. A variable that is missing is passed as undefined,
 * which FEEL reports as "variable not found" exactly like a missing context entry.
 *
 * FEEL parsing depends on the context only for names that contain spaces or operator
 * characters (`order total`, `a+b`): the parser knows them from the variables. So the prepared
 * form is used only when the expression names no such variable and no variable it can see has
 * such a name (checked per evaluation); otherwise the expression is evaluated the slow way.
 */
interface Prepared {
  fn: FeelFunction;
  names: string[];
  /** The warnings array of the evaluation that built the function: invocations add to it. */
  warnings: Warning[];
}

const SIMPLE_NAME = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

function prepare(expression: string): Prepared | undefined {
  const names = new Set<string>();
  try {
    parseExpression(expression, {}, undefined).iterate({
      enter(node) {
        if (node.name === 'VariableName') names.add(expression.slice(node.from, node.to));
      },
    });
  } catch {
    return undefined;
  }
  const list = [...names];
  if (!list.every((name) => SIMPLE_NAME.test(name))) return undefined;
  try {
    const { value, warnings } = evaluate(`function(${list.join(', ')}) ${expression}`, {});
    if (!isFunction(value) || warnings.length > 0) return undefined;
    return { fn: value, names: list, warnings };
  } catch {
    return undefined;
  }
}

/** Same answer as SIMPLE_NAME.test for a key, without the regular expression (it runs on every evaluation). */
function isSimpleKey(key: string): boolean {
  if (key.length === 0) return false;
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 36) continue;
    if (code >= 48 && code <= 57 && index > 0) continue;
    if (code >= 0x80) {
      if (SIMPLE_NAME.test(key)) return true;
      return false;
    }
    return false;
  }
  return true;
}

function canUsePrepared(prepared: Prepared, variables: Variables): boolean {
  for (const key in variables) if (!isSimpleKey(key)) return false;
  for (const name of prepared.names) {
    const value = variables[name];
    if (typeof value === 'object' && value !== null && !simpleKeysDeep(value)) return false;
  }
  return true;
}

function simpleKeysDeep(value: Json): boolean {
  if (Array.isArray(value)) return value.every((entry) => typeof entry !== 'object' || entry === null || simpleKeysDeep(entry));
  if (typeof value !== 'object' || value === null) return true;
  for (const key in value) {
    if (!isSimpleKey(key)) return false;
    const entry = value[key];
    if (typeof entry === 'object' && entry !== null && !simpleKeysDeep(entry)) return false;
  }
  return true;
}

function evaluatePrepared(prepared: Prepared, variables: Variables, expression: string, clock: Date | undefined): FeelResult {
  prepared.warnings.length = 0;
  const args = prepared.names.map((name) => {
    if (Object.prototype.hasOwnProperty.call(variables, name)) return variables[name];
    if (clock && (name === 'now' || name === 'today')) return clockFunctions(clock)[name];
    return undefined;
  });
  const value = prepared.fn.invoke(args);
  return outcome(value, prepared.warnings, expression);
}

// ── now() and today() at the command's time ─────────────────────────────────
// FEEL lets a context entry shadow a built-in function, and a variable of the process named
// `now` or `today` still wins over these, as it would over the built-ins.

const CLOCK_NAMES = /\b(now|today)\b/;

function readsClock(expression: string): boolean {
  return CLOCK_NAMES.test(expression);
}

function withClock(variables: Variables, clock: Date): Record<string, unknown> {
  const functions = clockFunctions(clock);
  return { now: functions.now, today: functions.today, ...variables };
}

let feelDateTime: FeelFunction | undefined;
let feelDate: FeelFunction | undefined;

function clockFunctions(clock: Date): { now: () => unknown; today: () => unknown } {
  feelDateTime ??= evaluate('function(text) date and time(text)', {}).value as FeelFunction;
  feelDate ??= evaluate('function(text) date(text)', {}).value as FeelFunction;
  const local = shanghaiLocal(clock);
  return {
    now: () => (feelDateTime as FeelFunction).invoke([`${local}@Asia/Shanghai`]),
    today: () => (feelDate as FeelFunction).invoke([local.slice(0, 10)]),
  };
}

/** `yyyy-mm-ddThh:mm:ss.sss` on the wall clock of China (UTC+8 all year, no daylight saving). */
function shanghaiLocal(clock: Date): string {
  return new Date(clock.getTime() + 8 * 3600_000).toISOString().slice(0, 23);
}

function outcome(value: unknown, warnings: readonly Warning[], expression: string): FeelResult {
  const failure = warnings.find(isFailure);
  if (failure) {
    return {
      ok: false,
      message: `FEEL expression '${expression}' failed: ${failure.message}`,
      messageZh: `FEEL 表达式“${expression}”求值失败：${failure.message}`,
    };
  }
  return { ok: true, value: toJson(value) };
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
