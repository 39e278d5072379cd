import type { Actor } from '../actor.js';
import { EngineError } from '../errors.js';
import { lockTask } from '../instances/task-access.js';
import { asUuid, notFound } from '../instances/lookups.js';
import { contestOf, lockedTaskRow } from '../store/operations/assignment-contests.js';
import type { UserTaskRow } from '../store/rows.js';
import { moveToPost } from './hand-over.js';
import { requireReason, type OperationDeps } from './operation-deps.js';

/**
 * 提请指挥中心快处快裁: a receiving unit that sent a ticket back because it contests the assignment (对分派有异议)
 * asks that the case's open dispatch step go to the command centre's post instead of to the next unit of the rule.
 * The unit holds none of the dispatch step's posts, so the move is the system's, on the contest's behalf: it is
 * allowed only to the one who sent the contested task back (their 退单 is the authority), once per 退单, and the
 * trail names them as the requester under its own event type (not a 转办 they could not have done).
 */
export async function escalateToCommandCentre(
  deps: OperationDeps,
  requester: Actor,
  stepId: string,
  input: { contestedTaskId: string; toPost: string; reason?: string },
): Promise<UserTaskRow> {
  const reason = requireReason(input.reason, 'Asking the command centre to decide', '提请指挥中心裁定');
  return deps.command(requester, async (unit) => {
    const contested = await lockTask(unit, requester, input.contestedTaskId, { lock: false });
    const sentBack = await contestOf(unit.tx, { instanceId: contested.instance_id, taskId: contested.id, userId: requester.userId });
    if (!sentBack) {
      throw new EngineError('forbidden', 'Only whoever sent this task back may ask the command centre to decide on its assignment', '只有退回该任务的人员可以提请指挥中心裁定分派');
    }
    if (sentBack.escalated) throw new EngineError('conflict', 'This contest is already before the command centre', '该分派异议已提请指挥中心裁定');
    const step = await lockedTaskRow(unit.tx, asUuid(stepId));
    if (!step || step.instance_id !== contested.instance_id) throw notFound('user task', stepId);
    if (step.state !== 'created') throw new EngineError('conflict', `Task ${stepId} is already ${step.state}`, `该任务已${step.state === 'completed' ? '办结' : '取消'}`);
    return moveToPost(unit, step, input.toPost, 'userTask.escalatedToCommandCentre', { contestedTaskId: contested.id, reason });
  });
}
