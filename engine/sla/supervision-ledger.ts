import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import { caseIdReadable, SqlParams, withinRegion } from '../staff/access.js';
import { decodeCursor, pageTotal, toPage, type Page } from '../store/queries/page.js';
import type { SupervisionStarter } from './supervision.js';

/** One 督办 in the ledger (挂账): the case, the level, who got the 督办单 and how it stands. */
export interface SupervisionEntry {
  id: string;
  processInstanceId: string;
  caseBusinessKey: string | null;
  caseProcessId: string;
  caseDepartment: string;
  level: number;
  kind: 'automatic' | 'manual';
  reason: string | null;
  requestedBy: string | null;
  requestedAt: string;
  supervisingDepartment: string;
  /** The unit the 督办单 is with now (after an escalation, the one the supervisor named). */
  responsibleUnit: string | null;
  /** requested: not started yet; open: 挂账; closed: 销号 (or the 督办 was canceled); failed: could not start. */
  state: 'requested' | 'open' | 'closed' | 'failed';
  outcome: string | null;
  supervisionInstanceId: string | null;
  error: string | null;
}

interface LedgerRow {
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

const STATE_SQL = `CASE WHEN s.state = 'failed' THEN 'failed' WHEN s.state = 'requested' THEN 'requested'
  WHEN v.status IN ('completed', 'canceled', 'terminated') THEN 'closed' ELSE 'open' END`;

/**
 * 督办 as a ledger: requested by the SLA monitor when a case runs overdue, or by a supervisor by hand;
 * each runs as a 督办 instance in the supervising department (examples/supervision.bpmn) whose 督办单 goes
 * to the responsible unit's inbox. Whether one is open, its level and its unit now are that instance's state.
 */
export class SupervisionLedger {
  constructor(
    private readonly engine: Engine,
    private readonly starter: SupervisionStarter,
  ) {}

  /** A supervisor 督办s a case now, at the next level, with a reason; the 督办单 goes to the named unit or the one working the case. */
  async request(actor: Actor, instanceId: string, input: { reason: string; responsibleUnit?: string }): Promise<SupervisionEntry> {
    if (!actor.roles.includes('supervisor')) throw new EngineError('forbidden', 'Only a supervisor may 督办 a case', '只有督办人员可以发起督办');
    const instance = await this.engine.getInstance(actor, instanceId);
    if (['completed', 'canceled', 'terminated'].includes(instance.status)) {
      throw new EngineError('conflict', `The case is ${instance.status}: there is nothing left to supervise`, '案件已结束，无需督办');
    }
    if (input.responsibleUnit && !this.engine.staff.directory.route(input.responsibleUnit)) {
      throw new EngineError('invalid', `Unknown unit '${input.responsibleUnit}'`, `责任单位“${input.responsibleUnit}”不存在`, [
        { field: '/responsibleUnit', code: 'unknown-unit', message: `Unknown unit '${input.responsibleUnit}'`, messageZh: `责任单位“${input.responsibleUnit}”不存在` },
      ]);
    }
    const id = randomUUID();
    const now = this.engine.clock.now();
    await this.engine.db.transaction(async (tx) => {
      // One request at a time per case: the next level is counted under a lock on the case's row.
      await tx.query('SELECT id FROM process_instances WHERE id = $1 FOR UPDATE', [instance.id]);
      await tx.query(
        `INSERT INTO sla_supervisions (id, instance_id, department, clock_id, supervising_department, level, state, requested_at, kind, reason, requested_by, responsible_unit)
         SELECT $1, $2, $3, (SELECT c.id FROM sla_clocks c WHERE c.instance_id = $2 AND c.principal ORDER BY c.created_at LIMIT 1), $4,
           COALESCE((SELECT max(level) FROM sla_supervisions WHERE instance_id = $2), 0) + 1, 'requested', $5, 'manual', $6, $7, $8`,
        [id, instance.id, instance.department, actor.department, now, input.reason, actor.userId, input.responsibleUnit ?? null],
      );
    });
    await this.starter.startRequested();
    const [entry] = (await this.list(actor, { id })).items;
    return entry;
  }

  /** The 督办 the actor may see: those of cases they may read, and those their department supervises (of cases within their region). */
  async list(actor: Actor, filter: { id?: string; instanceId?: string; state?: SupervisionEntry['state']; department?: string; level?: number; limit?: number; cursor?: string }): Promise<Page<SupervisionEntry>> {
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
    const rows = await this.engine.db.query<LedgerRow>(
      `SELECT s.id, s.instance_id, i.business_key, i.process_id, s.department, COALESCE((v.state -> 'variables' ->> 'supervisionLevel')::int, s.level) AS level,
         s.kind, s.reason, s.requested_by, s.requested_at, s.supervising_department, s.responsible_unit, ${STATE_SQL} AS state, s.supervision_instance_id,
         v.status AS supervision_status, v.state -> 'variables' ->> 'responsibleUnit' AS current_unit, v.state -> 'variables' ->> 'supervisionDecision' AS decision, s.error
       FROM ${from} WHERE ${pageWhere} ORDER BY s.requested_at DESC, s.id DESC LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    const total = await pageTotal(rows, limit, after, async () => (await this.engine.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${from} WHERE ${matching}`, countParams))[0].total);
    const page = toPage(rows, limit, total, (row) => [new Date(row.requested_at).toISOString(), row.id]);
    return { ...page, items: page.items.map(toEntry) };
  }
}

function toEntry(row: LedgerRow): SupervisionEntry {
  const state = row.state as SupervisionEntry['state'];
  return {
    id: row.id,
    processInstanceId: row.instance_id,
    caseBusinessKey: row.business_key,
    caseProcessId: row.process_id,
    caseDepartment: row.department,
    level: row.level,
    kind: row.kind,
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedAt: new Date(row.requested_at).toISOString(),
    supervisingDepartment: row.supervising_department,
    responsibleUnit: row.current_unit ?? row.responsible_unit,
    state,
    outcome: state !== 'closed' ? null : row.supervision_status === 'completed' ? (row.decision ?? '销号') : '撤销',
    supervisionInstanceId: row.supervision_instance_id,
    error: row.error,
  };
}
