import type { Actor } from '../actor.js';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner } from '../instances/instance-runner.js';
import type { Staff } from '../staff/staff.js';
import { insertUserNotification } from '../store/operations/user-notifications.js';
import type { InstanceRow } from '../store/rows.js';

/** What the task operations (D11) borrow from the engine: the database, the runner, the staff model, commands. */
export interface OperationDeps {
  db: Db;
  clock: { now(): Date };
  runner: InstanceRunner;
  staff: Staff;
  /** Runs `work` as one command: one transaction, revision-checked, retried on a conflict. */
  command<T>(actor: Actor, work: (unit: CommandUnit) => Promise<T>): Promise<T>;
}

/** Every operation that changes a case says why (退回、转办、撤回 …): the reason goes on its trail. */
export function requireReason(reason: string | undefined, what: string, whatZh: string): string {
  const text = reason?.trim();
  if (!text) {
    throw new EngineError('invalid', `${what} needs a reason`, `${whatZh}须填写理由`, [{ field: '/reason', code: 'reason-required', message: `${what} needs a reason`, messageZh: `${whatZh}须填写理由` }]);
  }
  return text;
}

/** The instance a command already read (a task's, say), else read now. */
export async function instanceOf(unit: CommandUnit, instanceId: string): Promise<InstanceRow> {
  return (await unit.instance(instanceId))!;
}

/** A notification for one person (催办, 抄送, a task handed to them), written in the command's transaction. */
export async function notifyUser(unit: CommandUnit, input: { userId: string; instanceId: string; department: string; type: string; data: Record<string, unknown> }): Promise<void> {
  await insertUserNotification(unit.tx, { userId: input.userId, instanceId: input.instanceId, department: input.department, type: input.type, at: unit.now, data: { ...input.data, by: unit.actor.userId } });
}
