import { createHash } from 'node:crypto';

/**
 * Names for parameterised statements, so that PostgreSQL parses each one once per connection
 * and, after five executions, may keep one generic plan instead of planning every execution
 * (PgJDBC does the same by default). A command's writes travel as one long chain of
 * data-modifying CTEs (compileWritePlan) whose planning cost more than their execution: named,
 * the durable benchmark went from about 930 to about 1,150 instances/s (naming only the writes
 * gave about 1,000; planning every execution of a named statement, about 800).
 *
 * The price, as with PgJDBC: a generic plan chosen while a table's statistics said it was
 * nearly empty can go on scanning it whole after it has grown, until autovacuum's next ANALYZE
 * invalidates the plan (PostgreSQL does that by itself, usually within a minute). Measured
 * here by analysing a fresh database and then adding 8,000 cases within seconds.
 *
 * The engine builds statement text from a bounded set of shapes, but nothing proves the set is
 * small, so only the first `capacity` distinct texts are named; later ones run unnamed, as
 * before, and cost no server memory per connection.
 */
export class PreparedStatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly capacity = 1000) {}

  /** The name for this text, or undefined when the budget is spent. */
  nameFor(sql: string): string | undefined {
    const known = this.names.get(sql);
    if (known !== undefined || this.names.size >= this.capacity) return known;
    const name = `mf_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    this.names.set(sql, name);
    return name;
  }
}
