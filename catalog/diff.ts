/** What changed between two moments of the catalog, entry by entry and field by field. */
export interface EntryChange {
  code: string;
  change: 'added' | 'removed' | 'modified';
  name?: string;
  fromVersion?: number;
  toVersion?: number;
  /** Top-level fields whose value differs (for modified entries). */
  fields?: Array<{ field: string; from: unknown; to: unknown }>;
}

export interface CatalogDiff {
  added: number;
  removed: number;
  modified: number;
  changes: EntryChange[];
}

interface Side {
  version: number;
  document: Record<string, unknown>;
}

export function diffSnapshots(before: ReadonlyMap<string, Side>, after: ReadonlyMap<string, Side>): CatalogDiff {
  const changes: EntryChange[] = [];
  const codes = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const code of codes) {
    const from = before.get(code);
    const to = after.get(code);
    if (!from && to) changes.push({ code, change: 'added', name: nameOf(to), toVersion: to.version });
    else if (from && !to) changes.push({ code, change: 'removed', name: nameOf(from), fromVersion: from.version });
    else if (from && to && from.version !== to.version) {
      const fields = fieldChanges(from.document, to.document);
      if (fields.length > 0) changes.push({ code, change: 'modified', name: nameOf(to), fromVersion: from.version, toVersion: to.version, fields });
    }
  }
  return {
    added: changes.filter((c) => c.change === 'added').length,
    removed: changes.filter((c) => c.change === 'removed').length,
    modified: changes.filter((c) => c.change === 'modified').length,
    changes,
  };
}

// Every new version has a new number; that is not a change of content.
const IGNORED = new Set(['version']);

export function fieldChanges(from: Record<string, unknown>, to: Record<string, unknown>): Array<{ field: string; from: unknown; to: unknown }> {
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  return fields.filter((field) => !IGNORED.has(field) && !sameJson(from[field], to[field])).map((field) => ({ field, from: from[field] ?? null, to: to[field] ?? null }));
}

/** Structural equality of plain JSON, independent of key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, index) => sameJson(value, other[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
  return keys.every((key) => sameJson(left[key], right[key]));
}

function nameOf(side: Side): string | undefined {
  const name = side.document.name ?? side.document.implCode;
  return typeof name === 'string' ? name : undefined;
}
