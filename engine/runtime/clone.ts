/**
 * A deep copy of plain JSON (the instance state is JSON by construction). Several times
 * faster than structuredClone, which has to handle every structured type and was most of the
 * cost of a command in the in-memory benchmark.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = cloneJson(value[index]);
    return copy as T;
  }
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const entry = (value as Record<string, unknown>)[key];
    if (entry !== undefined) copy[key] = cloneJson(entry);
  }
  return copy as T;
}
