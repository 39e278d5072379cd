import type { Actor } from '../actor.js';
import { EngineError } from '../errors.js';
import { lockOpenTask, mayWork, recordTaskEvent } from '../instances/task-access.js';
import { normalizeDuration } from '../time/index.js';
import type { UserTaskRow } from '../store/rows.js';
import type { CommandUnit } from '../instances/command-unit.js';
import { StaffStore } from '../store/staff/staff-store.js';
import { setAssignee } from '../store/task-assignee.js';
import { definitionIdOf, dispatchingStep, moveTaskToPost, reassignTask, sendTaskBack } from '../store/operations/task-routing.js';
import { refuseSendBackAfterRuling } from './case-rulings.js';
import { colleagueFor } from './delegation.js';
import { returnToStep } from './move-steps.js';
import { instanceOf, notifyUser, requireReason, type OperationDeps } from './operation-deps.js';

/** How long a receiving unit may send a task back (退单) when the model does not say (gov:operations sendBackWithin). */
export const DEFAULT_SEND_BACK_WITHIN = 'PT24H';

/**
 * 转办 (D11): the holder hands the task to a colleague (it becomes theirs) or to another post of the
 * department (it goes back to that post's inbox). Department and region stay; the clocks go on.
 */
export async function transfer(deps: OperationDeps, actor: Actor, taskId: string, input: { toUser?: string; toPost?: string; reason?: string }): Promise<UserTaskRow> {
  const reason = requireReason(input.reason, 'Handing a task over', '转办');
  if (!input.toUser === !input.toPost) {
    throw new EngineError('invalid', 'Name either a person (toUser) or a post (toPost)', '请指定转办给一个人（toUser）或一个岗位（toPost）', [{ field: '/toUser', code: 'one-target', message: 'toUser or toPost, not both', messageZh: '人员和岗位只能指定其一' }]);
  }
  return deps.command(actor, async (unit) => {
    const task = await lockOpenTask(unit, actor, taskId);
    await mayWork(unit, actor, task, {});
    if (input.toUser) {
      const user = { id: await colleagueFor(unit, task, input.toUser, '/toUser') };
      await recordTaskEvent(unit, task, 'userTask.transferred', { from: task.assignee ?? actor.userId, toUser: user.id, reason });
      const instance = await instanceOf(unit, task.instance_id);
      await notifyUser(unit, { userId: user.id, instanceId: task.instance_id, department: instance.department, type: 'task.transferred', data: { taskId: task.id, taskName: task.name, reason } });
      return setAssignee(unit.tx, task.id, user.id);
    }
    return moveToPost(unit, task, input.toPost!, 'userTask.transferred', { from: task.assignee ?? actor.userId, reason });
  });
}

/**
 * A task goes back to a post's inbox (no assignee): the post must exist in the task's department, and the move
 * is recorded as `event` with where it went and came from. 转办 to a post and a contest before the command centre.
 */
export async function moveToPost(unit: CommandUnit, task: UserTaskRow, toPost: string, event: string, data: Record<string, unknown>): Promise<UserTaskRow> {
  const unknown = await new StaffStore(unit.tx).unknownPosts(task.department, [toPost]);
  if (unknown.length > 0) {
    throw new EngineError('invalid', `Department ${task.department} has no post '${toPost}'`, `部门 ${task.department} 没有岗位“${toPost}”`, [{ field: '/toPost', code: 'unknown-post', message: 'Unknown post', messageZh: '岗位不存在' }]);
  }
  await recordTaskEvent(unit, task, event, { ...data, toPost, fromPosts: task.candidate_groups });
  return moveTaskToPost(unit.tx, task.id, toPost);
}

/**
 * 改派 (D11): the task goes to another department or unit (routed like a model's gov:handling); where it
 * was is kept, so that the receiving unit can send it back (退单) within the limit. Clocks go on.
 */
export async function reassign(deps: OperationDeps, actor: Actor, taskId: string, input: { department: string; reason?: string }): Promise<UserTaskRow> {
  const reason = requireReason(input.reason, 'Reassigning a task to another department', '改派');
  return deps.command(actor, async (unit) => {
    const task = await lockOpenTask(unit, actor, taskId);
    await mayWork(unit, actor, task, {});
    const routing = deps.staff.directory.route(input.department);
    if (!routing) {
      throw new EngineError('invalid', `'${input.department}' is no known department or unit`, `“${input.department}”不是已知的部门或单位`, [{ field: '/department', code: 'unknown-department', message: 'Unknown department or unit', messageZh: '部门或单位不存在' }]);
    }
    if (routing.department === task.department && (routing.unit ?? null) === task.unit) {
      throw new EngineError('invalid', 'The task is already with that department', '任务已在该部门', [{ field: '/department', code: 'same-department', message: 'Same department', messageZh: '与当前部门相同' }]);
    }
    const instance = await instanceOf(unit, task.instance_id);
    const regionCode = routing.regionCode ?? instance.region_code ?? null;
    const regionPath = routing.regionCode ? (deps.staff.directory.regionPath(routing.regionCode) ?? `/${routing.regionCode}/`) : (instance.region_path ?? '/');
    const from = { department: task.department, unit: task.unit, regionCode: task.region_code, regionPath: task.region_path, assignee: task.assignee, by: actor.userId, at: unit.now.toISOString(), reason };
    await recordTaskEvent(unit, task, 'userTask.reassigned', { fromDepartment: task.department, fromUnit: task.unit, toDepartment: routing.department, toUnit: routing.unit ?? null, reason });
    return reassignTask(unit.tx, task.id, { department: routing.department, unit: routing.unit ?? null, regionCode, regionPath }, from);
  });
}

/**
 * 退单 (D11): the receiving unit returns a task that is not theirs, with a reason, within the limit
 * (gov:operations sendBackWithin, default 24 hours from receiving it). A task 改派ed to them goes back to
 * the department that sent it; one the flow dispatched goes back to the dispatching step, which 改派s.
 */
export async function sendBack(deps: OperationDeps, actor: Actor, taskId: string, input: { reason?: string }): Promise<UserTaskRow> {
  const reason = requireReason(input.reason, 'Sending a task back', '退单');
  const task = await deps.command(actor, async (unit) => {
    const row = await lockOpenTask(unit, actor, taskId, { lock: false });
    await mayWork(unit, actor, row, {});
    await refuseSendBackAfterRuling(unit.tx, row);
    return row;
  });
  const from = task.reassigned_from as { department: string; unit: string | null; regionCode: string | null; regionPath: string; at: string } | null | undefined;
  const definitionId = await definitionIdOf(deps.db, task.instance_id);
  const model = await deps.runner.models.get(definitionId!);
  const within = model.elements.get(task.element_id)?.gov.operations?.sendBackWithin ?? DEFAULT_SEND_BACK_WITHIN;
  const received = from ? new Date(from.at) : new Date(task.created_at);
  const deadline = received.getTime() + elapsedMs(within);
  if (deps.clock.now().getTime() > deadline) {
    throw new EngineError('conflict', `The task was received more than ${within} ago: it can no longer be sent back; ask the dispatcher to reassign it`, `已超过退单时限（${within}），不能退单，请联系派单单位改派`);
  }
  if (!from) {
    const previous = await dispatchingStep(deps.db, task.instance_id, task.created_at);
    if (previous === undefined) throw new EngineError('conflict', 'No earlier step dispatched this task: there is nowhere to send it back', '没有派单环节，无法退单');
    return returnToStep(deps, actor, taskId, { targetElementId: previous, reason: `退单：${reason}` });
  }
  return deps.command(actor, async (unit) => {
    const locked = await lockOpenTask(unit, actor, taskId);
    await recordTaskEvent(unit, locked, 'userTask.sentBack', { toDepartment: from.department, toUnit: from.unit, reason });
    return sendTaskBack(unit.tx, locked.id, { department: from.department, unit: from.unit, regionCode: from.regionCode, regionPath: from.regionPath });
  });
}

/** The elapsed length of a short natural-time limit (PT24H, P1D); a limit that cannot be read allows nothing. */
function elapsedMs(iso: string): number {
  const limit = normalizeDuration(iso, { calendar: 'natural' });
  if (!limit.ok) return 0;
  const value = limit.value;
  if (value.kind === 'elapsed') return value.ms;
  if (value.kind === 'naturalDays' || value.kind === 'workingDays') return value.days * 86_400_000;
  if (value.kind === 'isoClock') return value.days * 86_400_000 + value.ms;
  return 0;
}
