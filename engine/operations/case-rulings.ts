import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import { recordSlaEvent } from '../sla/sla-events.js';
import { insertRulingRow, latestRulingBinding } from '../store/operations/case-rulings.js';


/** 快处快裁: the command centre's binding decision on which unit handles a disputed ticket. */
export interface CaseRuling {
  id: string;
  instanceId: string;
  department: string;
  unitCode: string;
  handlingDepartment: string;
  handlingUnit: string | null;
  disputedBy: string[];
  reason: string;
  decidedBy: string;
  decidedAt: Date;
}

/** Records the decision and puts it on the case's trail, in the caller's transaction. */
export async function insertRuling(tx: Db, ruling: Omit<CaseRuling, 'id'>): Promise<CaseRuling> {
  const row = await insertRulingRow(tx, ruling);
  await recordSlaEvent(tx, {
    instanceId: ruling.instanceId,
    department: ruling.department,
    at: ruling.decidedAt,
    type: 'case.ruling.decided',
    actor: ruling.decidedBy,
    data: { rulingId: row.id, unit: ruling.unitCode, disputedBy: ruling.disputedBy, reason: ruling.reason },
    notify: true,
  });
  return row;
}

/**
 * Refuses a 退单 by a unit the command centre has bound to the ticket (快处快裁): the decision is final for that
 * ticket, so the unit handles it (or asks the command centre, not the dispatcher).
 */
export async function refuseSendBackAfterRuling(db: Db, task: { instance_id: string; department: string; unit: string | null }): Promise<void> {
  const ruling = await latestRulingBinding(db, { instanceId: task.instance_id, department: task.department, unit: task.unit });
  if (!ruling) return;
  const at = new Date(ruling.decidedAt);
  const zhAt = at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  throw new EngineError(
    'conflict',
    `The command centre decided (快处快裁) on ${at.toISOString()} that this unit handles the ticket: it cannot be sent back again (reason of the decision: ${ruling.reason})`,
    `指挥中心已于 ${zhAt} 快处快裁，裁定本工单由本单位承办，不能再退单（裁定理由：${ruling.reason}）`,
    [{ field: '/reason', code: 'ruled', message: 'Bound by the command centre’s decision', messageZh: '受指挥中心裁定约束，不能退单' }],
  );
}
