import type { Actor } from '../actor.js';
import { EngineError } from '../errors.js';
import type { CommandUnit } from '../instances/command-unit.js';
import { lockOpenTask, mayWork, recordTaskEvent } from '../instances/task-access.js';
import { inActorRegion } from '../staff/access.js';
import { addMultiInstanceRun, removeMultiInstanceRun, type Json, type Variables } from '../runtime/index.js';
import { openSiblingRuns, passToSigner, queueSigners, resolveToOwner, setSigners } from '../store/operations/signers.js';
import type { UserTaskRow } from '../store/rows.js';
import { colleagueFor } from './delegation.js';
import { instanceOf, notifyUser, requireReason, type OperationDeps } from './operation-deps.js';

export type SignerPosition = 'before' | 'after' | 'parallel';

/**
 * 加签 (D11):
 * - `before` (前加签): a colleague signs first, then the task comes back to me;
 * - `after` (后加签): when I complete, a colleague must also sign before the case moves on;
 * - `parallel`, on a running 会签/或签 (multi-instance) step: one more run for `item` (a person or a
 *   department, whatever the step's collection holds); the completion condition counts it.
 * Signers queued before/after keep the one task (its clock runs on); each one's opinion is on the trail
 * and what they submit is kept until the last completes.
 */
export async function addSigner(deps: OperationDeps, actor: Actor, taskId: string, input: { position: SignerPosition; user?: string; item?: Json; reason?: string }): Promise<UserTaskRow> {
  const reason = requireReason(input.reason, 'Adding a signer', '加签');
  return deps.command(actor, async (unit) => {
    const task = await lockOpenTask(unit, actor, taskId);
    await mayWork(unit, actor, task, {});
    const instance = await instanceOf(unit, task.instance_id);
    if (input.position === 'parallel') {
      const run = instance.state.elements[task.element_instance_id];
      const body = run?.inner && run.parentId ? instance.state.elements[run.parentId] : undefined;
      if (!body?.body) throw new EngineError('invalid', 'Only a countersign (会签/或签, a multi-instance step) takes a parallel signer', '只有会签、或签（多实例）环节可以并行加签', [{ field: '/position', code: 'not-multi-instance', message: 'Not a multi-instance step', messageZh: '不是多实例环节' }]);
      const item = input.item ?? input.user;
      if (item === undefined) throw new EngineError('invalid', 'Name the signer (user) or the item to add', '请指定加签的人员（user）或项目（item）', [{ field: '/user', code: 'signer-required', message: 'user or item', messageZh: '人员或项目' }]);
      await recordTaskEvent(unit, task, 'userTask.signerAdded', { position: 'parallel', item, reason });
      await deps.runner.advanceOrThrow(unit, instance.id, (model, state, now, services) => addMultiInstanceRun(model, state, body.id, item, now, services));
      return task;
    }
    if (!input.user) throw new EngineError('invalid', 'Name the signer (user)', '请指定加签人员（user）', [{ field: '/user', code: 'signer-required', message: 'user', messageZh: '人员' }]);
    const signer = await colleagueFor(unit, task, input.user, '/user');
    const me = task.assignee ?? actor.userId;
    if (signer === me) throw new EngineError('invalid', 'You cannot add yourself', '不能给自己加签', [{ field: '/user', code: 'self', message: 'Yourself', messageZh: '本人' }]);
    const queue = task.signers ?? [];
    const [assignee, signers] = input.position === 'before' ? [signer, [me, ...queue]] : [me, [signer, ...queue]];
    await recordTaskEvent(unit, task, 'userTask.signerAdded', { position: input.position, user: signer, reason });
    await notifyUser(unit, { userId: signer, instanceId: task.instance_id, department: instance.department, type: 'task.signerAdded', data: { taskId: task.id, taskName: task.name, position: input.position, reason } });
    return queueSigners(unit.tx, task.id, assignee, signers);
  });
}

/**
 * 减签 (D11): a queued signer is taken off (`user`), or a run of a running 会签 that is no longer needed
 * ends (its task is canceled, its clock stops) and the step goes on as its completion condition says.
 * The department that owns the case, or whoever may work a fellow run, may take a run off.
 */
export async function removeSigner(deps: OperationDeps, actor: Actor, taskId: string, input: { user?: string; reason?: string }): Promise<UserTaskRow> {
  const reason = requireReason(input.reason, 'Removing a signer', '减签');
  return deps.command(actor, async (unit) => {
    const task = await lockOpenTask(unit, actor, taskId);
    const instance = await instanceOf(unit, task.instance_id);
    if (input.user) {
      await mayWork(unit, actor, task, {});
      const queue = task.signers ?? [];
      if (!queue.includes(input.user)) throw new EngineError('invalid', `'${input.user}' is not waiting to sign this task`, `“${input.user}”不在该任务的待签人员中`, [{ field: '/user', code: 'not-a-signer', message: 'Not queued', messageZh: '不在待签队列' }]);
      await recordTaskEvent(unit, task, 'userTask.signerRemoved', { user: input.user, reason });
      return setSigners(unit.tx, task.id, queue.filter((user) => user !== input.user));
    }
    const run = instance.state.elements[task.element_instance_id];
    if (!run?.inner) throw new EngineError('invalid', 'Only a run of a countersign (会签/或签) can be removed; name a queued signer (user) otherwise', '只能减去会签、或签环节中的一人；否则请指定待签人员（user）', [{ field: '/user', code: 'not-multi-instance', message: 'Not a multi-instance run', messageZh: '不是多实例环节' }]);
    if (!(instance.department === actor.department && inActorRegion(actor, instance.region_path)) && !(await mayWorkSibling(unit, actor, task))) {
      throw new EngineError('forbidden', 'Only the department that owns the case, or a fellow signer, may remove a signer', '只有主办部门或同一会签环节的其他办理人可以减签');
    }
    await recordTaskEvent(unit, task, 'userTask.signerRemoved', { assignee: task.assignee, candidateGroups: task.candidate_groups, reason });
    await deps.runner.advanceOrThrow(unit, instance.id, (model, state, now, services) => removeMultiInstanceRun(model, state, task.element_instance_id, now, services));
    return { ...task, state: 'canceled' as const, ended_at: unit.now };
  });
}

/** Whether the actor may work on another open run of the same 会签 step. */
async function mayWorkSibling(unit: CommandUnit, actor: Actor, task: UserTaskRow): Promise<boolean> {
  const siblings = await openSiblingRuns(unit.tx, task);
  for (const sibling of siblings) {
    try {
      await mayWork(unit, actor, sibling, {});
      return true;
    } catch {
      // not this one
    }
  }
  return false;
}

/**
 * What a completion does before the case moves on (D11). A task waiting for the applicant (补正) cannot
 * be completed; a queued signer (加签) or the owner of a delegated task (委托, resolve) gets it next, with
 * what this person submitted kept; otherwise undefined: the case moves on with everything submitted.
 */
export async function handOn(unit: CommandUnit, actor: Actor, task: UserTaskRow, variables: Variables, opinion: string | undefined): Promise<{ absorbed: UserTaskRow } | { variables: Variables }> {
  if (task.awaiting === 'applicant') {
    throw new EngineError('conflict', 'The task waits for the applicant to complete the application (补正); it can be completed after the resubmission', '该任务正在等待申请人补正，补正后才能办结');
  }
  const merged: Variables = { ...(task.pending_variables ?? {}), ...variables };
  const queue = task.signers ?? [];
  const resolving = task.delegation_state === 'pending' && task.return_to_owner && task.owner && task.owner !== actor.userId;
  if (queue.length === 0 && !resolving) return { variables: merged };
  const instance = await instanceOf(unit, task.instance_id);
  if (queue.length > 0) {
    const [next, ...rest] = queue;
    await recordTaskEvent(unit, task, 'userTask.signed', { next, ...(opinion ? { opinion } : {}) });
    await notifyUser(unit, { userId: next, instanceId: task.instance_id, department: instance.department, type: 'task.toSign', data: { taskId: task.id, taskName: task.name } });
    return { absorbed: await passToSigner(unit.tx, task.id, next, rest, merged) };
  }
  await recordTaskEvent(unit, task, 'userTask.resolved', { owner: task.owner, ...(opinion ? { opinion } : {}) });
  await notifyUser(unit, { userId: task.owner!, instanceId: task.instance_id, department: instance.department, type: 'task.resolved', data: { taskId: task.id, taskName: task.name } });
  return { absorbed: await resolveToOwner(unit.tx, task.id, merged) };
}
