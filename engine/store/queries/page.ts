import type { Db } from '../../db/index.js';
import { EngineError } from '../../errors.js';
import type { SqlParams } from '../../staff/access.js';

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

/**
 * The key a cursor holds, checked part by part against the types its columns are cast to when `casts` are given,
 * so a forged cursor is the same clear 400 as a damaged one, never a failed cast in the database.
 */
export function decodeCursor(cursor: string | undefined, arity: number, casts?: ReadonlyArray<KeyColumn<unknown>['cast']>): unknown[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((part, index) => (typeof part === 'string' || typeof part === 'number') && (!casts || fitsCast(part, casts[index])))) return key;
  } catch {
    // fall through to the problem below
  }
  throw new EngineError('invalid', 'The cursor is not one this server issued', '分页游标无效：请使用上一页返回的 nextCursor', [
    { field: '/cursor', code: 'invalid-cursor', message: 'Pass the nextCursor of the previous page unchanged', messageZh: '请原样传入上一页返回的 nextCursor' },
  ]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?\d{1,19}$/;

function fitsCast(part: string | number, cast: KeyColumn<unknown>['cast']): boolean {
  switch (cast) {
    case 'uuid':
      return typeof part === 'string' && UUID.test(part);
    case 'timestamptz': {
      if (part === 'infinity') return true; // tasks without a deadline sort last under this key
      if (typeof part !== 'string') return false;
      const year = new Date(part).getUTCFullYear();
      return year >= 1 && year <= 9999;
    }
    case 'int':
      return Number.isInteger(Number(part)) && Math.abs(Number(part)) <= 2_147_483_647;
    case 'bigint':
      return INTEGER.test(String(part)) && BigInt(part) <= 9_223_372_036_854_775_807n && BigInt(part) >= -9_223_372_036_854_775_808n;
    case 'text':
      return typeof part === 'string';
  }
}

/** Cuts the extra row fetched to know whether another page follows, and builds the next cursor. */
export function toPage<T>(rows: T[], limit: number, total: number, keyOf: (row: T) => unknown[]): Page<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items, total, nextCursor: more && items.length > 0 ? encodeCursor(keyOf(items[items.length - 1])) : null };
}

/**
 * How many match in all, for a page read with `limit + 1` rows. A first page that holds every match (the extra row
 * did not come) is its own count: a case's tasks, a clerk's inbox on a quiet day. Only a list longer than a page, or a
 * later page, asks the database to `count`.
 */
export async function pageTotal(rows: readonly unknown[], limit: number, after: unknown[] | undefined, count: () => Promise<number>): Promise<number> {
  return after === undefined && rows.length <= limit ? rows.length : count();
}

/** One column of a keyset: its SQL, the type its cursor value is cast to, and how to read it off a row. */
export interface KeyColumn<T> {
  sql: string;
  cast: 'timestamptz' | 'uuid' | 'text' | 'int' | 'bigint';
  of: (row: T) => string | number;
}

export interface KeysetQuery<T> {
  /** The select list, e.g. `n.*`. */
  columns: string;
  /** The FROM clause (a table with its alias, or a subquery). */
  from: string;
  /** Conditions already parameterised in `params`, the access condition (engine/staff/access.ts) among them. */
  where: readonly string[];
  params: SqlParams;
  /** The sort key, unique together (end with the id), all in one direction. */
  key: ReadonlyArray<KeyColumn<T>>;
  descending: boolean;
  limit: number;
  cursor?: string;
}

/**
 * A page of any list by keyset: the rows after the cursor in key order, `limit` of them, with the
 * total that match. Every list endpoint pages this way, so clients loop on nextCursor alike.
 */
export async function keysetPage<T>(db: Db, query: KeysetQuery<T>): Promise<Page<T>> {
  const { params, key } = query;
  const matching = query.where.length > 0 ? query.where.join(' AND ') : 'true';
  const countValues = params.values.slice();
  const after = decodeCursor(query.cursor, key.length, key.map((column) => column.cast));
  const tuple = (parts: string[]) => `(${parts.join(', ')})`;
  const pageWhere = after
    ? `${matching} AND ${tuple(key.map((column) => column.sql))} ${query.descending ? '<' : '>'} ${tuple(key.map((column, index) => `${params.add(after[index])}::${column.cast}`))}`
    : matching;
  const direction = query.descending ? 'DESC' : 'ASC';
  const rows = await db.query<T>(
    `SELECT ${query.columns} FROM ${query.from} WHERE ${pageWhere} ORDER BY ${key.map((column) => `${column.sql} ${direction}`).join(', ')} LIMIT ${params.add(query.limit + 1)}`,
    params.values,
  );
  const total = await pageTotal(rows, query.limit, after, async () => (await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${query.from} WHERE ${matching}`, countValues))[0].total);
  return toPage(rows, query.limit, total, (row) => key.map((column) => column.of(row)));
}

/** The key value of a timestamp column, as the cursor keeps it. */
export const instant = (value: Date | string): string => new Date(value).toISOString();
