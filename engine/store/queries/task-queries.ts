import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { caseIdReadable, SqlParams, taskActionable, taskInScope, taskReadable } from '../../staff/access.js';
import type { Json } from '../../runtime/index.js';
import type { UserTaskRow } from '../rows.js';
import { decodeCursor, pageTotal, toPage, type Page } from './page.js';

export interface TaskFilter {
  department?: string;
  candidateGroup?: string;
  assignee?: string;
  /** The tasks of one case: every task of it when the actor may read the case, else none. */
  instanceId?: string;
  state?: 'created' | 'completed' | 'canceled';
  /** Only tasks the actor may work on: theirs, open to one of their posts, or of colleagues they stand in for (我的待办). */
  actionable?: boolean;
  /** The time delegations are judged at (the engine's clock). */
  now?: Date;
  limit?: number;
  cursor?: string;
}

/** A task with what a list shows of its case: business key, process, the catalog matter, owner department and applicant. */
export interface TaskView extends UserTaskRow {
  case_business_key: string | null;
  case_process_id: string;
  case_process_name: string | null;
  case_matter_name: string | null;
  case_department: string;
  case_applicant: Json | null;
}

const TASK_VIEW = `t.*, i.business_key AS case_business_key, i.process_id AS case_process_id, d.name AS case_process_name,
  i.state -> 'variables' -> 'matter' ->> 'name' AS case_matter_name,
  i.department AS case_department, i.state -> 'variables' -> 'applicant' AS case_applicant`;
const TASK_VIEW_FROM = 'user_tasks t JOIN process_instances i ON i.id = t.instance_id JOIN process_definitions d ON d.id = i.definition_id';

/**
 * Tasks the actor may read: the inbox of their department and region, or all tasks of one
 * case they may read; ordered by priority (zeebe:priorityDefinition, highest first), then
 * deadline, then age, a page at a time.
 */
export async function listTasks(db: Db, actor: Actor, filter: TaskFilter): Promise<Page<TaskView>> {
  const params = new SqlParams();
  const where = [filter.instanceId !== undefined ? `t.instance_id = ${params.add(filter.instanceId)} AND ${caseIdReadable(actor, 't.instance_id', params)}` : taskInScope(actor, 't', params)];
  if (filter.actionable) where.push(taskActionable(actor, 't', params, filter.now));
  if (filter.department !== undefined) where.push(`t.department = ${params.add(filter.department)}`);
  if (filter.candidateGroup !== undefined) where.push(`${params.add(filter.candidateGroup)} = ANY (t.candidate_groups)`);
  if (filter.assignee !== undefined) where.push(`t.assignee = ${params.add(filter.assignee)}`);
  where.push(`t.state = ${params.add(filter.state ?? 'created')}`);
  const limit = filter.limit ?? 100;
  const matching = where.join(' AND ');
  const countParams = params.values.slice();
  // Keyset on (priority, due date, created at, id), priority descending as 100 - priority; tasks without a deadline come last (their due key is +infinity).
  const after = decodeCursor(filter.cursor, 4, ['int', 'timestamptz', 'timestamptz', 'uuid']);
  const urgencyKey = '(100 - t.priority)';
  const dueKey = `COALESCE(t.due_date, 'infinity'::timestamptz)`;
  const pageWhere = after
    ? `${matching} AND (${urgencyKey}, ${dueKey}, t.created_at, t.id) > (${params.add(after[0])}::int, ${params.add(after[1])}::timestamptz, ${params.add(after[2])}::timestamptz, ${params.add(after[3])}::uuid)`
    : matching;
  const rows = await db.query<TaskView>(`SELECT ${TASK_VIEW} FROM ${TASK_VIEW_FROM} WHERE ${pageWhere} ORDER BY ${urgencyKey}, ${dueKey}, t.created_at, t.id LIMIT ${params.add(limit + 1)}`, params.values);
  const total = await pageTotal(rows, limit, after, async () => (await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM user_tasks t WHERE ${matching}`, countParams))[0].total);
  return toPage(rows, limit, total, (row) => [100 - row.priority, row.due_date ? new Date(row.due_date).toISOString() : 'infinity', new Date(row.created_at).toISOString(), row.id]);
}

/** One task, if the actor may read it. */
export async function readTask(db: Db, actor: Actor, id: string): Promise<TaskView | undefined> {
  const params = new SqlParams([id]);
  const [row] = await db.query<TaskView>(`SELECT ${TASK_VIEW} FROM ${TASK_VIEW_FROM} WHERE t.id = $1 AND ${taskReadable(actor, 't', params)}`, params.values);
  return row;
}
