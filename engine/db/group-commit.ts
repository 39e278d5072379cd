import type { Db } from './db.js';

/** A transaction waiting for its batch: the work, and how to answer its caller. */
interface Waiting {
  work: (tx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most commands one transaction carries (each holds a subtransaction until the commit). */
const MAX_BATCH = 32;

/**
 * Group commit: command transactions that arrive together share one database transaction and
 * one COMMIT, as Zeebe batches its log appends. `db` is what commands are given: its queries go
 * straight to the database, its transactions join a batch.
 *
 * Safe by construction:
 * - the commands of a batch run ONE AFTER ANOTHER on the batch's connection, so each sees the
 *   one before as if it had committed (row locks, SKIP LOCKED and the revision checks keep
 *   their meaning: the serial order is the commit order);
 * - each command runs under a SAVEPOINT: one that fails is rolled back to it and answered with
 *   its error at once, the others go on;
 * - a command's caller is answered only after the batch's COMMIT (an acknowledgement never
 *   precedes the commit); if the COMMIT fails, every command of the batch gets its error.
 * At most `lanes` batches run at once (each on its own connection); a command that finds a free
 * lane starts a batch of its own, so under light load nothing waits for company.
 */
export class GroupCommit {
  readonly db: Db;
  /** Transactions committed, and commands carried by them (for tests and benchmarks). */
  readonly stats = { transactions: 0, commands: 0 };
  private readonly queue: Waiting[] = [];
  private running = 0;

  constructor(
    private readonly inner: Db,
    private readonly lanes = 4,
  ) {
    this.db = {
      query: (sql, params) => inner.query(sql, params),
      exec: (script) => inner.exec(script),
      transaction: <T>(work: (tx: Db) => Promise<T>) => this.transaction(work),
      // A command whose only write is one statement shares a batch's COMMIT like any other.
      write: <T>(sql: string, params?: readonly unknown[]) => this.transaction((tx) => tx.query<T>(sql, params)),
    };
  }

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.running < this.lanes && this.queue.length > 0) {
      this.running++;
      void this.runBatch().finally(() => {
        this.running--;
        this.startBatches();
      });
    }
  }

  private async runBatch(): Promise<void> {
    // Yield once, so that commands arriving in the same turn of the event loop join this batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const batch = this.queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    const unanswered = new Set(batch);
    const done: Array<{ waiting: Waiting; value: unknown }> = [];
    try {
      await this.inner.transaction(async (tx) => {
        if (batch.length === 1) {
          done.push({ waiting: batch[0], value: await batch[0].work(tx) });
          return;
        }
        for (const waiting of batch) {
          // Unreleased savepoints nest, which is fine for a batch of MAX_BATCH; releasing each would cost a round trip.
          await tx.query('SAVEPOINT mf_command');
          try {
            done.push({ waiting, value: await waiting.work(tx) });
          } catch (error) {
            await tx.query('ROLLBACK TO SAVEPOINT mf_command');
            unanswered.delete(waiting);
            waiting.reject(error);
          }
        }
      });
    } catch (error) {
      // The COMMIT failed, or the connection did, or the batch's only command: nothing of the batch is written.
      for (const waiting of unanswered) waiting.reject(error);
      return;
    }
    this.stats.transactions++;
    this.stats.commands += done.length;
    for (const { waiting, value } of done) waiting.resolve(value);
  }
}
