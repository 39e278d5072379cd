/**
 * Cached plans age out. PostgreSQL keeps a named statement's generic plan (see
 * PreparedStatementNames) until the statistics of a table it reads change. A plan made while a table
 * looked nearly empty (a fresh database, or the job queue after a quiet hour's ANALYZE) may scan it
 * whole, or walk a whole index, long after it has grown: in the durable benchmark on a fresh database
 * a job's read touched about 1,000 buffers, where a task's read of the same shape touched 8.
 *
 * So each connection forgets its cached plans (DISCARD PLANS: the statements stay parsed, the next
 * execution plans again from the tables' current size) after 250 uses, then after 500 more, 1,000
 * more and so on, doubling up to every 64,000: often while the tables grow from nothing, rarely once
 * they are large.
 */
export class PlanRefresh {
  private readonly due = new WeakMap<object, { uses: number; every: number }>();

  constructor(
    private readonly first = 250,
    private readonly longest = 64_000,
  ) {}

  /** Counts one use of a connection; true when it should discard its cached plans now. */
  use(connection: object): boolean {
    const state = this.due.get(connection) ?? { uses: 0, every: this.first };
    state.uses++;
    const now = state.uses >= state.every;
    if (now) {
      state.uses = 0;
      state.every = Math.min(this.longest, state.every * 2);
    }
    this.due.set(connection, state);
    return now;
  }
}
