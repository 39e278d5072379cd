import type { Actor, UserTaskRow } from '../../engine/index.js';
import { mayAct } from '../../engine/index.js';
import type { Catalog } from '../catalog.js';
import { CatalogError } from '../validation/catalog-error.js';
import { DispatchRules, type DispatchCandidate } from './dispatch-rules.js';
import { dispatchesOf, insertDispatch, ticketOf, type DispatchRecord } from '../store/dispatch-store.js';

/**
 * Which steps dispatch: the templates' dispatch step (id Task_Dispatch: 12345 派单, city management 派遣), or a
 * step named 派单, 派遣 or 分拨 in an adapted model. Any other step is refused, so a dispatch never completes a
 * handling step.
 */
const DISPATCH_STEP_NAMES = ['派单', '派遣', '分拨'];
export function isDispatchStep(task: { element_id: string; name: string | null }): boolean {
  return task.element_id === 'Task_Dispatch' || DISPATCH_STEP_NAMES.includes(task.name ?? '');
}

/** The command centre's post: tickets no rule covers wait here for a manual dispatch (人工分拨). */
export const MANUAL_DISPATCH_POST = '指挥中心';

export interface DispatchOutcome {
  record: DispatchRecord;
  /** The dispatch step: completed (dispatched), or handed to the command centre (no rule). */
  task: UserTaskRow;
  dispatched: boolean;
}

/**
 * 分拨 a ticket from its dispatch step (the 12345 template's 派单): the first unit of the rule for the
 * ticket's matter and region that has not had this ticket before (a unit that sent it back, 退单, is
 * skipped: the next rule applies), or the unit the dispatcher names (人工分拨, with a reason). The
 * step completes with `handlingUnit`, which routes 签收处置 to that unit, and `dispatchRule`; the
 * decision and the rule in force are recorded on the ticket. With no rule left, the step goes to the
 * command centre's post for a manual dispatch.
 */
export async function dispatchTicket(catalog: Catalog, actor: Actor, taskId: string, input: { unit?: string; reason?: string }): Promise<DispatchOutcome> {
  const { engine, db } = catalog;
  const task = await engine.getTask(actor, taskId);
  if (task.state !== 'created') throw new CatalogError('conflict', `The task is ${task.state}: only an open dispatch step can dispatch`, `该任务已${task.state === 'completed' ? '办结' : '结束'}，不能分拨`);
  const allowed = mayAct(actor, task);
  if (!allowed.ok) throw new CatalogError('forbidden', allowed.message, allowed.messageZh);
  if (!isDispatchStep(task)) throw new CatalogError('conflict', `Step '${task.name ?? task.element_id}' is not a dispatch step (派单, 派遣, 分拨)`, `“${task.name ?? task.element_id}”不是派单环节，不能分拨`);
  const ticket = await ticketOf(db, task.instance_id);
  if (!ticket) throw new CatalogError('invalid', 'The case was not started from a catalog matter: there is no rule to dispatch it by', '该案件不是按事项目录发起的工单，无分拨规则可依', [{ code: 'not-a-ticket', field: '/id', message: 'Not a catalog ticket', messageZh: '非目录工单' }]);
  const previous = await dispatchesOf(db, task.instance_id);
  const now = engine.clock.now();
  const base = { instanceId: task.instance_id, taskId: task.id, matterCode: ticket.matterCode, regionCode: ticket.regionCode, decidedBy: actor.userId, decidedAt: now };

  let chosen: (DispatchCandidate & { rank: number | null }) | { unit: string; source: 'manual'; ruleRegion: null; ruleVersion: null; implCode: null; rank: null } | undefined;
  if (input.unit) {
    const reason = input.reason?.trim();
    if (!reason) throw new CatalogError('invalid', 'A manual dispatch needs a reason', '人工分拨须填写理由', [{ code: 'reason-required', field: '/reason', message: 'Reason required', messageZh: '须填写理由' }]);
    if (!engine.staff.directory.route(input.unit)) {
      throw new CatalogError('invalid', `'${input.unit}' is no known department or unit`, `“${input.unit}”不是已知的部门或单位`, [{ code: 'unknown-unit', field: '/unit', message: 'Unknown unit', messageZh: '单位不存在' }]);
    }
    chosen = { unit: input.unit, source: 'manual', ruleRegion: null, ruleVersion: null, implCode: null, rank: null };
  } else {
    const tried = new Set(previous.map((record) => record.unit).filter((unit): unit is string => unit !== null));
    const candidates = await new DispatchRules(catalog).candidates(ticket.matterCode, ticket.regionCode);
    const rank = candidates.findIndex((candidate) => !tried.has(candidate.unit));
    if (rank >= 0) chosen = { ...candidates[rank], rank: rank + 1 };
  }

  if (!chosen) {
    const reason = previous.length > 0 ? '分拨规则中的单位均已退单，转指挥中心人工分拨' : '无适用的分拨规则，转指挥中心人工分拨';
    await engine.staff.savePost({ userId: 'dispatch', department: task.department, roles: ['admin'] }, { department: task.department, code: MANUAL_DISPATCH_POST, name: '指挥中心（人工分拨）', description: null });
    const handed = await engine.operations.transfer(actor, task.id, { toPost: MANUAL_DISPATCH_POST, reason });
    const record = await insertDispatch(db, { ...base, unit: null, source: 'none', ruleRegion: null, ruleVersion: null, implCode: null, rank: null, reason });
    return { record, task: handed, dispatched: false };
  }
  const rule = { unit: chosen.unit, source: chosen.source, ruleRegion: chosen.ruleRegion, ruleVersion: chosen.ruleVersion, implCode: chosen.implCode, rank: chosen.rank };
  const completed = await engine.completeTask(actor, task.id, { handlingUnit: chosen.unit, dispatchRule: rule }, input.reason ? { opinion: `分拨：${input.reason}` } : {});
  const record = await insertDispatch(db, { ...base, ...rule, reason: input.reason?.trim() || null });
  return { record, task: completed, dispatched: true };
}

export function ticketDispatches(catalog: Catalog, instanceId: string): Promise<DispatchRecord[]> {
  return dispatchesOf(catalog.db, instanceId);
}
