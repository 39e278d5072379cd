import type { Actor } from '../actor.js';

/**
 * D10 in one place: who may read a case or a task, and who may act on a task. Every query of
 * cases, tasks, their trail, clocks, incidents and metrics takes its WHERE clause from here, and
 * every task command its permission, so "who could see and do what" has one answer.
 *
 * Read a case:  its owner department, any department with a task in it (一张工单跟到底), users it
 *               was copied to (抄送), supervisors (every department, read only), administrators.
 * Read a task:  its department (the inbox), or anyone who may read its case.
 * Act on a task: a user of the task's department who is its assignee, one of its candidate
 *               users, or holds one of its candidate posts (any user of the department when the
 *               task names none); an administrator only with a recorded reason (override).
 * Region scope: a user scoped to a region (镇街, 村居) reads and acts only within that region and
 *               below; city-level users (no region) see all regions.
 */

/** Collects positional parameters while a WHERE clause is built. */
export class SqlParams {
  readonly values: unknown[];

  constructor(initial: readonly unknown[] = []) {
    this.values = [...initial];
  }

  /** Adds a value and returns its placeholder ($n). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export function isAdmin(actor: Actor): boolean {
  return actor.roles.includes('admin');
}

/** Supervisors and administrators read every department's cases (within their region). */
export function readsEveryDepartment(actor: Actor): boolean {
  return isAdmin(actor) || actor.roles.includes('supervisor');
}

/** The LIKE pattern of the actor's region and everything below it; undefined for city-level users. */
function regionPattern(actor: Actor): string | undefined {
  if (!actor.regionPath || actor.regionPath === '/') return undefined;
  return `${actor.regionPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** WHERE clause: the row (with a region_path, AS `alias`) lies within the actor's region; 'true' for city-level users. */
export function withinRegion(actor: Actor, alias: string, params: SqlParams): string {
  const pattern = regionPattern(actor);
  return pattern ? `${alias}.region_path LIKE ${params.add(pattern)}` : 'true';
}

/** A region's code from its path ('/441900/441900003/' → '441900003'); null for the city ('/'). */
export function regionCodeOf(path: string): string | null {
  return path.split('/').filter(Boolean).pop() ?? null;
}

/** Is a case or task of region `path` within the actor's region (always, for city-level users)? */
export function inActorRegion(actor: Actor, path: string | null | undefined): boolean {
  if (!actor.regionPath || actor.regionPath === '/') return true;
  return (path ?? '/').startsWith(actor.regionPath);
}

/**
 * The actor's region scope as a parameter for statements written with fixed placeholders
 * (`$n::text IS NULL OR … LIKE $n`): the LIKE pattern of their region and below, null for city-level users.
 */
export function regionScope(actor: Actor): string | null {
  return regionPattern(actor) ?? null;
}

/**
 * WHERE clause: the case with id `instanceIdSql` lies within the actor's region; 'true' for city-level users.
 * The region half of the scope of rows that belong to a case and are acted on by department (jobs, incidents,
 * message and signal subscriptions, notifications, 督办): the caller keeps its department condition beside it.
 */
export function caseInRegion(actor: Actor, instanceIdSql: string, params: SqlParams): string {
  const pattern = regionPattern(actor);
  return pattern ? `EXISTS (SELECT 1 FROM process_instances rg WHERE rg.id = ${instanceIdSql} AND rg.region_path LIKE ${params.add(pattern)})` : 'true';
}

/** WHERE clause: the case (process_instances AS `alias`) is readable by the actor. */
export function caseReadable(actor: Actor, alias: string, params: SqlParams): string {
  if (readsEveryDepartment(actor)) {
    if (!regionPattern(actor)) return 'true';
    return `(${withinRegion(actor, alias, params)} OR EXISTS (SELECT 1 FROM user_tasks rt WHERE rt.instance_id = ${alias}.id AND ${withinRegion(actor, 'rt', params)}))`;
  }
  const department = params.add(actor.department);
  return `((${alias}.department = ${department} AND ${withinRegion(actor, alias, params)})
    OR EXISTS (SELECT 1 FROM user_tasks rt WHERE rt.instance_id = ${alias}.id AND rt.department = ${department} AND ${withinRegion(actor, 'rt', params)})
    OR EXISTS (SELECT 1 FROM case_readers rr WHERE rr.instance_id = ${alias}.id AND rr.user_id = ${params.add(actor.userId)}))`;
}

/** WHERE clause: the case with id `instanceIdSql` (e.g. `h.instance_id`) is readable by the actor. */
export function caseIdReadable(actor: Actor, instanceIdSql: string, params: SqlParams): string {
  if (readsEveryDepartment(actor) && !regionPattern(actor)) return 'true';
  return `EXISTS (SELECT 1 FROM process_instances ri WHERE ri.id = ${instanceIdSql} AND ${caseReadable(actor, 'ri', params)})`;
}

/** WHERE clause: the task (user_tasks AS `alias`) is in the actor's inbox scope: their department and region. */
export function taskInScope(actor: Actor, alias: string, params: SqlParams): string {
  if (readsEveryDepartment(actor)) return withinRegion(actor, alias, params);
  return `${alias}.department = ${params.add(actor.department)} AND ${withinRegion(actor, alias, params)}`;
}

/** WHERE clause: the task is readable: in the actor's inbox scope, or part of a case they may read. */
export function taskReadable(actor: Actor, alias: string, params: SqlParams): string {
  const inScope = taskInScope(actor, alias, params);
  if (inScope === 'true') return 'true';
  return `((${inScope}) OR ${caseIdReadable(actor, `${alias}.instance_id`, params)})`;
}

/**
 * WHERE clause: the actor may work on the task (department, region and post), e.g. for "my tasks";
 * with `now`, also the tasks of colleagues the actor stands in for (委托 for a period).
 */
export function taskActionable(actor: Actor, alias: string, params: SqlParams, now?: Date): string {
  const groups = params.add([...(actor.groups ?? [])]);
  const user = params.add(actor.userId);
  const delegated = now
    ? ` OR ${alias}.assignee IN (SELECT d.user_id FROM delegations d WHERE d.delegate = ${user} AND d.revoked_at IS NULL AND d.starts_at <= ${params.add(now)}
        AND d.ends_at > ${params.add(now)} AND (d.process_id IS NULL OR d.process_id = (SELECT di.process_id FROM process_instances di WHERE di.id = ${alias}.instance_id)))`
    : '';
  return `${alias}.department = ${params.add(actor.department)} AND ${withinRegion(actor, alias, params)}
    AND (${alias}.assignee = ${user}${delegated} OR (${alias}.assignee IS NULL AND (
      (cardinality(${alias}.candidate_users) = 0 AND cardinality(${alias}.candidate_groups) = 0)
      OR ${user} = ANY (${alias}.candidate_users) OR ${alias}.candidate_groups && ${groups}::text[])))`;
}

/**
 * May the actor bring the applicant's resubmission (补正) on this task? The department that took the application
 * (its window, or its portal account) or the task's own department, each within the actor's region; an
 * administrator. Not those who only read the case: users it was copied to (抄送), supervisors of other departments.
 */
export function mayResubmit(actor: Actor, task: { department: string; region_path: string }, owner: { department: string; region_path?: string | null }): boolean {
  if (isAdmin(actor)) return true;
  if (actor.department === owner.department && inActorRegion(actor, owner.region_path)) return true;
  return actor.department === task.department && inActorRegion(actor, task.region_path);
}

export interface TaskForAccess {
  department: string;
  region_path: string;
  assignee: string | null;
  candidate_users: readonly string[];
  candidate_groups: readonly string[];
}

export type ActDecision =
  | { ok: true }
  | { ok: false; reason: 'department' | 'region' | 'post' | 'assignee'; message: string; messageZh: string };

/**
 * May the actor claim or complete this task as themselves? (Administrators without a reason are
 * held to the same rule; with one, the caller records an override.)
 */
export function mayAct(actor: Actor, task: TaskForAccess): ActDecision {
  if (task.department !== actor.department) {
    return { ok: false, reason: 'department', message: `The task belongs to department ${task.department}, not yours (${actor.department})`, messageZh: `该任务属于部门 ${task.department}，不属于您的部门（${actor.department}）` };
  }
  if (!inActorRegion(actor, task.region_path)) {
    return { ok: false, reason: 'region', message: 'The task belongs to a region outside yours', messageZh: '该任务属于您所辖区域以外的区域' };
  }
  if (task.assignee && task.assignee !== actor.userId) {
    return { ok: false, reason: 'assignee', message: `The task is claimed by ${task.assignee}`, messageZh: `该任务已由 ${task.assignee} 认领` };
  }
  if (task.assignee === actor.userId) return { ok: true };
  if (task.candidate_users.length === 0 && task.candidate_groups.length === 0) return { ok: true };
  if (task.candidate_users.includes(actor.userId)) return { ok: true };
  if ((actor.groups ?? []).some((group) => task.candidate_groups.includes(group))) return { ok: true };
  const posts = task.candidate_groups.join('、') || '—';
  return {
    ok: false,
    reason: 'post',
    message: `Only the task's candidate users or holders of its posts (${task.candidate_groups.join(', ') || 'none'}) may work on it`,
    messageZh: `只有该任务的候选人或以下岗位的人员可以办理：${posts}`,
  };
}
