import type { Actor } from '../actor.js';
import { EngineError } from '../errors.js';
import type { CommandUnit } from '../instances/command-unit.js';
import { asUuid } from '../instances/lookups.js';
import { StaffStore } from '../store/staff/staff-store.js';
import { lockOpenTask, mayWork, recordTaskEvent } from '../instances/task-access.js';
import { currentDelegationsOf, delegateTaskRow, insertDelegation, revokeDelegationOf } from '../store/operations/delegations.js';
import type { UserTaskRow } from '../store/rows.js';
import { instanceOf, notifyUser, requireReason, type OperationDeps } from './operation-deps.js';

/**
 * A colleague a task may go to: an active user of the task's department who works in its region
 * (read in the command's transaction: an embedded database has one connection).
 */
export async function colleagueFor(unit: CommandUnit, task: UserTaskRow, userId: string, field: string): Promise<string> {
  const user = await new StaffStore(unit.tx).activeUser(userId);
  if (!user || user.department !== task.department || (user.regionPath && !task.region_path.startsWith(user.regionPath))) {
    throw new EngineError('invalid', `'${userId}' is no active member of staff of department ${task.department} who works in the task's region`, `“${userId}”不是该任务所属部门、所属区域的在岗人员`, [
      { field, code: 'not-a-colleague', message: 'Not an active user of the task’s department and region', messageZh: '不是任务所属部门、区域的在岗人员' },
    ]);
  }
  return user.id;
}

/**
 * 委托 one task (Camunda 7's delegateTask): a colleague works it for me; when they complete it, it comes
 * back to me for a last look if I asked (resolve), else it is done. I stay its owner meanwhile.
 */
export async function delegateTask(deps: OperationDeps, actor: Actor, taskId: string, input: { to: string; returnToMe?: boolean; reason?: string }): Promise<UserTaskRow> {
  const reason = requireReason(input.reason, 'Delegating a task', '委托');
  return deps.command(actor, async (unit) => {
    const task = await lockOpenTask(unit, actor, taskId);
    await mayWork(unit, actor, task, {});
    if (task.delegation_state === 'pending') throw new EngineError('conflict', `The task is already delegated to ${task.assignee}`, `该任务已委托给 ${task.assignee}`);
    const delegate = await colleagueFor(unit, task, input.to, '/to');
    if (delegate === actor.userId) throw new EngineError('invalid', 'You cannot delegate a task to yourself', '不能委托给自己', [{ field: '/to', code: 'self', message: 'Yourself', messageZh: '本人' }]);
    const returnToMe = input.returnToMe ?? true;
    await recordTaskEvent(unit, task, 'userTask.delegated', { to: delegate, returnToOwner: returnToMe, reason });
    const instance = await instanceOf(unit, task.instance_id);
    await notifyUser(unit, { userId: delegate, instanceId: task.instance_id, department: instance.department, type: 'task.delegated', data: { taskId: task.id, taskName: task.name, reason } });
    return delegateTaskRow(unit.tx, task.id, { owner: actor.userId, delegate, returnToOwner: returnToMe });
  });
}

export interface DelegationRow {
  id: string;
  user_id: string;
  department: string;
  delegate: string;
  starts_at: Date;
  ends_at: Date;
  process_id: string | null;
  reason: string;
  created_at: Date;
  revoked_at: Date | null;
}

/**
 * 委托 for a period (leave, 出差): from `startsAt` to `endsAt` the delegate may work the tasks assigned to me
 * (of one process, or all), and sees them in their own inbox. What they do is recorded as done for me.
 */
export async function createDelegation(deps: OperationDeps, actor: Actor, input: { delegate: string; startsAt: Date; endsAt: Date; processId?: string; reason?: string }): Promise<DelegationRow> {
  const reason = requireReason(input.reason, 'A delegation', '委托');
  if (input.endsAt.getTime() <= input.startsAt.getTime()) {
    throw new EngineError('invalid', 'A delegation must end after it starts', '委托的结束时间必须晚于开始时间', [{ field: '/endsAt', code: 'ends-before-start', message: 'endsAt must be after startsAt', messageZh: '结束时间早于开始时间' }]);
  }
  const delegate = await deps.staff.store.activeUser(input.delegate);
  if (!delegate || delegate.department !== actor.department || delegate.id === actor.userId) {
    throw new EngineError('invalid', `'${input.delegate}' is no other active member of staff of your department`, `“${input.delegate}”不是本部门的其他在岗人员`, [{ field: '/delegate', code: 'not-a-colleague', message: 'Not a colleague', messageZh: '不是本部门同事' }]);
  }
  return insertDelegation(deps.db, {
    userId: actor.userId,
    department: actor.department,
    delegate: delegate.id,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    processId: input.processId ?? null,
    reason,
    createdAt: deps.clock.now(),
  });
}

/** My delegations: those I gave and those given to me, not revoked and not yet over. */
export async function listDelegations(deps: OperationDeps, actor: Actor): Promise<DelegationRow[]> {
  return currentDelegationsOf(deps.db, actor.userId, deps.clock.now());
}

export async function revokeDelegation(deps: OperationDeps, actor: Actor, id: string): Promise<void> {
  const revoked = await revokeDelegationOf(deps.db, asUuid(id), actor.userId, deps.clock.now());
  if (!revoked) throw new EngineError('not-found', `No delegation '${id}' of yours`, `没有您的委托“${id}”`);
}
