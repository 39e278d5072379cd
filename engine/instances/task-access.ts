import type { Actor } from '../actor.js';
import { EngineError } from '../errors.js';
import type { Db } from '../db/index.js';
import { inActorRegion, isAdmin, mayAct } from '../staff/access.js';
import { hasStepInCase } from '../store/case-steps.js';
import type { InstanceRow, UserTaskRow } from '../store/rows.js';
import { standsInFor } from '../store/stand-ins.js';
import { taskWithInstance } from '../store/task-with-instance.js';
import type { CommandUnit } from './command-unit.js';
import { readerFor, rememberInstance } from './joined-instance.js';
import { asUuid, notFound } from './lookups.js';

/**
 * Whether the actor's department works the case within the actor's region (D10): it owns the case and the case is in
 * their region, or it has a step in the case there (`openSteps`: a step still open). Reading the case is not enough:
 * a user it was copied to (抄送) takes no part in it, nor does a colleague of another town.
 */
export async function worksOnCase(db: Db, actor: Actor, instance: Pick<InstanceRow, 'id' | 'department' | 'region_path'>, options: { openSteps?: boolean } = {}): Promise<boolean> {
  if (instance.department === actor.department && inActorRegion(actor, instance.region_path)) return true;
  return hasStepInCase(db, actor, instance.id, options);
}

/** A reason an administrator gives to act on a task outside the rules (recorded on the trail). */
export interface OverrideInput {
  reason?: string;
}

/**
 * Locks an open task the actor may read (404 otherwise), reading its instance in the same
 * statement; whether they may act on it is checked by the caller (403 for a reader).
 */
export async function lockOpenTask(unit: CommandUnit, actor: Actor, id: string, options: { lock: boolean } = { lock: true }): Promise<UserTaskRow> {
  const task = await lockTask(unit, actor, id, options);
  if (task.state !== 'created') {
    const by = task.completed_by ? ` by ${task.completed_by}` : '';
    throw new EngineError('conflict', `Task ${id} is already ${task.state}${by}`, `该任务已${task.state === 'completed' ? '办结' : '取消'}${task.completed_by ? `（办理人：${task.completed_by}）` : ''}`);
  }
  return task;
}

/** A task the actor may read, in whatever state, locked for this command unless `lock` is false. */
export async function lockTask(unit: CommandUnit, actor: Actor, id: string, options: { lock: boolean } = { lock: true }): Promise<UserTaskRow> {
  const found = await taskWithInstance(readerFor(unit, options), unit, actor, asUuid(id), options);
  if (!found) throw notFound('user task', id);
  const { instance, along, ...task } = found;
  rememberInstance(unit, instance, along);
  return task;
}

/**
 * The actor may work on the task (engine/staff/access.ts mayAct); an administrator who may not
 * can still, with a reason, and the override is recorded on the case's trail.
 */
export async function mayWork(unit: CommandUnit, actor: Actor, task: UserTaskRow, override: OverrideInput): Promise<void> {
  const decision = mayAct(actor, task);
  if (decision.ok) return;
  // 委托 for a period: the delegate works the tasks assigned to the one away, as them.
  if (decision.reason === 'assignee' && task.assignee && (await standsInFor(unit.tx, actor.userId, task.assignee, unit.now, task.instance_id))) {
    await recordTaskEvent(unit, task, 'userTask.actedAsDelegate', { for: task.assignee });
    return;
  }
  if (isAdmin(actor) && override.reason?.trim()) {
    await recordTaskEvent(unit, task, 'userTask.override', { reason: override.reason.trim(), rule: decision.reason });
    return;
  }
  if (decision.reason === 'assignee') {
    throw new EngineError('conflict', `Task ${task.id} is claimed by ${task.assignee}`, `该任务已由 ${task.assignee} 认领，不能由他人办理`);
  }
  const adminHint = isAdmin(actor) ? ' An administrator may act with a reason (override.reason).' : '';
  throw new EngineError('forbidden', `${decision.message}.${adminHint}`, `${decision.messageZh}${isAdmin(actor) ? '。系统管理员须填写理由（override.reason）方可代办' : ''}`);
}

/** Acting on someone else's behalf: administrators only, always with a reason on the trail. */
export async function adminOnly(unit: CommandUnit, actor: Actor, task: UserTaskRow, what: string, whatZh: string, override: OverrideInput): Promise<void> {
  if (!isAdmin(actor)) throw new EngineError('forbidden', `Only an administrator may ${what}`, `只有系统管理员可以${whatZh}`);
  if (!override.reason?.trim()) throw new EngineError('forbidden', `An administrator must give a reason to ${what} (override.reason)`, `系统管理员${whatZh}须填写理由（override.reason）`);
  await recordTaskEvent(unit, task, 'userTask.override', { reason: override.reason.trim(), action: what });
}

/** Task events are written in the instance's department (the task may sit in another one's inbox). */
export async function recordTaskEvent(unit: CommandUnit, task: UserTaskRow, type: string, data: Record<string, unknown>): Promise<void> {
  const instance = (await unit.instance(task.instance_id))!;
  unit.record(task.instance_id, instance.department, {
    type,
    elementId: task.element_id,
    elementType: 'userTask',
    ...(task.name ? { elementName: task.name } : {}),
    elementInstanceId: task.element_instance_id,
    data: { ...data, taskId: task.id },
  });
}
