import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Problem, type ProblemDetail } from './problem.js';

export type JsonSchema = Record<string, unknown>;

function createAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, coerceTypes, useDefaults: true, strict: false });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  return ajv;
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
  const validate = compiled(schema, where !== 'body');
  if (validate(value)) return;
  throw new Problem(400, `The request ${where} is invalid`, `请求${where === 'body' ? '体' : '参数'}不合法`, {
    type: 'https://matterflow.dev/problems/validation',
    errors: (validate.errors ?? []).map((error) => toDetail(error, where)),
  });
}

function toDetail(error: ErrorObject, where: string): ProblemDetail {
  const missing = error.keyword === 'required' ? `/${(error.params as { missingProperty: string }).missingProperty}` : '';
  const extra = error.keyword === 'additionalProperties' ? `/${(error.params as { additionalProperty: string }).additionalProperty}` : '';
  const pointer = `/${where}${error.instancePath}${missing}${extra}`;
  return { pointer, message: `${pointer} ${error.message ?? 'is invalid'}`, messageZh: `${pointer} ${zh(error)}` };
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
    case 'format':
      return `格式应为 ${(error.params as { format: string }).format}`;
    case 'minimum':
    case 'maximum':
      return `超出允许范围（${error.message}）`;
    default:
      return error.message ?? '不合法';
  }
}
