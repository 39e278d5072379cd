import type { Db } from './db/index.js';
import type { ModelProblem, ProcessModel } from './model/index.js';
import type { Effect, Variables } from './runtime/index.js';
import type { PlannedWrite } from './store/write-plan.js';
import type { HistoryEntry } from './store/effects/history-batch.js';

/**
 * The command's own writes, for a module whose rows nobody reads back inside the command: they travel
 * in the command's statement instead of a statement (and a transaction) of their own.
 */
export interface CommandWrites {
  /** Queues a write to go with the command's statement. */
  defer(write: PlannedWrite): Promise<void>;
  /** Adds a history row to the command's history (written after the rows already recorded). */
  record(instanceId: string, department: string, entry: HistoryEntry): void;
  /** The values of a row the command has yet to insert, by the insert's write key, to complete in place; undefined once sent. */
  unsentInsert(key: string): Record<string, unknown> | undefined;
  /**
   * Reads committed rows without sending the pending writes or opening a transaction (inside one already open, it
   * reads there): for rows the command writes back only under a check that they are still as read.
   */
  readCommitted<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * What a module's `readAlong` read beside the instance when the command first read it with its job or task; undefined
   * when the command read it otherwise, or has since opened a transaction (whose own writes the value would miss).
   */
  readAlong(name: string, instanceId: string): unknown;
}

/**
 * A module's read that travels with the command's first read of an instance (a job or a task joined with its instance
 * row `i`): a scalar SQL expression over `i`, so that the module's read costs no statement of its own.
 */
export interface ReadAlong {
  name: string;
  sql: string;
}

/** Where a command's effects were written: the instance, its owner and the model it runs. */
export interface CommandScope {
  instanceId: string;
  department: string;
  definitionId: string;
  model: ProcessModel;
  actor: string;
  now: Date;
  /** The process-scope variables after the command (as written): modules read them here, not from the database. */
  variables: Variables;
  writes: CommandWrites;
}

/**
 * A module that reacts to what a command did, inside the command's own transaction (so its
 * rows commit or roll back with the command). SLA deadlines are computed this way; the engine
 * core stays unaware of them.
 */
/**
 * A change to a case's clocks that a task operation makes (D11): 补正 and a legal suspension pause the
 * statutory clock, a granted 延期 extends it. Run in the operation's transaction: a refusal refuses it.
 */
export type ClockOperation =
  | { type: 'pause'; kind: '补正' | '特别程序' | '中止' | '其他'; reason: string; legalBasis?: string | null }
  | { type: 'resume'; reason?: string | null }
  | { type: 'extend'; duration: unknown; reason: string; legalBasis?: string | null; approvedBy: string };

/**
 * A task operation that moves no token, for the modules it matters to: 签收 (claim) is the unit's first contact
 * when the step is a first-response step (gov:sla response). Run in the operation's transaction.
 */
export type TaskOperation = { type: 'claimed'; taskId: string; elementId: string; elementInstanceId: string; assignee: string };

export interface EngineExtension {
  readonly name: string;
  afterEffects(tx: Db, scope: CommandScope, effects: readonly Effect[]): Promise<void>;
  /** Applies a clock operation in the command's transaction (modules without clocks leave it out). */
  clockOperation?(tx: Db, scope: CommandScope, operation: ClockOperation): Promise<void>;
  /** Reacts to a task operation in the command's transaction (modules it does not concern leave it out). */
  taskOperation?(tx: Db, scope: CommandScope, operation: TaskOperation): Promise<void>;
  /** What this module cannot work with in a model, so that deploy refuses it up front. */
  modelProblems?(model: ProcessModel): ModelProblem[];
  /** Read beside every job or task a command starts from (see CommandWrites.readAlong). */
  readonly readAlong?: ReadAlong;
}
