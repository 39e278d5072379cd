import { parseUnaryTests, unaryTest } from 'feelin';
import type { Json } from '../runtime/variables.js';

/**
 * A decision table's input entry (FEEL unary tests), compiled once per deployed version.
 *
 * feelin parses the text on every `unaryTest` call (~200 µs), far too slow for a table of
 * fifty rules. The forms tables are made of almost always — `-`, a literal, a comparison with a
 * literal, an interval, a list of those, `not(…)` of a list — are turned into a plain
 * JavaScript test here. Anything else (a test naming a variable, a function, `?` in an
 * expression, a date literal) is checked by feelin's parser at deployment and evaluated by
 * feelin's `unaryTest` with the input as `?`.
 *
 * Type rules follow FEEL as Camunda 8 implements it: comparing values of different types is
 * null, so such a rule does not match (`>= 18` against the string "20" does not match); `=`
 * between different types is false; null only equals null.
 */
export type Truth = boolean | null;

export interface CompiledUnaryTests {
  readonly source: string;
  /** True when the entry is `-` (or empty): matches anything, costs nothing. */
  readonly any: boolean;
  /** True when compiled to JavaScript; false when feelin evaluates it. */
  readonly native: boolean;
  test(input: Json | undefined, variables: Record<string, unknown>): { ok: true; value: boolean } | { ok: false; message: string };
}

export type UnaryTestsProblem = { message: string; messageZh: string };

export function compileUnaryTests(source: string): CompiledUnaryTests | UnaryTestsProblem {
  const text = source.trim();
  if (text === '' || text === '-') return { source, any: true, native: true, test: () => ({ ok: true, value: true }) };
  const native = parseNative(text);
  if (native) {
    return {
      source,
      any: false,
      native: true,
      test: (input, variables) => {
        if (typeof input === 'object' && input !== null) return viaFeelin(text, input, variables);
        return { ok: true, value: native(input === undefined ? null : input) === true };
      },
    };
  }
  const syntax = unaryTestsSyntax(text);
  if (syntax) return syntax;
  return { source, any: false, native: false, test: (input, variables) => viaFeelin(text, input, variables) };
}

function viaFeelin(text: string, input: Json | undefined, variables: Record<string, unknown>): { ok: true; value: boolean } | { ok: false; message: string } {
  try {
    const { value, warnings } = unaryTest(text, { ...variables, '?': input ?? null });
    const failure = warnings.find((warning) => !NOT_FOUND.has(warning.type));
    if (failure) return { ok: false, message: `'${text}': ${failure.message}` };
    return { ok: true, value: value === true };
  } catch (error) {
    return { ok: false, message: `'${text}': ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** lezer does not throw: a syntax error is an error node in the tree. */
function unaryTestsSyntax(text: string): UnaryTestsProblem | undefined {
  let found: UnaryTestsProblem | undefined;
  try {
    parseUnaryTests(text, {}, undefined).iterate({
      enter(node) {
        if (found) return false;
        if (!node.type.isError) return undefined;
        const near = text.slice(node.from, node.to).trim();
        found = near
          ? { message: `'${text}' is not a FEEL unary test: unexpected '${near}' at position ${node.from}`, messageZh: `“${text}”不是有效的 FEEL 一元测试：位置 ${node.from} 处的“${near}”无法识别` }
          : { message: `'${text}' is not a FEEL unary test: incomplete at position ${node.from}`, messageZh: `“${text}”不是有效的 FEEL 一元测试：位置 ${node.from} 处不完整` };
        return false;
      },
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { message: `'${text}' is not a FEEL unary test: ${message}`, messageZh: `“${text}”不是有效的 FEEL 一元测试：${message}` };
  }
  return found;
}

const NOT_FOUND = new Set(['NO_VARIABLE_FOUND', 'NO_CONTEXT_ENTRY_FOUND', 'NO_PROPERTY_FOUND']);

// ── The native forms ────────────────────────────────────────────────────────

export type Primitive = string | number | boolean | null;
type Test = (value: Primitive) => Truth;

/** Parses the whole text as native forms, or returns undefined (feelin then handles it). */
function parseNative(text: string): Test | undefined {
  const negated = /^not\s*\((.*)\)$/s.exec(text);
  if (negated) {
    const inner = parseList(negated[1]);
    if (!inner) return undefined;
    return (value) => {
      const result = inner(value);
      return result === null ? null : !result;
    };
  }
  return parseList(text);
}

function parseList(text: string): Test | undefined {
  const parts = splitTopLevel(text);
  if (!parts) return undefined;
  const tests: Test[] = [];
  for (const part of parts) {
    const test = parseSingle(part.trim());
    if (!test) return undefined;
    tests.push(test);
  }
  if (tests.length === 1) return tests[0];
  return (value) => {
    let sawNull = false;
    for (const test of tests) {
      const result = test(value);
      if (result === true) return true;
      if (result === null) sawNull = true;
    }
    return sawNull ? null : false;
  };
}

/** Splits on commas outside string literals and brackets; undefined when quotes do not close. */
function splitTopLevel(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      index++;
      while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
      if (index >= text.length) return undefined;
    } else if (char === '[' || char === '(') depth++;
    else if (char === ']' || char === ')') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.some((part) => part.trim() === '') ? undefined : parts;
}

const COMPARISON = /^(<=|>=|!=|<|>|=)\s*(.+)$/s;
const INTERVAL = /^([[(\]])\s*(.+?)\s*\.\.\s*(.+?)\s*([\])[])$/s;

function parseSingle(text: string): Test | undefined {
  const comparison = COMPARISON.exec(text);
  if (comparison) {
    const literal = parseLiteral(comparison[2].trim());
    if (!literal) return undefined;
    return comparisonTest(comparison[1], literal.value);
  }
  const interval = INTERVAL.exec(text);
  if (interval) {
    const low = parseLiteral(interval[2]);
    const high = parseLiteral(interval[3]);
    if (!low || !high || low.value === null || high.value === null || typeof low.value !== typeof high.value || typeof low.value === 'boolean') return undefined;
    const lowTest = comparisonTest(interval[1] === '[' ? '>=' : '>', low.value);
    const highTest = comparisonTest(interval[4] === ']' ? '<=' : '<', high.value);
    return (value) => {
      const a = lowTest(value);
      const b = highTest(value);
      if (a === false || b === false) return false;
      return a === null || b === null ? null : true;
    };
  }
  const literal = parseLiteral(text);
  if (!literal) return undefined;
  return comparisonTest('=', literal.value);
}

function comparisonTest(operator: string, literal: Primitive): Test {
  if (operator === '=') return (value) => equals(value, literal);
  if (operator === '!=') return (value) => !equals(value, literal);
  const type = literal === null ? 'null' : typeof literal;
  return (value) => {
    if (value === null || literal === null || typeof value !== type || type === 'boolean') return null;
    switch (operator) {
      case '<':
        return (value as number | string) < (literal as number | string);
      case '<=':
        return (value as number | string) <= (literal as number | string);
      case '>':
        return (value as number | string) > (literal as number | string);
      default:
        return (value as number | string) >= (literal as number | string);
    }
  };
}

function equals(value: Primitive, literal: Primitive): boolean {
  return value === literal;
}

const NUMBER = /^-?(\d+(\.\d+)?|\.\d+)$/;

function parseLiteral(text: string): { value: Primitive } | undefined {
  if (NUMBER.test(text)) return { value: Number(text) };
  if (text === 'true') return { value: true };
  if (text === 'false') return { value: false };
  if (text === 'null') return { value: null };
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    const body = text.slice(1, -1);
    // Only plain strings: an escape or an inner quote goes to feelin, which knows FEEL's rules.
    if (body.includes('"') || body.includes('\\')) return undefined;
    return { value: body };
  }
  return undefined;
}

/** The literals of an output values list (`"高","中","低"`), in order; undefined when it is not such a list. */
export function literalList(text: string): Primitive[] | undefined {
  const parts = splitTopLevel(text.trim());
  if (!parts) return undefined;
  const values: Primitive[] = [];
  for (const part of parts) {
    const literal = parseLiteral(part.trim());
    if (!literal) return undefined;
    values.push(literal.value);
  }
  return values;
}

/** A FEEL literal (number, plain string, boolean, null) or undefined: output entries that are constants skip FEEL. */
export function literalValue(text: string): { value: Primitive } | undefined {
  return parseLiteral(text.trim());
}
