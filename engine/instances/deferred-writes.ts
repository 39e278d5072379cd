/**
 * A write whose result nobody reads inside the command, so it can travel to the database
 * together with the others: consecutive deferred writes go as ONE statement (a chain of
 * data-modifying CTEs), which is what makes a command cost a handful of round trips.
 */
export interface DeferredWrite {
  /** One INSERT/UPDATE/DELETE with its own $1…$n placeholders. */
  sql: string;
  params: readonly unknown[];
  /**
   * A row this write touches. PostgreSQL does not let one statement change a row twice (or
   * see a row inserted by a sibling CTE), so a second write with the same key flushes first.
   */
  key?: string;
  /** The write must change a row (it ends in `RETURNING 1`); else this error aborts the command. */
  mustAffect?: () => Error;
}

/** Combines writes into one statement; returns the indexes of those that must affect a row. */
export function combineWrites(writes: readonly DeferredWrite[]): { sql: string; params: unknown[]; checked: number[] } {
  if (writes.length === 1 && !writes[0].mustAffect) return { sql: writes[0].sql, params: [...writes[0].params], checked: [] };
  const params: unknown[] = [];
  const parts: string[] = [];
  const checked: number[] = [];
  writes.forEach((write, index) => {
    const offset = params.length;
    params.push(...write.params);
    parts.push(`w${index} AS (${write.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`);
    if (write.mustAffect) checked.push(index);
  });
  const select = checked.length > 0 ? checked.map((index) => `(SELECT count(*) FROM w${index})::int AS c${index}`).join(', ') : '1 AS done';
  return { sql: `WITH ${parts.join(',\n')}\nSELECT ${select}`, params, checked };
}
