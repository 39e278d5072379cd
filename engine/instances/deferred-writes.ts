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

/**
 * Written where a write can take a condition (`… WHERE GUARD` or `… AND GUARD`): alone it is
 * true; in a guarded statement it becomes "the guarding write changed its row", so that the
 * whole statement writes nothing when the revision check fails and can run without BEGIN/COMMIT.
 */
export const GUARD = '/*guard*/true';

/**
 * Combines writes into one statement. Writes that must affect a row (revision checks) go
 * first, and every other write's GUARD becomes "all of them did": when a check fails, the
 * statement writes nothing at all (not even a row that would collide with the winner's),
 * and the command is retried on fresh state.
 */
export function combineWrites(writes: readonly DeferredWrite[]): { sql: string; params: unknown[]; checks: DeferredWrite[] } {
  const checks = writes.filter((write) => write.mustAffect);
  if (writes.length === 1 && checks.length === 0) return { sql: writes[0].sql, params: [...writes[0].params], checks };
  const ordered = [...checks, ...writes.filter((write) => !write.mustAffect)];
  const guard = checks.length > 0 ? checks.map((_, index) => `EXISTS (SELECT 1 FROM w${index})`).join(' AND ') : 'true';
  const params: unknown[] = [];
  const parts = ordered.map((write, index) => {
    const offset = params.length;
    params.push(...write.params);
    const sql = write.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    return `w${index} AS (${write.mustAffect ? sql : sql.replaceAll(GUARD, guard)})`;
  });
  const select = checks.length > 0 ? checks.map((_, index) => `(SELECT count(*) FROM w${index})::int AS c${index}`).join(', ') : '1 AS done';
  return { sql: `WITH ${parts.join(',\n')}\nSELECT ${select}`, params, checks };
}
