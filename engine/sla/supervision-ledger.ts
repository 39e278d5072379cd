import { randomUUID } from 'node:crypto';
import type { Actor } from '../actor.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import type { Page } from '../store/queries/page.js';
import { insertManualSupervision, ledgerPage, lockCaseForSupervision, type LedgerRow } from '../store/sla/supervision-ledger.js';
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
      await lockCaseForSupervision(tx, instance.id);
      await insertManualSupervision(tx, {
        id,
        instanceId: instance.id,
        department: instance.department,
        supervisingDepartment: actor.department,
        requestedAt: now,
        reason: input.reason,
        requestedBy: actor.userId,
        responsibleUnit: input.responsibleUnit ?? null,
      });
    });
    await this.starter.startRequested();
    const [entry] = (await this.list(actor, { id })).items;
    return entry;
  }

  /** The 督办 the actor may see: those of cases they may read, and those their department supervises (of cases within their region). */
  async list(actor: Actor, filter: { id?: string; instanceId?: string; state?: SupervisionEntry['state']; department?: string; level?: number; limit?: number; cursor?: string }): Promise<Page<SupervisionEntry>> {
    const page = await ledgerPage(this.engine.db, actor, filter);
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
