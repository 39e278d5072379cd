import type { Actor } from '../actor.js';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import { asUuid, notFound } from '../instances/lookups.js';
import { lockOpenTask, recordTaskEvent, worksOnCase } from '../instances/task-access.js';
import { readsEveryDepartment } from '../staff/access.js';
import { activeUsersAmong, grantCaseReader } from '../store/operations/case-readers.js';
import { readableCase } from '../store/operations/readable-case.js';
import { lastUrgedAt, postHoldersOf } from '../store/operations/urges.js';
import { markReadUpTo, notificationsPage } from '../store/operations/user-notifications.js';
import type { Page } from '../store/queries/page.js';
import type { UserTaskRow } from '../store/rows.js';
import { instanceOf, notifyUser, requireReason, type OperationDeps } from './operation-deps.js';

/** How often one task may be urged (催办): once an hour by default (MATTERFLOW_URGE_INTERVAL_MINUTES). */
export function urgeIntervalMs(): number {
  const minutes = Number(process.env.MATTERFLOW_URGE_INTERVAL_MINUTES ?? 60);
  return (Number.isFinite(minutes) && minutes >= 0 ? minutes : 60) * 60_000;
}

/**
 * 催办 (D11): whoever may read the case urges the one working a step: a notification to them and an entry on
 * the trail. One urge per task per interval: a second is refused (429) with when the next may be sent.
 */
export async function urge(deps: OperationDeps, actor: Actor, taskId: string, input: { message?: string }): Promise<{ task: UserTaskRow; notified: string[] }> {
  return deps.command(actor, async (unit) => {
    const task = await lockOpenTask(unit, actor, taskId);
    const lastAt = await lastUrgedAt(unit.tx, task.instance_id, task.id);
    const next = lastAt ? new Date(lastAt).getTime() + urgeIntervalMs() : 0;
    if (next > unit.now.getTime()) {
      const retryAfter = Math.ceil((next - unit.now.getTime()) / 1000);
      throw new EngineError('rate-limited', `This task was urged at ${new Date(lastAt!).toISOString()}; it may be urged again in ${retryAfter} s`, `该任务已于 ${new Date(lastAt!).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 催办过，${Math.ceil(retryAfter / 60)} 分钟后可再次催办`, [], retryAfter);
    }
    const recipients = await recipientsOf(unit.tx, task);
    const instance = await instanceOf(unit, task.instance_id);
    const message = input.message?.trim() || null;
    for (const userId of recipients) await notifyUser(unit, { userId, instanceId: task.instance_id, department: instance.department, type: 'task.urged', data: { taskId: task.id, taskName: task.name, message } });
    await recordTaskEvent(unit, task, 'userTask.urged', { message, notified: recipients });
    return { task, notified: recipients };
  });
}

/** The people an urge (催办) reaches: the assignee, else the candidate users, else those holding the task's posts there. */
async function recipientsOf(db: Db, task: UserTaskRow): Promise<string[]> {
  if (task.assignee) return [task.assignee];
  if (task.candidate_users.length > 0) return [...task.candidate_users];
  return postHoldersOf(db, task);
}

/**
 * 抄送 (D11): gives named people read-only access to the case (case_readers: they read it and its trail,
 * as engine/staff/access.ts says) and a notification. The department that owns the case, and departments
 * taking part in it, may copy it; supervisors too.
 */
export async function copyCase(deps: OperationDeps, actor: Actor, instanceId: string, input: { users: string[]; reason?: string }): Promise<{ copiedTo: string[] }> {
  const reason = requireReason(input.reason, 'Copying a case', '抄送');
  return deps.command(actor, async (unit) => {
    const instance = await readableCase(unit.tx, actor, asUuid(instanceId));
    if (!instance) throw notFound('process instance', instanceId);
    const takesPart = readsEveryDepartment(actor) || (await worksOnCase(unit.tx, actor, instance));
    if (!takesPart) throw new EngineError('forbidden', 'Only the departments working a case may copy it to others', '只有办理该案件的部门可以抄送');
    const users = [...new Set(input.users)];
    const known = await activeUsersAmong(unit.tx, users);
    const unknown = users.filter((id) => !known.some((user) => user.id === id));
    if (unknown.length > 0) {
      throw new EngineError('invalid', `No active users: ${unknown.join(', ')}`, `以下人员不存在或已停用：${unknown.join('、')}`, unknown.map((id) => ({ field: `/users/${users.indexOf(id)}`, code: 'unknown-user', message: `No active user '${id}'`, messageZh: `人员“${id}”不存在或已停用` })));
    }
    for (const user of known) {
      await grantCaseReader(unit.tx, { instanceId: instance.id, userId: user.id, department: instance.department, grantedBy: actor.userId, grantedAt: unit.now, reason });
      await notifyUser(unit, { userId: user.id, instanceId: instance.id, department: instance.department, type: 'case.copied', data: { businessKey: instance.business_key, reason } });
    }
    unit.record(instance.id, instance.department, { type: 'case.copied', elementId: instance.process_id, elementType: 'process', data: { users: known.map((user) => user.id), reason } });
    return { copiedTo: known.map((user) => user.id) };
  });
}

/** A notification for one person. */
export interface UserNotification {
  seq: number;
  type: string;
  at: Date;
  instance_id: string;
  department: string;
  data: Record<string, unknown>;
  read_at: Date | null;
}

/** My notifications (催办, 抄送, tasks handed to me), newest first, after a sequence number when paging back. */
export async function myNotifications(deps: OperationDeps, actor: Actor, filter: { unread?: boolean; before?: number; limit: number; cursor?: string }): Promise<Page<UserNotification>> {
  return notificationsPage(deps.db, actor.userId, filter);
}

/** Marks my notifications up to `upTo` as read. */
export async function markNotificationsRead(deps: OperationDeps, actor: Actor, upTo: number): Promise<number> {
  return markReadUpTo(deps.db, actor.userId, upTo, deps.clock.now());
}
