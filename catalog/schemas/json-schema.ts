/** A JSON Schema (2020-12) as a plain object: the same object validates and documents (OpenAPI 3.1). */
export type JsonSchema = Record<string, unknown>;

export const text = (maxLength = 500): JsonSchema => ({ type: 'string', minLength: 1, maxLength });
export const textList = (maxLength = 500): JsonSchema => ({ type: 'array', items: text(maxLength) });
export const isoDate: JsonSchema = { type: 'string', format: 'date', description: 'YYYY-MM-DD' };
