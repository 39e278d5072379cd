import type { Db } from './db/index.js';
import type { ModelProblem, ProcessModel } from './model/index.js';
import type { Effect } from './runtime/index.js';

/** Where a command's effects were written: the instance, its owner and the model it runs. */
export interface CommandScope {
  instanceId: string;
  department: string;
  definitionId: string;
  model: ProcessModel;
  actor: string;
  now: Date;
}

/**
 * A module that reacts to what a command did, inside the command's own transaction (so its
 * rows commit or roll back with the command). SLA deadlines are computed this way; the engine
 * core stays unaware of them.
 */
export interface EngineExtension {
  readonly name: string;
  afterEffects(tx: Db, scope: CommandScope, effects: readonly Effect[]): Promise<void>;
  /** What this module cannot work with in a model, so that deploy refuses it up front. */
  modelProblems?(model: ProcessModel): ModelProblem[];
}
