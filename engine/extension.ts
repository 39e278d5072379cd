import type { Db } from './db/index.js';
import type { ModelProblem, ProcessModel } from './model/index.js';
import type { Effect, Variables } from './runtime/index.js';

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

export interface EngineExtension {
  readonly name: string;
  afterEffects(tx: Db, scope: CommandScope, effects: readonly Effect[]): Promise<void>;
  /** Applies a clock operation in the command's transaction (modules without clocks leave it out). */
  clockOperation?(tx: Db, scope: CommandScope, operation: ClockOperation): Promise<void>;
  /** What this module cannot work with in a model, so that deploy refuses it up front. */
  modelProblems?(model: ProcessModel): ModelProblem[];
}
