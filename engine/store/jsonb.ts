/**
 * jsonb parameters are sent as JSON text: node-postgres would turn a JS array into a
 * PostgreSQL array literal, and PGlite and pg must see the same value.
 */
export function jsonb(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
