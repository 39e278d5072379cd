import { isPlainObject, type Json, type Variables } from './variables.js';

/** Sets `target` (a name or a dotted path such as `applicant.address.city`) in a variables object. */
export function setPath(variables: Variables, target: string, value: Json): void {
  const parts = target.split('.');
  if (parts.length === 1) {
    variables[target] = value;
    return;
  }
  const [head, ...rest] = parts;
  const existing = variables[head];
  const root: Variables = isPlainObject(existing) ? { ...existing } : {};
  let cursor: Variables = root;
  for (const part of rest.slice(0, -1)) {
    const next = cursor[part];
    const copy: Variables = isPlainObject(next) ? { ...next } : {};
    cursor[part] = copy;
    cursor = copy;
  }
  cursor[rest[rest.length - 1]] = value;
  variables[head] = root;
}
