import { evaluate, isFunction, parseExpression, type FeelFunction, type Warning } from 'feelin';
import type { Json, Variables } from '../runtime/variables.js';
import { BUDGET_NAMES, budgetFunctions, FeelBudget, FeelBudgetExceeded, instrumentFeel } from './feel-budget.js';
import { CAMUNDA_FUNCTIONS, FEEL_PARSE_CONTEXT, FeelAssertionFailed } from './camunda-functions.js';
import { checkFeelSyntax, type FeelSyntaxProblem, type FunctionCall } from './feel-syntax.js';

export type { FeelSyntaxProblem } from './feel-syntax.js';

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
   * system clock. `budget` is what the command may still spend on FEEL (feel-budget.ts);
   * without it the evaluation gets a budget of its own.
   */
  evaluate(variables: Variables, clock?: Date, budget?: FeelBudget): FeelResult;
}

export type FeelResult = { ok: true; value: Json } | { ok: false; message: string; messageZh: string };

/** Checks the syntax of an expression (without evaluating it); returns a problem or the compiled expression. */
export function compileFeel(source: string): FeelExpression | FeelSyntaxProblem {
  const expression = source.startsWith('=') ? source.slice(1) : source;
  if (expression.trim() === '') {
    return { message: 'The expression is empty', messageZh: '表达式为空', position: 0 };
  }
  const checked = checkFeelSyntax(expression);
  if (!checked.ok) return { message: checked.message, messageZh: checked.messageZh, position: checked.position };
  const instrumented = instrumentFeel(expression, checked.tree);
  const text = instrumented ?? expression;
  const functions = camundaFunctionsCalled(expression, checked.calls);
  const prepared = prepare(text, functions);
  return {
    source,
    evaluate(variables, clock, budget) {
      const spend = instrumented ? (budget ?? new FeelBudget()).forEvaluation() : undefined;
      if (spend?.exhausted) return exceeded(expression, spend.limit);
      try {
        if (prepared && canUsePrepared(prepared, variables, functions)) return evaluatePrepared(prepared, variables, expression, clock, spend);
        let context: Record<string, unknown> = clock && readsClock(expression) ? withClock(variables, clock) : variables;
        // a variable of the same name shadows a function, as it does feelin's built-ins
        if (functions) context = { ...functions, ...context };
        if (spend) context = { ...context, ...budgetFunctions(spend) };
        const { value, warnings } = evaluate(text, context);
        return outcome(value, warnings, expression);
      } catch (error) {
        return thrown(error, expression);
      }
    },
  };
}

/**
 * An expression that the current rules refuse, in a model compiled leniently to run an instance
 * deployed under older rules (model/compile-values.ts): it fails when evaluated, so the element
 * that reaches it gets an incident naming the problem instead of the instance failing to load.
 */
export function brokenFeel(source: string, problem: { message: string; messageZh: string }): FeelExpression {
  return {
    source,
    evaluate: () => ({ ok: false, message: `FEEL expression '${source}' cannot be evaluated: ${problem.message}`, messageZh: `FEEL 表达式“${source}”无法求值：${problem.messageZh}` }),
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

function prepare(expression: string, functions: Functions | undefined): Prepared | undefined {
  const names = new Set<string>();
  try {
    parseExpression(expression, FEEL_PARSE_CONTEXT, undefined).iterate({
      enter(node) {
        if (node.name === 'VariableName') names.add(expression.slice(node.from, node.to));
      },
    });
  } catch {
    return undefined;
  }
  // The Camunda functions it calls are not parameters: the function closes over them.
  const list = [...names].filter((name) => !functions || !Object.prototype.hasOwnProperty.call(functions, name.trim().replace(/\s+/g, ' ')));
  if (!list.every((name) => SIMPLE_NAME.test(name))) return undefined;
  try {
    const { value, warnings } = evaluate(`function(${list.join(', ')}) ${expression}`, { ...FEEL_PARSE_CONTEXT, ...functions });
    if (!isFunction(value) || warnings.length > 0) return undefined;
    return { fn: value, names: list, warnings };
  } catch {
    return undefined;
  }
}

type Functions = Record<string, unknown>;

/**
 * The Camunda extension functions (camunda-functions.ts) an expression calls, to be put in its
 * context; undefined when it calls none, so most expressions get no extra entries.
 */
function camundaFunctionsCalled(expression: string, calls: readonly FunctionCall[]): Functions | undefined {
  let functions: Functions | undefined;
  for (const { name } of calls) {
    if (Object.prototype.hasOwnProperty.call(CAMUNDA_FUNCTIONS, name)) (functions ??= {})[name] = CAMUNDA_FUNCTIONS[name];
  }
  // `get or else` is a name only when the parser knows it (its words are keywords)
  if (/\bget\s+or\s+else\b/.test(expression)) functions = { ...FEEL_PARSE_CONTEXT, ...functions };
  return functions;
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

function canUsePrepared(prepared: Prepared, variables: Variables, functions: Functions | undefined): boolean {
  for (const key in variables) if (!isSimpleKey(key) || (functions && Object.prototype.hasOwnProperty.call(functions, key))) return false;
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

function evaluatePrepared(prepared: Prepared, variables: Variables, expression: string, clock: Date | undefined, budget: FeelBudget | undefined): FeelResult {
  prepared.warnings.length = 0;
  const charging = budget ? budgetFunctions(budget) : undefined;
  const args = prepared.names.map((name) => {
    if (charging && BUDGET_NAMES.has(name)) return charging[name];
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

// A name that is not bound is null, as in Camunda 8's FEEL (`x = true` with x unset is false, so
// a gateway takes its default flow); `x > 5` is then null too, which a condition refuses (it must
// be true or false). Anything else feelin warns about (a type mismatch, an unknown function) is a
// failure, and an incident: an engine must never take a default because an expression broke.
const NOT_FOUND = new Set(['NO_VARIABLE_FOUND', 'NO_CONTEXT_ENTRY_FOUND', 'NO_PROPERTY_FOUND']);

function isFailure(warning: Warning): boolean {
  return !NOT_FOUND.has(warning.type);
}

function exceeded(expression: string, limit: number): FeelResult {
  return {
    ok: false,
    message: `FEEL expression '${expression}' exceeded the cost budget of ${limit} steps (a loop, a recursion or a list that grows without bound?)`,
    messageZh: `FEEL 表达式“${expression}”超出计算预算（${limit} 步），可能是无界的循环、递归或列表`,
  };
}

/** feelin throws for what it cannot evaluate (`unsupported range`, a stack overflow): a failure, never a crash. */
function thrown(error: unknown, expression: string): FeelResult {
  if (error instanceof FeelBudgetExceeded) return exceeded(expression, error.limit);
  if (error instanceof FeelAssertionFailed) {
    const cause = error.reason ?? '';
    return {
      ok: false,
      message: `FEEL expression '${expression}' failed: ${error.message}`,
      messageZh: `FEEL 表达式“${expression}”求值失败：断言不成立${cause ? `：${cause}` : ''}`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, message: `FEEL expression '${expression}' failed: ${message}`, messageZh: `FEEL 表达式“${expression}”求值失败：${message}` };
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
