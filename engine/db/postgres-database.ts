import pg from 'pg';
import type { Database, Db, Subscription } from './db.js';
import { PlanRefresh } from './plan-refresh.js';
import { PreparedStatementNames } from './prepared-statements.js';

// int8 (bigint counts) and numeric come back as strings by default; our counters fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** A parameterised statement, named when the budget allows (see PreparedStatementNames). */
function statement(names: PreparedStatementNames, sql: string, params: readonly unknown[]): pg.QueryConfig {
  return { name: params.length > 0 ? names.nameFor(sql) : undefined, text: sql, values: params as unknown[] };
}

class PgTransaction implements Db {
  constructor(
    private readonly client: pg.PoolClient,
    private readonly names: PreparedStatementNames,
  ) {}

  /** The previous statement on this connection: callers may use Promise.all, the connection runs one at a time. */
  private last: Promise<unknown> = Promise.resolve();

  query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.inTurn(() => this.client.query(statement(this.names, sql, params))).then((result) => result.rows as T[]);
  }

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return work(this);
  }

  async exec(script: string): Promise<void> {
    await this.inTurn(() => this.client.query(script));
  }

  private inTurn<R>(send: () => Promise<R>): Promise<R> {
    const run = this.last.then(send);
    this.last = run.catch(() => undefined);
    return run;
  }
}

/** A PostgreSQL server reached through a connection pool. */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres';
  readonly location: string;
  private readonly pool: pg.Pool;
  private readonly names = new PreparedStatementNames();
  private readonly subscriptions = new Set<Subscription>();

  constructor(
    private readonly connectionString: string,
    poolSize = 10,
    plans = new PlanRefresh(),
  ) {
    // A fixed-size pool (as HikariCP recommends): an idle connection is kept, not closed after pg-pool's default 10 s.
    // The pool hands out the connection used last, so at a steady rate most connections idle; closed, each came back
    // in the next burst with a backend to start and every statement to parse and plan again (15-30 ms each, measured
    // in PostgreSQL's log), which was the p99 of a steady 500 starts/s (bench/http.ts). Kept connections do not keep
    // the process alive while idle (allowExitOnIdle), as the closing timer once made sure of for a script.
    this.pool = new pg.Pool({ connectionString, max: poolSize, idleTimeoutMillis: 0, allowExitOnIdle: true });
    // An idle client losing its connection must not crash the process.
    this.pool.on('error', () => undefined);
    // Queued ahead of the statement its borrower sends next (a client runs its queue in order).
    this.pool.on('acquire', (client) => {
      if (plans.use(client)) client.query('DISCARD PLANS').catch(() => undefined);
    });
    const url = new URL(connectionString);
    this.location = `postgresql://${url.hostname}:${url.port || 5432}${url.pathname}`;
  }

  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const result = await this.pool.query(statement(this.names, sql, params));
    return result.rows as T[];
  }

  async transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const value = await work(new PgTransaction(client, this.names));
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async exec(script: string): Promise<void> {
    await this.pool.query(script);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.pool.end();
  }

  /** LISTEN on a connection of its own (a pooled one would be handed to others). */
  async listen(channel: string, onNotify: () => void, onLost: () => void): Promise<Subscription> {
    const client = new pg.Client({ connectionString: this.connectionString });
    let stopping = false;
    const lost = () => {
      if (!stopping) onLost();
      stopping = true;
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    const subscription: Subscription = {
      stop: async () => {
        stopping = true;
        this.subscriptions.delete(subscription);
        await client.end().catch(() => undefined);
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }
}
