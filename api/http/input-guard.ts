import { lineAndColumn, Problem } from './problem.js';

/**
 * What every request's input must be before any route sees it, checked as a class rather than
 * field by field: text that PostgreSQL can store (no NUL character, no unpaired UTF-16
 * surrogate: `\u0000` is refused by text and jsonb columns, and a lone surrogate would be
 * silently replaced by U+FFFD in one and refused by the other), numbers a double holds (not 1e309,
 * which jsonb would keep as null), no "__proto__" name, and JSON nested no deeper than
 * any real document (a deep value overflows recursive code such as JSON.stringify).
 */
export const MAX_JSON_DEPTH = 64;

const TYPE = 'https://matterflow.dev/problems/';

/** Why a string cannot be stored, or undefined when it can. */
function textFault(text: string): 'nul' | 'surrogate' | undefined {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'surrogate';
  return undefined;
}

/**
 * A JSON string may hold tab and line ends, not the other C0 control characters (ESC, BEL, …): no form or
 * integrator sends them as text, XML forbids them (a name would not survive into a model), and an escape sequence
 * stored in a shared name reaches every terminal and export that shows it.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0001-\u0008\u000B\u000C\u000E-\u001F]/;

function jsonTextFault(text: string): 'nul' | 'surrogate' | 'control' | undefined {
  return textFault(text) ?? (CONTROL.test(text) ? 'control' : undefined);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badText(pointer: string, fault: 'nul' | 'surrogate' | 'control', what: 'value' | 'name'): Problem {
  const message =
    fault === 'nul'
      ? `${pointer}: the ${what} contains a NUL character (U+0000), which cannot be stored`
      : fault === 'control'
        ? `${pointer}: the ${what} contains a control character (U+0001–U+001F other than tab and line ends)`
        : `${pointer}: the ${what} contains an unpaired surrogate (\\uD800–\\uDFFF), which is not valid Unicode text`;
  const field = what === 'name' ? '字段名' : '取值';
  const messageZh =
    fault === 'nul'
      ? `${pointer}：${field}含有空字符（U+0000），无法保存`
      : fault === 'control'
        ? `${pointer}：${field}含有控制字符（制表符和换行符以外的 U+0001–U+001F）`
        : `${pointer}：${field}含有不成对的代理项（\\uD800–\\uDFFF），不是合法的 Unicode 文本`;
  return new Problem(400, 'The request contains text that is not valid', '请求中含有不合法的文本', {
    type: TYPE + 'invalid-text',
    errors: [{ pointer, message, messageZh }],
  });
}

/** A number JSON can write but a double cannot hold (1e309), or the name __proto__. */
function badValue(pointer: string, fault: 'number' | 'proto'): Problem {
  const [message, messageZh] =
    fault === 'number'
      ? [`${pointer}: the number is outside the range of a double (about ±1.8e308)`, `${pointer}：数值超出可表示的范围（约 ±1.8e308）`]
      : [`${pointer}: "__proto__" cannot be used as a name`, `${pointer}：不能使用“__proto__”作为字段名`];
  return new Problem(400, 'The request contains a value that cannot be stored as sent', '请求中含有无法按原样保存的值', {
    type: TYPE + (fault === 'number' ? 'number-out-of-range' : 'reserved-name'),
    errors: [{ pointer, message, messageZh }],
  });
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Checks a parsed JSON value (a body, a query object, route parameters) iteratively, so that
 * the check itself cannot overflow the stack; throws a 400 problem naming the place.
 */
export function checkJsonInput(value: unknown, root: string, maxDepth = MAX_JSON_DEPTH): void {
  // Where each value sits is kept as a link to its parent and written out only for a refusal: every request
  // passes through here, and most have nothing to refuse.
  const stack: Place[] = [{ value, key: root, parent: undefined, depth: 0 }];
  while (stack.length > 0) {
    const place = stack.pop()!;
    const { value: current, depth } = place;
    if (typeof current === 'string') {
      const fault = jsonTextFault(current);
      if (fault) throw badText(pointerOf(place), fault, 'value');
      continue;
    }
    // JSON.parse reads 1e309 as Infinity, which jsonb would store as null: refused, not silently changed.
    if (typeof current === 'number' && !Number.isFinite(current)) throw badValue(pointerOf(place), 'number');
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) {
      const pointer = pointerOf(place);
      throw new Problem(400, `The request nests values deeper than ${maxDepth} levels`, `请求中的数据嵌套超过 ${maxDepth} 层`, {
        type: TYPE + 'nested-too-deep',
        errors: [{ pointer, message: `${pointer}: nested deeper than ${maxDepth} levels`, messageZh: `${pointer}：嵌套超过 ${maxDepth} 层` }],
      });
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, key: String(index), parent: place, depth: depth + 1 }));
      continue;
    }
    for (const key in current) {
      if (!Object.hasOwn(current, key)) continue;
      const fault = jsonTextFault(key);
      if (fault) throw badText(pointerOf({ value: undefined, key, parent: place, depth: depth + 1 }), fault, 'name');
      // An own "__proto__" (JSON.parse makes one) vanishes or changes a prototype when copied by spread or assign.
      if (key === '__proto__') throw badValue(pointerOf({ value: undefined, key, parent: place, depth: depth + 1 }), 'proto');
      stack.push({ value: (current as Record<string, unknown>)[key], key, parent: place, depth: depth + 1 });
    }
  }
}

/** A value being checked: `key` is its property name or index (the root's whole pointer at the root). */
interface Place {
  value: unknown;
  key: string;
  parent: Place | undefined;
  depth: number;
}

function pointerOf(place: Place): string {
  const segments: string[] = [];
  for (let at: Place | undefined = place; at; at = at.parent) segments.push(at.parent ? escapePointer(at.key) : at.key);
  return segments.reverse().join('/');
}

/** A text body (BPMN XML, a form): the same rule, with the line where the bad character is. */
export function checkTextInput(text: string): void {
  const fault = textFault(text);
  if (!fault) return;
  const index = fault === 'nul' ? text.indexOf('\u0000') : text.search(LONE_SURROGATE);
  const problem = badText('/body', fault, 'value');
  problem.extras.errors = problem.extras.errors!.map((error) => ({ ...error, ...lineAndColumn(text, index) }));
  throw problem;
}
