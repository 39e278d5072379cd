import type { Actor } from '../actor.js';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import { asUuid, notFound } from '../instances/lookups.js';
import { lockOpenTask, recordTaskEvent, worksOnCase } from '../instances/task-access.js';
import { caseReadable, readsEveryDepartment, SqlParams } from '../staff/access.js';
import { keysetPage, type Page } from '../store/queries/page.js';
import type { InstanceRow, UserTaskRow } from '../store/rows.js';
import { instanceOf, notifyUser, requireReason, type OperationDeps } from './operation-deps.js';

/** How often one task may be urged (催办): once an hour by default (MATTERFLOW_URGE_INTERVAL_MINUTES). */
export function urgeIntervalMs(): number {
  const minutes = Number(process.env.MATTERFLOW_URGE_INTERVAL_MINUTES ?? 60);
  return (Number.isFinite(minutes) && minutes >= 0 ? minutes : 60) * 60_000;
}

/** The people an urge (催办) reaches: the assignee, else the candidate users, else those holding the task's posts there. */
const RECIPIENT_LIMIT = 200;

/**
 * 催办 (D11): whoever may read the case urges the one working a step: a notification to them and an entry on
 * the trail. One urge per task per interval: a second is refused (429) with when the next may be sent.
 */
export async function urge(deps: OperationDeps, actor: Actor, taskId: string, input: { message?: string }): Promise<{ task: UserTaskRow; notified: string[] }> {
  return deps.command(actor, async (unit) => {
    const task = await lockOpenTask(unit, actor, taskId);
    const [last] = await unit.tx.query<{ at: Date }>(
      `SELECT at FROM history WHERE instance_id = $1 AND type = 'userTask.urged' AND data ->> 'taskId' = $2 ORDER BY id DESC LIMIT 1`,
      [task.instance_id, task.id],
    );
    const next = last ? new Date(last.at).getTime() + urgeIntervalMs() : 0;
    if (next > unit.now.getTime()) {
      const retryAfter = Math.ceil((next - unit.now.getTime()) / 1000);
      throw new EngineError('rate-limited', `This task was urged at ${new Date(last!.at).toISOString()}; it may be urged again in ${retryAfter} s`, `该任务已于 ${new Date(last!.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} 催办过，${Math.ceil(retryAfter / 60)} 分钟后可再次催办`, [], retryAfter);
    }
    const recipients = await recipientsOf(unit.tx, task);
    const instance = await instanceOf(unit, task.instance_id);
    const message = input.message?.trim() || null;
    for (const userId of recipients) await notifyUser(unit, { userId, instanceId: task.instance_id, department: instance.department, type: 'task.urged', data: { taskId: task.id, taskName: task.name, message } });
    await recordTaskEvent(unit, task, 'userTask.urged', { message, notified: recipients });
    return { task, notified: recipients };
  });
}

async function recipientsOf(db: Db, task: UserTaskRow): Promise<string[]> {
  if (task.assignee) return [task.assignee];
  if (task.candidate_users.length > 0) return [...task.candidate_users];
  const rows = await db.query<{ id: string }>(
    `SELECT u.id FROM users u LEFT JOIN regions r ON r.code = u.region_code
     WHERE u.department = $1 AND u.disabled_at IS NULL AND (cardinality($2::text[]) = 0 OR u.groups && $2::text[])
       AND (u.region_code IS NULL OR $3 LIKE COALESCE(r.path, '/' || u.region_code || '/') || '%')
     ORDER BY u.id LIMIT ${RECIPIENT_LIMIT}`,
    [task.department, task.candidate_groups, task.region_path],
  );
  return rows.map((row) => row.id);
}

/**
 * 抄送 (D11): gives named people read-only access to the case (case_readers: they read it and its trail,
 * as engine/staff/access.ts says) and a notification. The department that owns the case, and departments
 * taking part in it, may copy it; supervisors too.
 */
export async function copyCase(deps: OperationDeps, actor: Actor, instanceId: string, input: { users: string[]; reason?: string }): Promise<{ copiedTo: string[] }> {
  const reason = requireReason(input.reason, 'Copying a case', '抄送');
  return deps.command(actor, async (unit) => {
    const params = new SqlParams([asUuid(instanceId)]);
    const [instance] = await unit.tx.query<InstanceRow>(`SELECT i.* FROM process_instances i WHERE i.id = $1 AND ${caseReadable(actor, 'i', params)}`, params.values);
    if (!instance) throw notFound('process instance', instanceId);
    const takesPart = readsEveryDepartment(actor) || (await worksOnCase(unit.tx, actor, instance));
    if (!takesPart) throw new EngineError('forbidden', 'Only the departments working a case may copy it to others', '只有办理该案件的部门可以抄送');
    const users = [...new Set(input.users)];
    const known = await unit.tx.query<{ id: string; department: string }>('SELECT id, department FROM users WHERE id = ANY ($1::text[]) AND disabled_at IS NULL', [users]);
    const unknown = users.filter((id) => !known.some((user) => user.id === id));
    if (unknown.length > 0) {
      throw new EngineError('invalid', `No active users: ${unknown.join(', ')}`, `以下人员不存在或已停用：${unknown.join('、')}`, unknown.map((id) => ({ field: `/users/${users.indexOf(id)}`, code: 'unknown-user', message: `No active user '${id}'`, messageZh: `人员“${id}”不存在或已停用` })));
    }
    for (const user of known) {
      await unit.tx.query(
        `INSERT INTO case_readers (instance_id, user_id, department, granted_by, granted_at, reason) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (instance_id, user_id) DO NOTHING`,
        [instance.id, user.id, instance.department, actor.userId, unit.now, reason],
      );
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
  const params = new SqlParams([actor.userId, filter.unread ?? null, filter.before ?? null]);
  return keysetPage<UserNotification>(deps.db, {
    columns: 'seq, type, at, instance_id, department, data, read_at',
    from: 'user_notifications',
    where: ['user_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL) AND ($3::bigint IS NULL OR seq < $3)'],
    params,
    key: [{ sql: 'seq', cast: 'bigint', of: (row) => Number(row.seq) }],
    descending: true,
    limit: filter.limit,
    cursor: filter.cursor,
  });
}

/** Marks my notifications up to `upTo` as read. */
export async function markNotificationsRead(deps: OperationDeps, actor: Actor, upTo: number): Promise<number> {
  const rows = await deps.db.query('UPDATE user_notifications SET read_at = $3 WHERE user_id = $1 AND seq <= $2 AND read_at IS NULL RETURNING seq', [actor.userId, upTo, deps.clock.now()]);
  return rows.length;
}
