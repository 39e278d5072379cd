/**
 * The one seam between Matterflow and PostgreSQL. Everything above speaks SQL through this
 * port, so the same queries run on a PostgreSQL server (pg) and on embedded PGlite.
 */
export interface Db {
  /** Runs one parameterised statement ($1, $2, …) and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Inside a transaction, a nested call joins the outer transaction.
   */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations only). */
  exec(script: string): Promise<void>;
  /**
   * Runs one statement that must be durable before its caller is answered (a command's only write).
   * Where commits are grouped it joins a batch; elsewhere it is `query`, autocommitted.
   */
  write?<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Db {
  readonly kind: 'postgres' | 'pglite';
  /** Human-readable location, without credentials. */
  readonly location: string;
  close(): Promise<void>;
  /**
   * Calls `onNotify` for every NOTIFY on `channel` (from any process), and `onLost` if the subscription
   * breaks (the server restarts, the connection drops): what the caller caches must then be dropped.
   */
  listen?(channel: string, onNotify: () => void, onLost: () => void): Promise<Subscription>;
}

export interface Subscription {
  stop(): Promise<void>;
}

/** A row-level conflict the caller may retry (serialisation failure, deadlock). */
export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '40001' || code === '40P01';
}

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}
