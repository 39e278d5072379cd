import type { Actor } from '../actor.js';
import { EngineError } from '../errors.js';
import { lockOpenTask, mayWork, recordTaskEvent } from '../instances/task-access.js';
import { setVariables, type Variables } from '../runtime/index.js';
import { mayResubmit } from '../staff/access.js';
import { awaitApplicant, stopAwaiting } from '../store/operations/applicant-waits.js';
import type { UserTaskRow } from '../store/rows.js';
import { instanceOf, requireReason, type OperationDeps } from './operation-deps.js';

/** The law that stops the clock while the applicant completes the materials, unless the caller names another. */
export const SUPPLEMENT_BASIS = '《中华人民共和国行政许可法》第三十二条：申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容';

/**
 * 退回申请人补正 (D11): the task waits for the applicant, with what is missing; the case's clocks pause
 * (补正, with its law) until the applicant resubmits. The task stays in its inbox, marked as waiting, and
 * cannot be completed meanwhile.
 */
export async function requestSupplement(deps: OperationDeps, actor: Actor, taskId: string, input: { reason?: string; materials?: string[]; legalBasis?: string }): Promise<UserTaskRow> {
  const reason = requireReason(input.reason, 'Asking the applicant to complete the application', '退回补正');
  return deps.command(actor, async (unit) => {
    const task = await lockOpenTask(unit, actor, taskId);
    await mayWork(unit, actor, task, {});
    if (task.awaiting) throw new EngineError('conflict', 'The task already waits for the applicant', '该任务已在等待申请人补正');
    const instance = await instanceOf(unit, task.instance_id);
    const legalBasis = input.legalBasis?.trim() || SUPPLEMENT_BASIS;
    await recordTaskEvent(unit, task, 'userTask.supplementRequested', { reason, materials: input.materials ?? [], legalBasis });
    await deps.runner.clockOperation(unit, instance, { type: 'pause', kind: '补正', reason, legalBasis });
    return awaitApplicant(unit.tx, task.id);
  });
}

/**
 * The applicant's resubmission (from the portal or at the window): the data go into the case, the clocks
 * run again from now, and the task is back to be worked.
 */
export async function submitSupplement(deps: OperationDeps, actor: Actor, taskId: string, input: { note?: string; variables?: Variables }): Promise<UserTaskRow> {
  return deps.command(actor, async (unit) => {
    const task = await lockOpenTask(unit, actor, taskId);
    const instance = await instanceOf(unit, task.instance_id);
    if (!mayResubmit(actor, task, instance)) {
      throw new EngineError(
        'forbidden',
        `Only the department that took the application (${instance.department}) or the task's department (${task.department}) brings the applicant's resubmission; reading the case is not enough`,
        `只有受理该申请的部门（${instance.department}）或该环节所属部门（${task.department}）可以提交申请人的补正材料；仅可查阅案件者不能提交`,
      );
    }
    if (task.awaiting !== 'applicant') throw new EngineError('conflict', 'The task does not wait for the applicant', '该任务未在等待申请人补正');
    await recordTaskEvent(unit, task, 'userTask.supplemented', { note: input.note ?? null, fields: Object.keys(input.variables ?? {}) });
    if (input.variables && Object.keys(input.variables).length > 0) {
      await deps.runner.advanceOrThrow(unit, instance.id, (model, state, now, services) => setVariables(model, state, undefined, input.variables!, now, services));
    }
    await deps.runner.clockOperation(unit, instance, { type: 'resume', reason: input.note?.trim() || '申请人已补正材料' });
    return stopAwaiting(unit.tx, task.id);
  });
}
