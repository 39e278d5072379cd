import { insertRuling, rulingsOf, type Actor, type CaseRuling, type UserTaskRow } from '../../engine/index.js';
import type { Catalog } from '../catalog.js';
import { CatalogError } from '../validation/catalog-error.js';
import { dispatchesOf, openDispatchStep, ticketOf, type DispatchRecord } from '../store/dispatch-store.js';
import { dispatchTicket, isDispatchStep, MANUAL_DISPATCH_POST } from './dispatch-ticket.js';

/**
 * A unit contests the assignment (对分派有异议): it sends the ticket back (退单, within the limit, with its reason)
 * and the dispatch step goes straight to the command centre's post (指挥中心) for a binding decision, rather than
 * to the next unit of the rule.
 */
export async function contestAssignment(catalog: Catalog, actor: Actor, taskId: string, input: { reason: string }): Promise<UserTaskRow> {
  const { engine, db } = catalog;
  const task = await engine.getTask(actor, taskId);
  if (isDispatchStep(task)) throw new CatalogError('conflict', 'This is the dispatch step: only a receiving unit contests an assignment', '派单环节不能提出分派异议，异议由承办单位提出');
  if (!(await ticketOf(db, task.instance_id))) {
    throw new CatalogError('invalid', 'The case was not started from a catalog matter: there is no assignment to contest', '该案件不是按事项目录发起的工单，无分派可提异议', [{ code: 'not-a-ticket', field: '/id', message: 'Not a catalog ticket', messageZh: '非目录工单' }]);
  }
  await engine.operations.sendBack(actor, taskId, { reason: `对分派有异议，提请指挥中心快处快裁：${input.reason}` });
  const step = await openDispatchStep(db, task.instance_id);
  // Sent back to a department that 改派ed it rather than to the dispatch step: that department decides.
  if (!step || step.candidate_groups.includes(MANUAL_DISPATCH_POST)) return step ?? (await engine.getTask(actor, taskId));
  await engine.staff.savePost({ userId: 'dispatch', department: step.department, roles: ['admin'] }, { department: step.department, code: MANUAL_DISPATCH_POST, name: '指挥中心（人工分拨）', description: null });
  return engine.operations.escalateToCommandCentre(actor, step.id, { contestedTaskId: task.id, toPost: MANUAL_DISPATCH_POST, reason: `承办单位对分派有异议，提请指挥中心快处快裁：${input.reason}` });
}

export interface RulingOutcome {
  ruling: CaseRuling;
  dispatch: DispatchRecord;
  task: UserTaskRow;
}

/**
 * 快处快裁: the command centre (a holder of the 指挥中心 post in the department that owns the ticket) decides
 * which unit must handle a disputed ticket. The decision dispatches the ticket to that unit and is kept with who,
 * which unit, why and when; from then on that unit cannot send the ticket back.
 */
export async function decideDispute(catalog: Catalog, actor: Actor, instanceId: string, input: { unit: string; reason: string }): Promise<RulingOutcome> {
  const { engine, db } = catalog;
  const instance = await engine.ownedInstance(actor, instanceId);
  const step = await openDispatchStep(db, instance.id);
  if (!step || !step.candidate_groups.includes(MANUAL_DISPATCH_POST)) {
    throw new CatalogError('conflict', 'No dispute about this ticket is waiting for the command centre', '该工单没有提请指挥中心裁定的分派争议');
  }
  const disputedBy = [...new Set((await dispatchesOf(db, instance.id)).map((record) => record.unit).filter((unit): unit is string => unit !== null))];
  const outcome = await dispatchTicket(catalog, actor, step.id, { unit: input.unit, reason: `快处快裁：${input.reason}` });
  const routing = engine.staff.directory.route(input.unit)!;
  const ruling = await db.transaction((tx) =>
    insertRuling(tx, {
      instanceId: instance.id,
      department: instance.department,
      unitCode: input.unit,
      handlingDepartment: routing.department,
      handlingUnit: routing.unit ?? null,
      disputedBy,
      reason: input.reason,
      decidedBy: actor.userId,
      decidedAt: engine.clock.now(),
    }),
  );
  return { ruling, dispatch: outcome.record, task: outcome.task };
}

export async function ticketRulings(catalog: Catalog, actor: Actor, instanceId: string): Promise<CaseRuling[]> {
  const instance = await catalog.engine.getInstance(actor, instanceId);
  return rulingsOf(catalog.db, instance.id);
}
