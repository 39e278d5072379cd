import { instanceRow } from '../store/queries/instance-rows.js';
import type { Actor } from '../actor.js';
import { isRetryableConflict, type Db } from '../db/index.js';
import { EngineError, OptimisticConflict } from '../errors.js';
import type { ReadAlong } from '../extension.js';
import { HistoryBatch, type HistoryEntry } from '../store/effects/history-batch.js';
import type { InstanceRow } from '../store/rows.js';
import { compileWritePlan, type PlannedWrite } from '../store/write-plan.js';
import { StaleLatestDefinition } from './latest-definitions.js';

/**
 * One command's unit of work (D4). Everything the command reads and writes goes through
 * `tx`; writes nobody reads back are deferred and sent together, history rows as one
 * multi-row INSERT, in the order they were made: any other statement first sends what is
 * pending. The transaction itself is opened only when a command needs one: a start whose
 * writes are all inserts is one autocommitted statement.
 */
export class CommandUnit {
  readonly tx: Db;
  readonly history = new HistoryBatch();
  /** Instances this command has read or written, at their latest revision (saves re-reading them). */
  readonly instances = new Map<string, InstanceRow>();
  /** Steps on other instances that must wait until the current one is written (signals, parents, buffered messages). */
  private readonly followUps: Array<() => Promise<void>> = [];
  private readonly pending: PlannedWrite[] = [];
  private readonly pendingKeys = new Set<string>();
  private transaction: { tx: Promise<Db>; done: Promise<unknown>; commit: () => void; rollback: (error: unknown) => void } | undefined;
  private readonly alongs = new Map<string, Record<string, unknown>>();

  /** An instance as this command last saw it, else as stored; undefined when there is none. */
  async instance(id: string): Promise<InstanceRow | undefined> {
    return this.instances.get(id) ?? (await instanceRow(this.tx, id));
  }

  constructor(
    private readonly db: Db,
    readonly actor: Actor,
    readonly now: Date,
    /** What the modules read along with a job or task (readAlongSql). */
    readonly readAlongSql = '',
  ) {
    this.tx = {
      query: async <T>(sql: string, params?: readonly unknown[]) => {
        await this.flush();
        return (await this.open()).query<T>(sql, params);
      },
      transaction: <T>(work: (tx: Db) => Promise<T>) => work(this.tx),
      exec: async (script: string) => {
        await this.flush();
        return (await this.open()).exec(script);
      },
    };
  }

  /**
   * A read that needs no lock: before the command has written or locked anything it runs on
   * its own, so a command whose only write is one guarded statement needs no transaction.
   */
  read<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    if (this.transaction || this.pending.length > 0 || this.history.size > 0) return this.tx.query<T>(sql, params);
    return this.db.query<T>(sql, params);
  }

  record(instanceId: string, department: string, entry: HistoryEntry): void {
    this.history.add(instanceId, department, entry);
  }

  /** Queues a write; a write to a row already pending sends the pending ones first. */
  async defer(write: PlannedWrite): Promise<void> {
    if (write.key && this.pendingKeys.has(write.key)) await this.flush();
    this.pending.push(write);
    if (write.key) this.pendingKeys.add(write.key);
  }

  readCommitted<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    // PGlite has one connection: a read beside this command's open transaction would wait for it forever. Inside
    // it, the read goes straight to the transaction: the pending writes stay pending (they go with the command's
    // last statement, as the interface promises), so a claim that reads its case's clocks costs no extra flush.
    return this.transaction ? this.transaction.tx.then((tx) => tx.query<T>(sql, params)) : this.db.query<T>(sql, params);
  }

  rememberAlong(instanceId: string, values: Record<string, unknown>): void {
    this.alongs.set(instanceId, values);
  }

  readAlong(name: string, instanceId: string): unknown {
    // Inside a transaction the command may have changed the rows read along (a pause, an extension): read them afresh.
    if (this.transaction) return undefined;
    return this.alongs.get(instanceId)?.[name];
  }

  /** The values of a pending insert (by its key), still open to completion; undefined once sent. */
  unsentInsert(key: string): Record<string, unknown> | undefined {
    const write = this.pending.find((candidate) => candidate.key === key);
    return write?.kind === 'insert' ? write.values : undefined;
  }

  later(step: () => Promise<void>): void {
    this.followUps.push(step);
  }

  /** Sends every pending write (and the history gathered so far) as one statement. */
  async flush(): Promise<void> {
    const writes = this.takePending();
    if (writes.length > 0) await this.send(await this.open(), writes);
  }

  /** Runs follow-ups (which may queue more), sends what is pending and commits. */
  async finish(): Promise<void> {
    for (let step = this.followUps.shift(); step; step = this.followUps.shift()) await step();
    const writes = this.takePending();
    // Every write conditional on the checks (compileWritePlan): one statement is atomic on its own.
    if (!this.transaction && writes.length > 0) return this.send(this.db, writes, 'alone');
    if (writes.length > 0) await this.send(await this.open(), writes);
    if (this.transaction) {
      this.transaction.commit();
      await this.transaction.done;
    }
  }

  async abort(error: unknown): Promise<void> {
    if (!this.transaction) return;
    this.transaction.rollback(error);
    await this.transaction.done.catch(() => undefined);
  }

  private takePending(): PlannedWrite[] {
    const history = this.history.toWrite(this.now, this.actor.userId);
    const writes = this.pending.splice(0);
    this.pendingKeys.clear();
    if (history) writes.push(history);
    return writes;
  }

  /** `alone`: the statement is the command's whole write, committed on its own (or in a group commit's batch). */
  private async send(db: Db, writes: PlannedWrite[], alone?: 'alone'): Promise<void> {
    const { sql, params, checks } = compileWritePlan(writes);
    const run = alone && db.write ? db.write.bind(db) : db.query.bind(db);
    const [row] = await run<Record<string, number>>(sql, params);
    checks.forEach((check, index) => {
      if (!row || row[`c${index}`] === 0) throw check.fails();
    });
  }

  /** Opens the command's transaction on first use. */
  private open(): Promise<Db> {
    if (!this.transaction) {
      let commit!: () => void;
      let rollback!: (error: unknown) => void;
      let done!: Promise<unknown>;
      const tx = new Promise<Db>((resolve, reject) => {
        done = this.db.transaction(
          (inner) =>
            new Promise<void>((resolveWork, rejectWork) => {
              commit = resolveWork;
              rollback = rejectWork;
              resolve(inner);
            }),
        );
        done.catch(reject);
      });
      this.transaction = { tx, done, commit: () => commit(), rollback: (error) => rollback(error) };
    }
    return this.transaction.tx;
  }
}

/** The modules' reads that go with a job's or task's read of its instance, as SQL columns (empty without modules). */
export function readAlongSql(readAlongs: readonly ReadAlong[]): string {
  if (readAlongs.length === 0) return '';
  const fields = readAlongs.map(({ name, sql }) => {
    if (!/^[a-z][a-zA-Z0-9.]*$/.test(name)) throw new Error(`A read-along name must be a plain word: '${name}'`);
    return `'${name}', (${sql})`;
  });
  return `, json_build_object(${fields.join(', ')}) AS along`;
}

const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 2;
const BACKOFF_CAP_MS = 100;

/** "Full jitter" (AWS Architecture Blog): a random wait up to an exponentially growing cap, so that colliding commands spread out. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

/**
 * Runs a command in one transaction (D4), retrying it on fresh state when another command
 * changed the same instance first, after a jittered backoff. Nothing is written unless `work`
 * resolves. A conflict that outlasts every attempt is a 409 the caller may retry, never a 500.
 */
export async function runCommand<T>(db: Db, actor: Actor, now: () => Date, work: (unit: CommandUnit) => Promise<T>, alongSql = ''): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const unit = new CommandUnit(db, actor, now(), alongSql);
    try {
      const value = await work(unit);
      await unit.finish();
      return value;
    } catch (error) {
      await unit.abort(error);
      const retryable = error instanceof OptimisticConflict || error instanceof StaleLatestDefinition || isRetryableConflict(error);
      if (!retryable) throw error;
      if (attempt >= MAX_ATTEMPTS) throw stillConflicting(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
    }
  }
}

function stillConflicting(error: unknown, attempts: number): EngineError {
  const what = error instanceof OptimisticConflict ? `process instance ${error.instanceId}` : 'the data this request changes';
  const whatZh = error instanceof OptimisticConflict ? `流程实例 ${error.instanceId}` : '本请求要修改的数据';
  return new EngineError(
    'conflict',
    `Other requests kept changing ${what} at the same time (${attempts} attempts); nothing was changed, try again`,
    `${whatZh}正被其他请求同时修改（已尝试 ${attempts} 次），本次未做任何修改，请稍后重试`,
  );
}
