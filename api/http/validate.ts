import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Problem, type ProblemDetail } from './problem.js';

export type JsonSchema = Record<string, unknown>;

function createAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, coerceTypes, useDefaults: true, strict: false });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  // PostgreSQL refuses year 0 and years past 294276; the calendar of a case needs neither.
  const date = ajv.formats.date as { validate: (text: string) => boolean } | undefined;
  const dateTime = ajv.formats['date-time'] as { validate: (text: string) => boolean } | undefined;
  ajv.addFormat('date', { type: 'string', validate: (text: string) => Boolean(date?.validate(text)) && inYearRange(text) });
  ajv.addFormat('date-time', { type: 'string', validate: (text: string) => Boolean(dateTime?.validate(text)) && inYearRange(text) && !Number.isNaN(Date.parse(text)) });
  return ajv;
}

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

function inYearRange(text: string): boolean {
  const year = Number(/^(\d{4})-/.exec(text)?.[1]);
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

// A 32-bit integer column is the narrowest an API integer reaches; a wider one says so with its own maximum.
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

/**
 * Gives every integer in a request schema that has no bounds of its own the range of a
 * PostgreSQL integer, so that a number the database cannot hold is a 400 naming the field,
 * not a failed statement. Changes the schema in place (the OpenAPI document shows the bounds).
 */
export function boundIntegers(schema: unknown): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach(boundIntegers);
  const node = schema as Record<string, unknown>;
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes('integer')) {
    if (node.maximum === undefined && node.exclusiveMaximum === undefined) node.maximum = INT_MAX;
    if (node.minimum === undefined && node.exclusiveMinimum === undefined) node.minimum = INT_MIN;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions') {
      Object.values(value as Record<string, unknown>).forEach(boundIntegers);
    } else if (value && typeof value === 'object' && key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') {
      boundIntegers(value);
    }
  }
}

// Query strings arrive as text: `?version=2` must validate as a number.
const bodyAjv = createAjv(false);
const queryAjv = createAjv(true);
const cache = new WeakMap<JsonSchema, ValidateFunction>();

function compiled(schema: JsonSchema, coerce: boolean): ValidateFunction {
  let validate = cache.get(schema);
  if (!validate) {
    validate = (coerce ? queryAjv : bodyAjv).compile(schema);
    cache.set(schema, validate);
  }
  return validate;
}

/** Validates a value (mutating query values in place to their schema types) or throws a 400 problem. */
export function validateOrThrow(schema: JsonSchema, value: unknown, where: 'body' | 'query' | 'params'): void {
  if (where !== 'body') refuseNonDecimalNumbers(schema, value, where);
  const validate = compiled(schema, where !== 'body');
  if (validate(value)) return;
  throw new Problem(400, `The request ${where} is invalid`, `请求${where === 'body' ? '体' : '参数'}不合法`, {
    type: 'https://matterflow.dev/problems/validation',
    errors: (validate.errors ?? []).map((error) => toDetail(error, where)),
  });
}

const DECIMAL_INTEGER = /^-?\d+$/;
const DECIMAL_NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Ajv coerces query text with Number(), which reads `0x10` as 16, `1e1` as an integer and `` as 0: a number in a
 * query or path must be written in decimal digits, else the parameter is named as invalid.
 */
function refuseNonDecimalNumbers(schema: JsonSchema, value: unknown, where: 'query' | 'params'): void {
  const properties = (schema.properties ?? {}) as Record<string, { type?: string | string[] }>;
  if (!value || typeof value !== 'object') return;
  const errors: ProblemDetail[] = [];
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    const types = ([] as string[]).concat(properties[name]?.type ?? []);
    if (typeof raw !== 'string' || !(types.includes('integer') || types.includes('number'))) continue;
    if ((types.includes('integer') ? DECIMAL_INTEGER : DECIMAL_NUMBER).test(raw)) continue;
    const pointer = `/${where}/${name}`;
    const kind = types.includes('integer') ? 'a whole number' : 'a number';
    errors.push({ pointer, message: `${pointer} must be ${kind} in decimal digits`, messageZh: `${pointer} 应为十进制${types.includes('integer') ? '整数' : '数字'}` });
  }
  if (errors.length > 0) throw new Problem(400, `The request ${where} is invalid`, '请求参数不合法', { type: 'https://matterflow.dev/problems/validation', errors });
}

function toDetail(error: ErrorObject, where: string): ProblemDetail {
  const missing = error.keyword === 'required' ? `/${(error.params as { missingProperty: string }).missingProperty}` : '';
  const extra = error.keyword === 'additionalProperties' ? `/${(error.params as { additionalProperty: string }).additionalProperty}` : '';
  const pointer = `/${where}${error.instancePath}${missing}${extra}`;
  return { pointer, message: `${pointer} ${english(error)}`, messageZh: `${pointer} ${zh(error)}` };
}

function english(error: ErrorObject): string {
  const format = error.keyword === 'format' ? (error.params as { format: string }).format : undefined;
  if (format === 'date' || format === 'date-time') return `must be an ISO 8601 ${format} with a year from ${MIN_YEAR} to ${MAX_YEAR}`;
  return error.message ?? 'is invalid';
}

function zh(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return '缺少必填字段';
    case 'additionalProperties':
      return '不允许的字段';
    case 'type':
      return `类型应为 ${(error.params as { type: string }).type}`;
    case 'enum':
      return `取值应为：${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).join('、')}`;
    case 'minLength':
      return '不能为空';
    case 'maxLength':
      return '过长';
    case 'format': {
      const format = (error.params as { format: string }).format;
      return format === 'date' || format === 'date-time' ? `应为 ${format} 格式（ISO 8601），年份在 ${MIN_YEAR}–${MAX_YEAR} 之间` : `格式应为 ${format}`;
    }
    case 'minimum':
    case 'maximum':
      return `超出允许范围（${error.message}）`;
    default:
      return error.message ?? '不合法';
  }
}
