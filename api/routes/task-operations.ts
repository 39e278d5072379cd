import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { taskDto } from '../dto.js';
import { nameBook } from '../names.js';
import { IdParams, listOf, named, UserTask, Variables, wholeList } from '../schemas.js';
import { mayAct, type Actor, type UserTaskRow } from '../../engine/index.js';

const TAG = 'Task operations';
const STAFF = ['staff', 'supervisor'] as const;
const Reason = { type: 'string', minLength: 2, maxLength: 500, description: 'Why (recorded on the case’s trail). 理由（记入办理轨迹）' };
const UserId = { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' };
const Opinion = { type: 'string', minLength: 1, maxLength: 2000, description: '审批意见' };

const ReturnTarget = named('ReturnTarget', {
  type: 'object',
  properties: { elementId: { type: 'string' }, name: { type: ['string', 'null'] }, completedBy: { type: ['string', 'null'] }, completedByName: { type: ['string', 'null'] }, completedAt: { type: 'string', format: 'date-time' } },
});

/**
 * 办理操作 over HTTP (D11): 退回、撤回、补正、转办、改派、退单、委托、加签、减签、催办 on a task. Each is one
 * command with its reason on the case's trail; who may do it is the same rule as completing the task.
 */
export function taskOperationRoutes(api: ApiRouter, { engine }: AppContext): void {
  const { operations } = engine;
  const describe = async (actor: Actor, task: UserTaskRow) => {
    const view = await engine.getTask(actor, task.id).catch(() => task);
    const names = await nameBook(engine.staff, [view.assignee, view.completed_by]);
    return taskDto(view, undefined, names, view.state === 'created' ? mayAct(actor, view).ok : false);
  };
  const op = (operationId: string, path: string, summary: string, summaryZh: string, body: Record<string, unknown>, run: (actor: Actor, id: string, body: never) => Promise<UserTaskRow>, roles: readonly ('staff' | 'supervisor' | 'integrator')[] = STAFF) =>
    api.add(
      { method: 'post', path: `/user-tasks/:id/${path}`, operationId, summary, summaryZh, tag: TAG, roles, params: IdParams, body: { additionalProperties: false, type: 'object', ...body }, response: UserTask },
      async (req, res) => {
        const actor = actorOf(req);
        res.json(await describe(actor, await run(actor, String(req.params.id), (req.body ?? {}) as never)));
      },
    );

  api.add(
    {
      method: 'get',
      path: '/user-tasks/:id/return-targets',
      operationId: 'listUserTaskReturnTargets',
      summary: 'The earlier steps this task may send the case back to (退回): steps the case passed in the same flow scope, as the model allows',
      summaryZh: '可退回的环节',
      tag: TAG,
      roles: STAFF,
      params: IdParams,
      response: listOf(ReturnTarget),
    },
    async (req, res) => {
      const targets = await operations.returnTargets(actorOf(req), String(req.params.id));
      const names = await nameBook(engine.staff, targets.map((target) => target.completedBy));
      res.json(wholeList(targets.map((target) => ({ ...target, completedAt: target.completedAt.toISOString(), completedByName: names.user(target.completedBy) }))));
    },
  );

  op(
    'returnUserTask',
    'return',
    'Send the case back (退回/驳回) to an earlier step, with a reason: the steps of this flow scope end, that step opens again for whoever did it',
    '退回到已办环节（须填写理由）',
    { properties: { targetElementId: { type: 'string', minLength: 1, maxLength: 200 }, reason: Reason, opinion: Opinion }, required: ['targetElementId', 'reason'] },
    (actor, id, body: { targetElementId: string; reason: string; opinion?: string }) => operations.returnToStep(actor, id, body),
  );
  op(
    'withdrawUserTask',
    'withdraw',
    'Take back (撤回) a step you completed, while what followed is unclaimed; {id} is the completed task',
    '撤回本人刚办结的环节（下一环节尚未签收时）',
    { properties: { reason: Reason }, required: ['reason'] },
    (actor, id, body: { reason: string }) => operations.withdraw(actor, id, body),
  );
  op(
    'requestUserTaskSupplement',
    'supplement-request',
    'Ask the applicant to complete the application (补正): the task waits and the case’s clocks pause until the resubmission',
    '退回申请人补正（暂停计时，待补正后恢复）',
    { properties: { reason: Reason, materials: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, maxItems: 50 }, legalBasis: { type: 'string', minLength: 2, maxLength: 300 } }, required: ['reason'] },
    (actor, id, body: { reason: string; materials?: string[]; legalBasis?: string }) => operations.requestSupplement(actor, id, body),
  );
  op(
    'supplementUserTask',
    'supplement',
    'The applicant’s resubmission (from the portal or at the window): data into the case, the clocks run again, the task is back to be worked',
    '申请人补正提交（恢复计时）',
    { properties: { note: { type: 'string', maxLength: 1000 }, variables: Variables } },
    (actor, id, body: { note?: string; variables?: Record<string, never> }) => operations.submitSupplement(actor, id, body),
    ['staff', 'integrator'],
  );
  op(
    'transferUserTask',
    'transfer',
    'Hand the task over (转办) to a colleague (toUser) or to another post of the department (toPost), with a reason',
    '转办给本部门其他人员或岗位',
    { properties: { toUser: UserId, toPost: { type: 'string', minLength: 1, maxLength: 50 }, reason: Reason }, required: ['reason'] },
    (actor, id, body: { toUser?: string; toPost?: string; reason: string }) => operations.transfer(actor, id, body),
  );
  op(
    'reassignUserTask',
    'reassign',
    'Reassign (改派) the task to another department or unit, with a reason; the receiving unit may send it back (退单) within the limit',
    '改派至其他部门或单位',
    { properties: { department: { type: 'string', minLength: 1, maxLength: 60, description: 'A department or unit code. 部门或单位编码' }, reason: Reason }, required: ['department', 'reason'] },
    (actor, id, body: { department: string; reason: string }) => operations.reassign(actor, id, body),
  );
  op(
    'sendBackUserTask',
    'send-back',
    'Send a task that is not yours back (退单), with a reason, within the limit: to the department that reassigned it, or to the dispatching step',
    '退单（在时限内退回派单单位）',
    { properties: { reason: Reason }, required: ['reason'] },
    (actor, id, body: { reason: string }) => operations.sendBack(actor, id, body),
  );
  op(
    'delegateUserTask',
    'delegate',
    'Delegate (委托) the task to a colleague; when they complete it, it comes back to you for a last look unless returnToMe is false',
    '委托同事办理（办理后默认交回本人确认）',
    { properties: { to: UserId, returnToMe: { type: 'boolean', default: true }, reason: Reason }, required: ['to', 'reason'] },
    (actor, id, body: { to: string; returnToMe?: boolean; reason: string }) => operations.delegate(actor, id, body),
  );
  op(
    'addUserTaskSigner',
    'signers',
    'Add a signer (加签): before you (前加签), after you (后加签), or one more run of a running 会签/或签 (parallel)',
    '加签：前加签、后加签，或会签/或签增加一人',
    {
      properties: { position: { enum: ['before', 'after', 'parallel'] }, user: UserId, item: { description: 'For a parallel signer: the item the 会签 collection holds (a department code, …); default the user' }, reason: Reason },
      required: ['position', 'reason'],
    },
    (actor, id, body: { position: 'before' | 'after' | 'parallel'; user?: string; item?: never; reason: string }) => operations.addSigner(actor, id, body),
  );
  op(
    'removeUserTaskSigner',
    'signers/remove',
    'Remove a signer (减签): a queued one (user), or this run of a 会签/或签, which the step then no longer waits for',
    '减签：移除待签人员，或减去会签/或签中的本项',
    { properties: { user: UserId, reason: Reason }, required: ['reason'] },
    (actor, id, body: { user?: string; reason: string }) => operations.removeSigner(actor, id, body),
  );

  api.add(
    {
      method: 'post',
      path: '/user-tasks/:id/urge',
      operationId: 'urgeUserTask',
      summary: 'Urge (催办) whoever works the task: a notification and a trail entry; once an hour per task (429 otherwise, with Retry-After)',
      summaryZh: '催办（通知办理人，记入轨迹；同一任务每小时一次）',
      tag: TAG,
      roles: ['staff', 'supervisor', 'integrator'],
      params: IdParams,
      body: { type: 'object', properties: { message: { type: 'string', maxLength: 500 } }, additionalProperties: false },
      response: { type: 'object', properties: { taskId: { type: 'string' }, notified: { type: 'array', items: { type: 'string' } } }, required: ['taskId', 'notified'] },
    },
    async (req, res) => {
      const { task, notified } = await operations.urge(actorOf(req), String(req.params.id), req.body ?? {});
      res.json({ taskId: task.id, notified });
    },
  );
}
