import type { Actor } from '../actor.js';
import { EngineError } from '../errors.js';
import type { CommandUnit } from '../instances/command-unit.js';
import { lockOpenTask, lockTask, mayWork, recordTaskEvent } from '../instances/task-access.js';
import type { ProcessModel } from '../model/index.js';
import { modifyInstance, ROOT_ID, type InstanceState } from '../runtime/index.js';
import { completedSteps, reopenedTask, tasksSinceForUpdate } from '../store/operations/step-returns.js';
import type { InstanceRow, UserTaskRow } from '../store/rows.js';
import { instanceOf, requireReason, type OperationDeps } from './operation-deps.js';

/** A step 退回 may go to: a user task of the same flow scope that this case has completed. */
export interface ReturnTarget {
  elementId: string;
  name: string | null;
  completedBy: string | null;
  completedAt: Date;
}

/**
 * 退回 / 驳回 (D11): the case goes back to an earlier step, with a reason. Every token of the task's flow
 * scope ends (a parallel branch too: the case returns to that step as a whole) and the step is opened
 * again, for the person who did it before. SLA: the ended steps' clocks stop, the reopened step gets a
 * new one; the case's clocks go on (going back is no pause).
 */
export async function returnToStep(deps: OperationDeps, actor: Actor, taskId: string, input: { targetElementId: string; reason?: string; opinion?: string }): Promise<UserTaskRow> {
  const reason = requireReason(input.reason, 'Sending a case back', '退回');
  return deps.command(actor, async (unit) => {
    const task = await lockOpenTask(unit, actor, taskId);
    await mayWork(unit, actor, task, {});
    const instance = await instanceOf(unit, task.instance_id);
    const model = await deps.runner.models.get(instance.definition_id, unit.tx);
    const targets = await passedSteps(unit, model, task);
    const target = targets.find((entry) => entry.elementId === input.targetElementId);
    if (!target) {
      const allowed = targets.map((entry) => `${entry.name ?? entry.elementId} (${entry.elementId})`).join(', ') || 'none';
      throw new EngineError('invalid', `The case cannot go back to '${input.targetElementId}'; it may go back to: ${allowed}`, `不能退回到“${input.targetElementId}”；可退回的环节：${targets.map((entry) => entry.name ?? entry.elementId).join('、') || '无'}`, [
        { field: '/targetElementId', code: 'not-a-return-target', message: `Not a step this case passed and may go back to: ${allowed}`, messageZh: '不是本案件已经过、且可退回的环节' },
      ]);
    }
    await recordTaskEvent(unit, task, 'userTask.returned', { to: target.elementId, toName: target.name, reason, ...(input.opinion ? { opinion: input.opinion } : {}) });
    await reopen(deps, unit, instance, scopeTokens(instance.state, task.element_instance_id), target.elementId, target.completedBy);
    return { ...task, state: 'canceled' as const, ended_at: unit.now };
  });
}

/** The steps a task may go back to, oldest first (for the 退回 dialog); only for those who may work on the task. */
export async function returnTargets(deps: OperationDeps, actor: Actor, taskId: string): Promise<ReturnTarget[]> {
  return deps.command(actor, async (unit) => {
    const task = await lockOpenTask(unit, actor, taskId, { lock: false });
    await mayWork(unit, actor, task, {});
    const instance = await instanceOf(unit, task.instance_id);
    return passedSteps(unit, await deps.runner.models.get(instance.definition_id, unit.tx), task);
  });
}

/**
 * 撤回 (D11): whoever completed a step takes it back while nobody has started on what followed: the steps it
 * opened are still unclaimed and nothing else was completed since. Those steps end and the step is theirs
 * again. The variables they submitted stay (the new completion overwrites them).
 */
export async function withdraw(deps: OperationDeps, actor: Actor, taskId: string, input: { reason?: string }): Promise<UserTaskRow> {
  const reason = requireReason(input.reason, 'Taking a step back', '撤回');
  return deps.command(actor, async (unit) => {
    const task = await lockTask(unit, actor, taskId);
    if (task.state !== 'completed' || task.completed_by !== actor.userId) {
      throw new EngineError('forbidden', 'Only the person who completed a step may take it back', '只能撤回本人已办结的环节');
    }
    const instance = await instanceOf(unit, task.instance_id);
    const model = await deps.runner.models.get(instance.definition_id, unit.tx);
    if (model.elements.get(task.element_id)?.gov.operations?.withdraw === false) {
      throw new EngineError('forbidden', `The process does not allow taking '${task.name ?? task.element_id}' back`, `流程不允许撤回“${task.name ?? task.element_id}”`);
    }
    if (instance.status !== 'active') throw new EngineError('conflict', `The case is ${instance.status}: there is no step to take back`, '案件已结束或已挂起，不能撤回');
    const later = await tasksSinceForUpdate(unit.tx, task.instance_id, task.id, task.ended_at);
    const next = later.filter((row) => new Date(row.created_at).getTime() === new Date(task.ended_at!).getTime());
    if (next.length === 0 || later.some((row) => row.state === 'completed')) {
      throw new EngineError('conflict', 'What followed this step has already been worked on (or the case moved on without a person): it can no longer be taken back', '后续环节已有人办理（或流程已自动继续），不能撤回');
    }
    const claimed = next.find((row) => row.assignee);
    if (claimed) throw new EngineError('conflict', `The next step '${claimed.name ?? claimed.element_id}' was already claimed by ${claimed.assignee}: it can no longer be taken back`, `下一环节“${claimed.name ?? claimed.element_id}”已由 ${claimed.assignee} 签收，不能撤回`);
    if (instance.state.elements[task.element_instance_id]?.inner || next.some((row) => instance.state.elements[row.element_instance_id]?.inner)) {
      throw new EngineError('conflict', 'A step of a countersign (会签) cannot be taken back', '会签环节不能撤回');
    }
    await recordTaskEvent(unit, task, 'userTask.withdrawn', { reason, ended: next.map((row) => row.element_id) });
    return reopen(deps, unit, instance, next.map((row) => row.element_instance_id), task.element_id, actor.userId);
  });
}

/** Ends `terminate` and opens `elementId` again, for `assignee` when they are still who did it. */
async function reopen(deps: OperationDeps, unit: CommandUnit, instance: InstanceRow, terminate: string[], elementId: string, assignee: string | null): Promise<UserTaskRow> {
  await deps.runner.advanceOrThrow(unit, instance.id, (model, state, now, services) => modifyInstance(model, state, { terminate, activate: [{ elementId }] }, now, services));
  const reopened = await reopenedTask(unit.tx, instance.id, elementId, unit.now, assignee);
  if (!reopened) throw new EngineError('conflict', `The step '${elementId}' could not be opened again`, `环节“${elementId}”未能重新打开`);
  return reopened;
}

/**
 * The active element instances of a task's flow scope: the task (or its multi-instance body) and every
 * token beside it, so that a case sent back leaves no branch behind.
 */
function scopeTokens(state: InstanceState, elementInstanceId: string): string[] {
  const own = state.elements[elementInstanceId];
  const body = own?.inner && own.parentId ? state.elements[own.parentId] : undefined;
  const scopeId = (body ?? own)?.parentId ?? ROOT_ID;
  return Object.values(state.elements)
    .filter((instance) => instance.id !== ROOT_ID && instance.parentId === scopeId)
    .map((instance) => instance.id);
}

/** User tasks of the task's flow scope that this case completed, as gov:operations returnTo allows, oldest first. */
async function passedSteps(unit: CommandUnit, model: ProcessModel, task: UserTaskRow): Promise<ReturnTarget[]> {
  const node = model.elements.get(task.element_id);
  if (!node) return [];
  const allowed = node.gov.operations?.returnTo;
  if (allowed === 'none') return [];
  const rows = await completedSteps(unit.tx, task.instance_id, task.element_id);
  return rows
    .filter((row) => model.elements.get(row.element_id)?.scopeId === node.scopeId && (!allowed || allowed.includes(row.element_id)))
    .sort((a, b) => new Date(a.ended_at).getTime() - new Date(b.ended_at).getTime())
    .map((row) => ({ elementId: row.element_id, name: row.name, completedBy: row.completed_by, completedAt: new Date(row.ended_at) }));
}
