import type { Staff } from '../engine/index.js';

/** Names for the codes and ids a response carries, so that people read 市场监督管理局 and 李明, not SCJGJ and li.ming. */
export interface NameBook {
  user(id: string | null | undefined): string | null;
  department(code: string | null | undefined): string | null;
  region(code: string | null | undefined): string | null;
}

/** Looks up the users once (one query); departments, units and regions come from the in-memory directory. */
export async function nameBook(staff: Staff, userIds: Iterable<string | null | undefined>): Promise<NameBook> {
  const ids = [...new Set([...userIds].filter((id): id is string => typeof id === 'string' && id !== ''))];
  const users = await staff.store.userNames(ids);
  const { directory } = staff;
  return {
    user: (id) => (id ? (users.get(id) ?? null) : null),
    department: (code) => (code ? (directory.department(code)?.name ?? directory.unit(code)?.name ?? null) : null),
    region: (code) => (code ? (directory.region(code)?.name ?? null) : null),
  };
}

/** A book that knows no names (for callers that have none to show). */
export const NO_NAMES: NameBook = { user: () => null, department: () => null, region: () => null };
