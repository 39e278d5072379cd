import type { Actor } from '../actor.js';
import { isRetryableConflict, type Db } from '../db/index.js';
import { OptimisticConflict } from '../errors.js';
import { HistoryBatch, type HistoryEntry } from '../store/effects/history-batch.js';

/**
 * Everything one command transaction writes goes through its unit: the transaction, the
 * command's time and actor, and the history rows, flushed in one statement before commit.
 */
export class CommandUnit {
  readonly history = new HistoryBatch();
  /** Steps on other instances that must wait until the current one is written (signals, parents, buffered messages). */
  private readonly followUps: Array<() => Promise<void>> = [];

  constructor(
    readonly tx: Db,
    readonly actor: Actor,
    readonly now: Date,
  ) {}

  record(instanceId: string, department: string, entry: HistoryEntry): void {
    this.history.add(instanceId, department, entry);
  }

  later(step: () => Promise<void>): void {
    this.followUps.push(step);
  }

  /** Writes the history gathered so far (before a module that writes its own rows, so the trail stays in order). */
  async flushHistory(): Promise<void> {
    await this.history.flush(this.tx, this.now, this.actor.userId);
  }

  /** Runs follow-ups (which may queue more) until none is left, then writes the history. */
  async finish(): Promise<void> {
    for (let step = this.followUps.shift(); step; step = this.followUps.shift()) await step();
    await this.history.flush(this.tx, this.now, this.actor.userId);
  }
}

const MAX_OPTIMISTIC_RETRIES = 5;

/**
 * Runs a command in one transaction (D4), retrying it on fresh state when another command
 * changed the same instance first. Nothing is written unless `work` resolves.
 */
export async function runCommand<T>(db: Db, actor: Actor, now: () => Date, work: (unit: CommandUnit) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const unit = new CommandUnit(tx, actor, now());
        const value = await work(unit);
        await unit.finish();
        return value;
      });
    } catch (error) {
      const retryable = error instanceof OptimisticConflict || isRetryableConflict(error);
      if (!retryable || attempt >= MAX_OPTIMISTIC_RETRIES) throw error;
    }
  }
}
