import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { DueTimer, Engine } from '../engine.js';
import { addHistoryMonths, historyMonthOf } from '../store/history-months.js';
import { endLease, pruneJobTombstones, renewLease } from '../store/jobs/executor-lease.js';
import { JOB_TOMBSTONE_RETENTION_MS } from './service-jobs.js';
import { inLanes } from './lanes.js';
import { PollingLoop } from './polling-loop.js';

export interface JobExecutorOptions {
  /** How often to look for due timers when the last round found none. */
  pollIntervalMs?: number;
  /** Rows acquired per round. */
  batchSize?: number;
  /**
   * Timers of different instances fired at once, each in its own command (an instance's own fire one after another).
   * 4 by default: a crowd of timers then leaves most of the connection pool (10) to the requests of staff.
   */
  concurrency?: number;
  /** How long an acquired row stays ours at most, even while our lease lives (a stuck round). */
  lockMs?: number;
  /** How long this executor's lease lasts unrenewed: if the process dies, others take its timers after this. */
  leaseMs?: number;
  /** Distinguishes executors sharing one database; defaults to host + pid + a random suffix. */
  owner?: string;
  log?: { error(object: unknown, message?: string): void; debug?(object: unknown, message?: string): void };
}

export interface ExecutorRound {
  fired: number;
  lostLock: number;
  dropped: number;
  suspended: number;
  failed: number;
  expiredMessages: number;
}

/**
 * The job executor (D5): fires due timers, timer start events and cycles, and expires
 * buffered messages. Rows are acquired with FOR UPDATE SKIP LOCKED and a lock expiry, so any
 * number of executors in any number of processes share one database and never fire a row
 * twice; each row is fired in its own command transaction.
 */
export class JobExecutor {
  readonly owner: string;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly lockMs: number;
  private readonly leaseMs: number;
  private readonly loop: PollingLoop;
  private readonly heartbeat: PollingLoop;
  /** The month whose history tables this executor last made sure of (once a month is enough). */
  private historyMonth: string | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly options: JobExecutorOptions = {},
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 50;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.lockMs = options.lockMs ?? 60_000;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.heartbeat = new PollingLoop('executor lease', async () => (await renewLease(this.engine.db, this.owner, this.leaseMs), { moreWork: false }), options.log);
    this.loop = new PollingLoop(
      'job executor',
      async () => {
        const round = await this.runOnce();
        return { moreWork: round.fired + round.dropped >= this.batchSize };
      },
      options.log,
    );
  }

  /** One round: acquire what is due now, fire each in its own transaction (up to `concurrency` at once), expire old messages. */
  async runOnce(): Promise<ExecutorRound> {
    const round: ExecutorRound = { fired: 0, lostLock: 0, dropped: 0, suspended: 0, failed: 0, expiredMessages: 0 };
    await renewLease(this.engine.db, this.owner, this.leaseMs);
    const due = await this.engine.acquireDueTimers(this.owner, this.batchSize, this.lockMs);
    // Timers that fall due together (a morning's reminders, a batch of deadlines) fire side by side, each in its own
    // command, instead of each waiting for the one before to commit. An instance's own timers go one after another,
    // in due order: they change the same row, and side by side they would only collide and retry.
    await inLanes(due, (row) => row.instance_id ?? row.id, this.concurrency, async (lane) => {
      for (const row of lane) await this.fire(row, round);
    });
    round.expiredMessages = await this.engine.expireMessages();
    await pruneJobTombstones(this.engine.db, new Date(this.engine.clock.now().getTime() - JOB_TOMBSTONE_RETENTION_MS));
    await this.keepHistoryMonthsAhead();
    return round;
  }

  /** Fires one acquired timer in its own command; a firing that throws is kept for another try (timer-failures.ts). */
  private async fire(row: DueTimer, round: ExecutorRound): Promise<void> {
    try {
      const outcome = await this.engine.fireTimer(row, this.owner);
      if (outcome === 'fired') round.fired++;
      else if (outcome === 'lost-lock') round.lostLock++;
      else if (outcome === 'dropped') round.dropped++;
      else round.suspended++;
    } catch (error) {
      round.failed++;
      this.options.log?.error({ err: error, jobId: row.id }, 'timer failed');
      await this.engine.recordTimerFailure(row, this.owner, error).catch(() => undefined);
    }
  }

  /** When the month turns, history gets the table of the month HISTORY_MONTHS_AHEAD on (migration 1090). */
  private async keepHistoryMonthsAhead(): Promise<void> {
    const now = this.engine.clock.now();
    if (historyMonthOf(now) === this.historyMonth) return;
    await addHistoryMonths(this.engine.db, now);
    this.historyMonth = historyMonthOf(now);
  }

  /** Runs rounds until stopped: straight on while there is work, else every pollIntervalMs. */
  start(): this {
    this.heartbeat.start(Math.max(100, Math.floor(this.leaseMs / 3)));
    this.loop.start(this.pollIntervalMs);
    return this;
  }

  /** Stops polling, waits for the round in progress, and hands back this executor's locks at once. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await this.heartbeat.stop();
    await endLease(this.engine.db, this.owner).catch((error: unknown) => this.options.log?.error({ err: error }, 'ending the executor lease failed'));
  }
}

function positiveMs(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * Starts an executor for an app context; the server calls this at start-up and `stop()` at
 * shutdown. MATTERFLOW_EXECUTOR_POLL_MS sets the poll interval, MATTERFLOW_EXECUTOR_LEASE_MS
 * how soon a dead server's timers are taken over, MATTERFLOW_EXECUTOR_LOCK_MS the longest a
 * live one may hold a timer.
 */
export function startJobExecutor(context: { engine: Engine; log?: JobExecutorOptions['log'] }, options: JobExecutorOptions = {}): JobExecutor {
  const poll = positiveMs('MATTERFLOW_EXECUTOR_POLL_MS');
  const lease = positiveMs('MATTERFLOW_EXECUTOR_LEASE_MS');
  const lock = positiveMs('MATTERFLOW_EXECUTOR_LOCK_MS');
  return new JobExecutor(context.engine, {
    ...(poll ? { pollIntervalMs: poll } : {}),
    ...(lease ? { leaseMs: lease } : {}),
    ...(lock ? { lockMs: lock } : {}),
    ...(context.log ? { log: context.log } : {}),
    ...options,
  }).start();
}
