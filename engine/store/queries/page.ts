import { EngineError } from '../../errors.js';

/** One page of a list: its items, how many match in all, and the cursor of the next page (null on the last). */
export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/**
 * A keyset cursor: the sort key of the last item seen, opaque to clients (base64url JSON), so a
 * page never skips or repeats rows when others are inserted meanwhile, whatever the offset.
 */
export function encodeCursor(key: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((part) => typeof part === 'string' || typeof part === 'number')) return key;
  } catch {
    // fall through to the problem below
  }
  throw new EngineError('invalid', 'The cursor is not one this server issued', '分页游标无效：请使用上一页返回的 nextCursor', [
    { field: '/cursor', code: 'invalid-cursor', message: 'Pass the nextCursor of the previous page unchanged', messageZh: '请原样传入上一页返回的 nextCursor' },
  ]);
}

/** Cuts the extra row fetched to know whether another page follows, and builds the next cursor. */
export function toPage<T>(rows: T[], limit: number, total: number, keyOf: (row: T) => unknown[]): Page<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items, total, nextCursor: more && items.length > 0 ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
