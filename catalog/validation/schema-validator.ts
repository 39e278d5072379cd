import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { JsonSchema } from '../schemas/index.js';
import type { CatalogIssue } from './catalog-error.js';

// The catalog's own instance: documents are validated as they are, never coerced or defaulted.
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/** Validates a document against a catalog schema and turns each ajv error into a precise issue. */
export function schemaIssues(schema: JsonSchema, value: unknown, key?: string): CatalogIssue[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => toIssue(error, key));
}

function toIssue(error: ErrorObject, key: string | undefined): CatalogIssue {
  const params = error.params as Record<string, unknown>;
  const field = error.instancePath + (error.keyword === 'required' ? `/${String(params.missingProperty)}` : error.keyword === 'additionalProperties' ? `/${String(params.additionalProperty)}` : '');
  const base = { field: field || '/', ...(key ? { key } : {}) };
  if (error.keyword === 'enum' && /\/unit$/.test(error.instancePath)) {
    return { ...base, code: 'unknown-time-unit', message: `${field}: unknown time unit; use one of ${(params.allowedValues as string[]).join(', ')}`, messageZh: `${field}：未知的时限单位，应为 ${(params.allowedValues as string[]).join('、')} 之一` };
  }
  if (/\/legalBasis\/\d+\/lawName$/.test(field) && (error.keyword === 'required' || error.keyword === 'minLength')) {
    return { ...base, code: 'legal-basis-without-law', message: `${field}: a legal basis needs the name of its law`, messageZh: `${field}：法律依据缺少法律法规名称` };
  }
  switch (error.keyword) {
    case 'required':
      return { ...base, code: 'missing-field', message: `${field} is required`, messageZh: `${field}：缺少必填字段` };
    case 'additionalProperties':
      return { ...base, code: 'unknown-field', message: `${field} is not a known field`, messageZh: `${field}：不允许的字段` };
    case 'enum':
      return { ...base, code: 'not-allowed-value', message: `${field} must be one of ${(params.allowedValues as unknown[]).join(', ')}`, messageZh: `${field}：取值应为 ${(params.allowedValues as unknown[]).join('、')} 之一` };
    case 'type':
      return { ...base, code: 'wrong-type', message: `${field} must be ${String(params.type)}`, messageZh: `${field}：类型应为 ${String(params.type)}` };
    case 'minLength':
      return { ...base, code: 'empty', message: `${field} must not be empty`, messageZh: `${field}：不能为空` };
    default:
      return { ...base, code: `schema-${error.keyword}`, message: `${field} ${error.message ?? 'is invalid'}`, messageZh: `${field}：${error.message ?? '不合法'}` };
  }
}
