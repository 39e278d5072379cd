import { SqlFragment } from './sql-fragment.js';

/**
 * A command's writes that nobody reads back inside the command, as typed objects. They travel to
 * the database together: consecutive planned writes go as ONE statement (a chain of
 * data-modifying CTEs, compiled by compileWritePlan), which is what makes a command cost a
 * handful of round trips.
 *
 * Two sorts of write: a CHECK must change (or find) a row, else its `fails` error aborts the
 * command (the revision check of D4); every other write is CONDITIONAL: it happens only if all
 * the checks of its statement affected their rows.
 */
export type PlannedWrite = Insert | InsertRows | Update | Delete | Assert;

/** A column's new value: a value (sent as a parameter) or an SQL expression over the row. */
export type ColumnValue = unknown;

interface WriteBase {
  /**
   * A row this write touches. PostgreSQL does not let one statement change a row twice (or
   * see a row inserted by a sibling CTE), so a second write with the same key flushes first.
   */
  key?: string;
}

/** One row into `table`; `onConflict` is the statement's fixed ON CONFLICT clause (no values in it). */
export interface Insert extends WriteBase {
  kind: 'insert';
  table: string;
  values: Record<string, ColumnValue>;
  onConflict?: string;
}

/** Many rows into `table` in one INSERT (through unnest): `types` names each column's SQL type. */
export interface InsertRows extends WriteBase {
  kind: 'insertRows';
  table: string;
  types: Record<string, string>;
  rows: ReadonlyArray<Record<string, unknown>>;
}

/** Sets columns of the rows whose columns equal `where` (and that satisfy `also`). */
export interface Update extends WriteBase {
  kind: 'update';
  table: string;
  set: Record<string, ColumnValue | SqlFragment>;
  where: Record<string, unknown>;
  also?: SqlFragment;
  /** Makes this update a check: it must change a row, else this error aborts the command. */
  fails?: () => Error;
}

export interface Delete extends WriteBase {
  kind: 'delete';
  table: string;
  where: Record<string, unknown>;
}

/** A check that writes nothing: `condition` must hold when the statement runs. */
export interface Assert extends WriteBase {
  kind: 'assert';
  condition: SqlFragment;
  fails: () => Error;
}

export type Check = (Update & { fails: () => Error }) | Assert;

export function isCheck(write: PlannedWrite): write is Check {
  return write.kind === 'assert' || (write.kind === 'update' && write.fails !== undefined);
}

/** The statement that carries a plan, and its checks in the order of their columns c0, c1, … */
export interface CompiledPlan {
  sql: string;
  params: unknown[];
  checks: Check[];
}

/**
 * Compiles writes into one statement: the checks first, each reporting how many rows it
 * affected (c0, c1, …), and every other write conditional on all of them, so that when a check
 * fails the statement writes nothing at all (not even a row that would collide with the
 * winner's) and the command is retried on fresh state. One write with no check is sent as it is.
 */
export function compileWritePlan(writes: readonly PlannedWrite[]): CompiledPlan {
  const params: unknown[] = [];
  const place = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const checks = writes.filter(isCheck);
  if (writes.length === 1 && checks.length === 0) return { sql: statementOf(writes[0], undefined, place), params, checks };
  if (checks.length > 1) return compileGated(writes, checks, params, place);
  const ordered = [...checks, ...writes.filter((write) => !isCheck(write))];
  const allChecksPassed = checks.length > 0 ? checks.map((_, index) => `EXISTS (SELECT 1 FROM w${index})`).join(' AND ') : undefined;
  const parts = ordered.map((write, index) => `w${index} AS (${statementOf(write, isCheck(write) ? undefined : allChecksPassed, place)})`);
  const select = checks.length > 0 ? checks.map((_, index) => `(SELECT count(*) FROM w${index})::int AS c${index}`).join(', ') : '1 AS done';
  return { sql: `WITH ${parts.join(',\n')}\nSELECT ${select}`, params, checks };
}

/**
 * Two or more checks: one check's UPDATE cannot wait for another's outcome, so the checks are asked first, each
 * locking the rows it looks at (FOR UPDATE re-reads a row another command changed meanwhile) before any write runs,
 * and every write, the checks' own updates included, is conditional on all of them. A failed check leaves every row
 * as it was, so the statement is atomic on its own and needs no transaction.
 */
function compileGated(writes: readonly PlannedWrite[], checks: Check[], params: unknown[], place: (value: unknown) => string): CompiledPlan {
  const gate = checks.map((check, index) => `${checkCondition(check, place)} AS c${index}`).join(', ');
  const allChecksPassed = `(SELECT ${checks.map((_, index) => `c${index}`).join(' AND ')} FROM w0)`;
  // A check's own update, no longer a check, repeats its key columns but not its `also`: the gate has locked the rows,
  // and `also` may look at a row a sibling write of this statement changes (a task being completed), unseen by it.
  const updates = checks.flatMap((check) => (check.kind === 'update' ? [{ ...check, also: undefined, fails: undefined }] : []));
  const ordered = [...updates, ...writes.filter((write) => !isCheck(write))];
  const parts = [`w0 AS (SELECT ${gate})`, ...ordered.map((write, index) => `w${index + 1} AS (${statementOf(write, allChecksPassed, place)})`)];
  const select = checks.map((_, index) => `c${index}::int AS c${index}`).join(', ');
  return { sql: `WITH ${parts.join(',\n')}\nSELECT ${select} FROM w0`, params, checks };
}

/** A check as a condition that locks what it finds: an update's rows, or an assertion as it stands. */
function checkCondition(check: Check, place: (value: unknown) => string): string {
  if (check.kind === 'assert') return `(${check.condition.render(place)})`;
  const where = [...equalities(check.where, place), ...(check.also ? [check.also.render(place)] : [])];
  return `EXISTS (SELECT 1 FROM ${check.table} WHERE ${where.join(' AND ')} FOR UPDATE)`;
}

/** `column = $n` for each column of a write's `where`. */
function equalities(where: Record<string, unknown>, place: (value: unknown) => string): string[] {
  return Object.entries(where).map(([column, v]) => `${column} = ${place(v)}`);
}

/** One write's statement; `onlyIf` (the checks' condition) is added to a conditional write's WHERE. */
function statementOf(write: PlannedWrite, onlyIf: string | undefined, place: (value: unknown) => string): string {
  const value = (v: unknown) => (v instanceof SqlFragment ? v.render(place) : place(v));
  const condition = (conditions: string[]) => [...conditions, ...(onlyIf ? [onlyIf] : [])].join(' AND ');
  switch (write.kind) {
    case 'insert': {
      const columns = Object.keys(write.values);
      const values = Object.values(write.values).map(value).join(', ');
      const source = onlyIf ? `SELECT ${values} WHERE ${onlyIf}` : `VALUES (${values})`;
      return `INSERT INTO ${write.table} (${columns.join(', ')}) ${source}${write.onConflict ? ` ${write.onConflict}` : ''}`;
    }
    case 'insertRows': {
      const columns = Object.keys(write.types);
      const arrays = columns.map((column) => `${place(write.rows.map((row) => row[column] ?? null))}::${write.types[column]}[]`);
      return `INSERT INTO ${write.table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})${onlyIf ? ` WHERE ${onlyIf}` : ''}`;
    }
    case 'update': {
      const set = Object.entries(write.set).map(([column, v]) => `${column} = ${value(v)}`);
      const where = condition([...equalities(write.where, place), ...(write.also ? [write.also.render(place)] : [])]);
      return `UPDATE ${write.table} SET ${set.join(', ')} WHERE ${where}${write.fails ? ' RETURNING 1' : ''}`;
    }
    case 'delete':
      return `DELETE FROM ${write.table} WHERE ${condition(equalities(write.where, place))}`;
    case 'assert':
      return `SELECT 1 WHERE ${write.condition.render(place)}`;
  }
}
