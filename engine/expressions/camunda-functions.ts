import { randomUUID } from 'node:crypto';
import { evaluate, isFunction, isRange } from 'feelin';

/**
 * Camunda 8's FEEL extension built-ins ("Camunda Extension" in docs.camunda.io) that feelin
 * lacks, as plain TypeScript functions put in the FEEL context of an expression that calls them
 * (feel.ts). Nothing here evaluates text. The parameter names (`$args`) are the documented
 * ones, so named arguments work (`get or else(value: x, default: 0)`).
 *
 * Like feelin's own built-ins, a function given arguments of the wrong type answers null; and,
 * as for them, a variable of the same name shadows the function (process variables are JSON, so
 * such a call then fails with an incident: name variables apart from functions).
 */
type Builtin = ((...args: unknown[]) => unknown) & { $args: string[] };

function builtin(args: string[], body: (...args: never[]) => unknown): Builtin {
  const fn = body as unknown as Builtin;
  fn.$args = args;
  return fn;
}

/** A failed `assert`: the evaluation fails and the element gets an incident with the cause. */
export class FeelAssertionFailed extends Error {
  constructor(readonly reason: string | undefined) {
    super(reason === undefined ? 'assertion failed' : `assertion failed: ${reason}`);
  }
}

const isList = (value: unknown): value is unknown[] => Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isContext = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** feelin's own `string join(list, delimiter)`, which the four-argument form below extends. */
const feelinStringJoin = evaluate('string join', {}).value as (...args: unknown[]) => unknown;

export const CAMUNDA_FUNCTIONS: Readonly<Record<string, Builtin>> = {
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-boolean/ — 8.4+: null is not defined
  'is defined': builtin(['value'], (value: unknown) => value !== null && value !== undefined),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-boolean/
  'get or else': builtin(['value', 'default'], (value: unknown, fallback: unknown) => value ?? fallback ?? null),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-boolean/
  assert: builtin(['value', 'condition', 'cause'], (value: unknown, condition: unknown, cause: unknown) => {
    if (condition === true) return value;
    throw new FeelAssertionFailed(cause === undefined || cause === null ? undefined : String(cause));
  }),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-string/ — String.prototype.trim: also the full-width space U+3000
  trim: builtin(['string'], (string: unknown) => (isText(string) ? string.trim() : null)),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-string/
  'is blank': builtin(['string'], (string: unknown) => (isText(string) ? string.trim() === '' : null)),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-string/ — random, so the one value here that a retried command does not repeat
  uuid: builtin([], () => randomUUID()),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-string/ — UTF-8
  'to base64': builtin(['value'], (value: unknown) => (isText(value) ? Buffer.from(value, 'utf8').toString('base64') : null)),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-string/ — the one- and two-argument forms are feelin's
  'string join': builtin(['list', 'delimiter', 'prefix', 'suffix'], (list: unknown, delimiter: unknown, prefix: unknown, suffix: unknown) => {
    const joined = delimiter === undefined ? feelinStringJoin(list) : feelinStringJoin(list, delimiter);
    if (prefix === undefined && suffix === undefined) return joined;
    if (!isText(joined) || !isText(prefix ?? '') || !isText(suffix ?? '')) return null;
    return `${(prefix as string | null) ?? ''}${joined}${(suffix as string | null) ?? ''}`;
  }),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-list/
  'is empty': builtin(['list'], (list: unknown) => (isList(list) ? list.length === 0 : null)),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-list/
  partition: builtin(['list', 'size'], (list: unknown, size: unknown) => {
    if (!isList(list) || typeof size !== 'number' || !Number.isInteger(size) || size <= 0) return null;
    const parts: unknown[][] = [];
    for (let index = 0; index < list.length; index += size) parts.push(list.slice(index, index + size));
    return parts;
  }),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-list/ — each repeated item once, in order of first occurrence
  'duplicate values': builtin(['list'], (list: unknown) => {
    if (!isList(list)) return null;
    const seen = new Map<string, number>();
    const duplicates: unknown[] = [];
    for (const item of list) {
      const key = valueKey(item);
      const count = (seen.get(key) ?? 0) + 1;
      seen.set(key, count);
      if (count === 2) duplicates.push(item);
    }
    return duplicates;
  }),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-context/ — later contexts override earlier ones; null if one is not a context
  'put all': builtin(['...contexts'], (...contexts: unknown[]) => {
    if (contexts.length === 0 || !contexts.every(isContext)) return null;
    return Object.assign({}, ...contexts) as Record<string, unknown>;
  }),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-conversion/ — dates, times and durations as their ISO text
  'to json': builtin(['value'], (value: unknown) => JSON.stringify(plain(value === undefined ? null : value))),
  // https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-conversion/ — null when the text is not JSON
  'from json': builtin(['value'], (value: unknown) => {
    if (!isText(value)) return null;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }),
};

/**
 * Camunda 8 extension built-ins this engine does not provide, with the reason: a model calling
 * one is refused at deployment with it instead of the generic "no such function".
 */
export const UNPROVIDED_CAMUNDA_FUNCTIONS: ReadonlyMap<string, { reason: string; reasonZh: string }> = new Map([
  ['random number', { reason: 'not provided yet; let a worker draw the number', reasonZh: '暂未提供，请由外部任务生成随机数' }],
  ['extract', { reason: 'not provided yet; use matches() or replace()', reasonZh: '暂未提供，请使用 matches() 或 replace()' }],
  ['string format', { reason: 'not provided yet; build the text with + and string()', reasonZh: '暂未提供，请用 + 与 string() 拼接文本' }],
  ['last day of month', { reason: 'not provided yet', reasonZh: '暂未提供' }],
  ['from base64', { reason: 'not provided yet', reasonZh: '暂未提供' }],
]);

/**
 * Parse context for feelin: names known to the parser. `get or else` contains the keywords `or`
 * and `else`, so the grammar reads it as a function name only when the parser is told it is one;
 * every parse of an expression (syntax check, free names, evaluation) uses this context.
 */
export const FEEL_PARSE_CONTEXT: Readonly<Record<string, unknown>> = { 'get or else': CAMUNDA_FUNCTIONS['get or else'] };

const BUILTIN_CACHE = new Map<string, boolean>();

/**
 * Whether feelin has a built-in of this name: feelin does not export its list, so the bare name
 * is resolved once (a name, never the model's expression; it runs nothing) and the answer cached.
 */
export function isFeelinBuiltin(name: string): boolean {
  const cached = BUILTIN_CACHE.get(name);
  if (cached !== undefined) return cached;
  let found: boolean;
  try {
    const { value, warnings } = evaluate(name, {});
    found = typeof value === 'function' && warnings.length === 0;
  } catch {
    found = false;
  }
  if (BUILTIN_CACHE.size < 1000) BUILTIN_CACHE.set(name, found);
  return found;
}

/** A key equal for FEEL-equal values (numbers, texts, lists, contexts, dates), for `duplicate values`. */
function valueKey(value: unknown): string {
  return JSON.stringify(tagged(value));
}

function tagged(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return ['l', value.map(tagged)];
  if (isContext(value)) {
    return ['c', Object.keys(value).sort().map((key) => [key, tagged(value[key])])];
  }
  if (typeof value === 'object') return [(value as { constructor?: { name?: string } }).constructor?.name ?? 'o', String(value)];
  return [typeof value, value];
}

/** A FEEL value as plain JSON: temporal values as their text, functions as null. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(plain);
  if (isContext(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = plain(entry);
    return out;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'function' || isFunction(value) || isRange(value)) return null;
  if (typeof value === 'object') return typeof (value as { toString?: unknown }).toString === 'function' ? String(value) : null;
  return value;
}
