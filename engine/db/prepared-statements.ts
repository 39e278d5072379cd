import { createHash } from 'node:crypto';

/**
 * Names for statements so that PostgreSQL parses and plans each one once per connection
 * instead of on every execution (the engine's combined writes are long CTE chains: naming them
 * took the durable benchmark from 930 to 1,120 instances/s). The engine builds statement text
 * from a bounded set of shapes, but nothing proves the set is small, so only the first
 * `capacity` distinct texts are named; later ones run unnamed, as before, and cost no server
 * memory per connection.
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
