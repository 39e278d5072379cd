import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { caseReadable, SqlParams } from '../../staff/access.js';
import type { HistoryRow, InstanceRow } from '../rows.js';
import { decodeCursor, pageTotal, toPage, type Page } from './page.js';

export interface InstanceFilter {
  processId?: string;
  /** The department that owns the cases (narrows what the actor may read; never widens it). */
  department?: string;
  /** The catalog matter a case was started for (POST /matters/{code}/cases). */
  matterCode?: string;
  businessKey?: string;
  status?: string;
  /** Cases of a region and everything below it. */
  regionPath?: string;
  /** Only cases with an open incident (true) or without one (false). */
  incident?: boolean;
  limit?: number;
  cursor?: string;
}

/** A case with what lists show beside it: its process's name and how many incidents are open. */
export interface CaseView extends InstanceRow {
  process_name: string | null;
  open_incidents: number;
}

const CASE_VIEW = `i.*, (SELECT d.name FROM process_definitions d WHERE d.id = i.definition_id) AS process_name,
  (SELECT count(*)::int FROM incidents n WHERE n.instance_id = i.id AND n.state = 'active') AS open_incidents`;

/** The cases the actor may read (engine/staff/access.ts), newest first, a page at a time. */
export async function listCases(db: Db, actor: Actor, filter: InstanceFilter): Promise<Page<CaseView>> {
  const params = new SqlParams();
  const where = [caseReadable(actor, 'i', params)];
  if (filter.processId !== undefined) where.push(`i.process_id = ${params.add(filter.processId)}`);
  if (filter.department !== undefined) where.push(`i.department = ${params.add(filter.department)}`);
  if (filter.businessKey !== undefined) where.push(`i.business_key = ${params.add(filter.businessKey)}`);
  if (filter.status !== undefined) where.push(`i.status = ${params.add(filter.status)}`);
  if (filter.matterCode !== undefined) where.push(`i.matter_code = ${params.add(filter.matterCode)}`);
  if (filter.regionPath !== undefined) where.push(`i.region_path LIKE ${params.add(`${filter.regionPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  if (filter.incident !== undefined) where.push(`${filter.incident ? '' : 'NOT '}EXISTS (SELECT 1 FROM incidents n WHERE n.instance_id = i.id AND n.state = 'active')`);
  const limit = filter.limit ?? 100;
  const countParams = params.values.slice();
  const matching = where.join(' AND ');
  const after = decodeCursor(filter.cursor, 2, ['timestamptz', 'uuid']);
  const pageWhere = after ? `${matching} AND (i.started_at, i.id) < (${params.add(after[0])}::timestamptz, ${params.add(after[1])}::uuid)` : matching;
  const rows = await db.query<CaseView>(`SELECT ${CASE_VIEW} FROM process_instances i WHERE ${pageWhere} ORDER BY i.started_at DESC, i.id DESC LIMIT ${params.add(limit + 1)}`, params.values);
  const total = await pageTotal(rows, limit, after, async () => (await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM process_instances i WHERE ${matching}`, countParams))[0].total);
  return toPage(rows, limit, total, (row) => [new Date(row.started_at).toISOString(), row.id]);
}

/** One case, if the actor may read it. */
export async function readCase(db: Db, actor: Actor, id: string): Promise<CaseView | undefined> {
  const params = new SqlParams([id]);
  const [row] = await db.query<CaseView>(`SELECT ${CASE_VIEW} FROM process_instances i WHERE i.id = $1 AND ${caseReadable(actor, 'i', params)}`, params.values);
  return row;
}

/** The instances a case's call activities started that the actor may read: each is a case with its own readers. */
export async function childCases(db: Db, actor: Actor, parentId: string): Promise<InstanceRow[]> {
  const params = new SqlParams([parentId]);
  return db.query<InstanceRow>(`SELECT * FROM process_instances i WHERE i.parent_instance_id = $1 AND ${caseReadable(actor, 'i', params)} ORDER BY i.started_at`, params.values);
}

/** The whole trail of a case, in the order it happened (callers have checked the actor may read it). */
export async function caseHistory(db: Db, instanceId: string): Promise<HistoryRow[]> {
  return db.query<HistoryRow>('SELECT * FROM history WHERE instance_id = $1 ORDER BY id', [instanceId]);
}
