import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { caseIdReadable, SqlParams, withinRegion } from '../../staff/access.js';
import { decodeCursor, pageTotal, toPage, type Page } from '../queries/page.js';

/**
 * The 督办 ledger (挂账) in sla_supervisions: the requests, and how each stands, read off its 督办 instance (its
 * level, its unit now and the supervisor's decision are that instance's variables).
 */

/** A 督办 as the ledger reads it: the request, its case, and its state derived from its 督办 instance. */
export interface LedgerRow {
  id: string;
  instance_id: string;
  business_key: string | null;
  process_id: string;
  department: string;
  level: number;
  kind: 'automatic' | 'manual';
  reason: string | null;
  requested_by: string | null;
  requested_at: Date;
  supervising_department: string;
  responsible_unit: string | null;
  state: string;
  supervision_instance_id: string | null;
  supervision_status: string | null;
  current_unit: string | null;
  decision: string | null;
  error: string | null;
}

export interface LedgerFilter {
  id?: string;
  instanceId?: string;
  state?: string;
  department?: string;
  level?: number;
  limit?: number;
  cursor?: string;
}

/** requested: not started yet; open: 挂账; closed: 销号 (or the 督办 was canceled); failed: could not start. */
const STATE_SQL = `CASE WHEN s.state = 'failed' THEN 'failed' WHEN s.state = 'requested' THEN 'requested'
  WHEN v.status IN ('completed', 'canceled', 'terminated') THEN 'closed' ELSE 'open' END`;

/** One request at a time per case: the next level is counted under a lock on the case's row (for the transaction). */
export async function lockCaseForSupervision(tx: Db, instanceId: string): Promise<void> {
  await tx.query('SELECT id FROM process_instances WHERE id = $1 FOR UPDATE', [instanceId]);
}

/** A supervisor's 督办 request at the case's next level, on its principal clock (its first, if it has several). */
export async function insertManualSupervision(
  tx: Db,
  request: { id: string; instanceId: string; department: string; supervisingDepartment: string; requestedAt: Date; reason: string; requestedBy: string; responsibleUnit: string | null },
): Promise<void> {
  await tx.query(
    `INSERT INTO sla_supervisions (id, instance_id, department, clock_id, supervising_department, level, state, requested_at, kind, reason, requested_by, responsible_unit)
     SELECT $1, $2, $3, (SELECT c.id FROM sla_clocks c WHERE c.instance_id = $2 AND c.principal ORDER BY c.created_at LIMIT 1), $4,
       COALESCE((SELECT max(level) FROM sla_supervisions WHERE instance_id = $2), 0) + 1, 'requested', $5, 'manual', $6, $7, $8`,
    [request.id, request.instanceId, request.department, request.supervisingDepartment, request.requestedAt, request.reason, request.requestedBy, request.responsibleUnit],
  );
}

/**
 * A page of the 督办 the actor may see, newest first: those of cases they may read, and those their department
 * supervises (of cases within their region).
 */
export async function ledgerPage(db: Db, actor: Actor, filter: LedgerFilter): Promise<Page<LedgerRow>> {
  const params = new SqlParams();
  const where = [`((s.supervising_department = ${params.add(actor.department)} AND ${withinRegion(actor, 'i', params)}) OR ${caseIdReadable(actor, 's.instance_id', params)})`];
  if (filter.id) where.push(`s.id = ${params.add(filter.id)}`);
  if (filter.instanceId) where.push(`s.instance_id = ${params.add(filter.instanceId)}`);
  if (filter.state) where.push(`${STATE_SQL} = ${params.add(filter.state)}`);
  if (filter.department) where.push(`s.department = ${params.add(filter.department)}`);
  if (filter.level !== undefined) where.push(`COALESCE((v.state -> 'variables' ->> 'supervisionLevel')::int, s.level) = ${params.add(filter.level)}`);
  const limit = filter.limit ?? 100;
  const matching = where.join(' AND ');
  const countParams = params.values.slice();
  const after = decodeCursor(filter.cursor, 2, ['timestamptz', 'uuid']);
  const pageWhere = after ? `${matching} AND (s.requested_at, s.id) < (${params.add(after[0])}::timestamptz, ${params.add(after[1])}::uuid)` : matching;
  const from = `sla_supervisions s JOIN process_instances i ON i.id = s.instance_id LEFT JOIN process_instances v ON v.id = s.supervision_instance_id`;
  const rows = await db.query<LedgerRow>(
    `SELECT s.id, s.instance_id, i.business_key, i.process_id, s.department, COALESCE((v.state -> 'variables' ->> 'supervisionLevel')::int, s.level) AS level,
       s.kind, s.reason, s.requested_by, s.requested_at, s.supervising_department, s.responsible_unit, ${STATE_SQL} AS state, s.supervision_instance_id,
       v.status AS supervision_status, v.state -> 'variables' ->> 'responsibleUnit' AS current_unit, v.state -> 'variables' ->> 'supervisionDecision' AS decision, s.error
     FROM ${from} WHERE ${pageWhere} ORDER BY s.requested_at DESC, s.id DESC LIMIT ${params.add(limit + 1)}`,
    params.values,
  );
  const total = await pageTotal(rows, limit, after, async () => (await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${from} WHERE ${matching}`, countParams))[0].total);
  return toPage(rows, limit, total, (row) => [new Date(row.requested_at).toISOString(), row.id]);
}

/** The 督办 of one case as the case's SLA view lists them, by level. */
export function supervisionsOfCase(
  db: Db,
  instanceId: string,
): Promise<Array<{ level: number; supervising_department: string; state: string; supervision_instance_id: string | null; requested_at: Date }>> {
  return db.query<{ level: number; supervising_department: string; state: string; supervision_instance_id: string | null; requested_at: Date }>(
    'SELECT level, supervising_department, state, supervision_instance_id, requested_at FROM sla_supervisions WHERE instance_id = $1 ORDER BY level',
    [instanceId],
  );
}
