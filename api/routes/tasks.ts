import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { taskDto } from '../dto.js';
import { nameBook } from '../names.js';
import { IdParams, PAGE_QUERY, pageOf, UserTask, Variables } from '../schemas.js';
import { mayAct, type Actor, type TaskView } from '../../engine/index.js';

const STAFF = ['staff', 'supervisor'] as const;

/** An administrator acting outside the rules says why; the reason goes on the case's trail. */
const Override = {
  type: 'object',
  properties: { reason: { type: 'string', minLength: 2, maxLength: 500 } },
  required: ['reason'],
  additionalProperties: false,
  description: 'Administrators only: act on a task outside its department, region or posts, with a reason that is recorded. 系统管理员代办须填写理由，记入办理轨迹',
};

/** User tasks: each department works its own inbox; who may see and do what is engine/staff/access.ts. */
export function taskRoutes(api: ApiRouter, { engine }: AppContext): void {
  const describe = async (actor: Actor, rows: TaskView[], variables?: Record<string, unknown>) => {
    const names = await nameBook(engine.staff, rows.flatMap((row) => [row.assignee, row.completed_by]));
    return rows.map((row) => taskDto(row, variables as never, names, row.state === 'created' ? mayAct(actor, row).ok : false));
  };

  api.add(
    {
      method: 'get',
      path: '/user-tasks',
      operationId: 'listUserTasks',
      summary: "Your department's inbox (within your region), or every task of one case you may read; by deadline, a page at a time",
      summaryZh: '待办任务：本部门（本辖区）的任务，或可查看案件的全部任务；按期限排序，分页',
      tag: 'User tasks',
      roles: STAFF,
      query: {
        type: 'object',
        properties: {
          department: { type: 'string', maxLength: 100 },
          candidateGroup: { type: 'string', maxLength: 200 },
          assignee: { type: 'string', maxLength: 200 },
          processInstanceId: { type: 'string', maxLength: 100 },
          state: { enum: ['created', 'completed', 'canceled'], default: 'created' },
          mine: { type: 'boolean', description: 'Only tasks you may work on: yours, or open to one of your posts (我的待办)' },
          ...PAGE_QUERY,
        },
        additionalProperties: false,
      },
      response: pageOf(UserTask),
    },
    async (req, res) => {
      const q = req.query as Record<string, string | number | boolean | undefined>;
      const actor = actorOf(req);
      const page = await engine.taskPage(actor, {
        department: q.department as string | undefined,
        candidateGroup: q.candidateGroup as string | undefined,
        assignee: q.assignee as string | undefined,
        instanceId: q.processInstanceId as string | undefined,
        state: q.state as 'created' | undefined,
        actionable: q.mine === true,
        limit: q.limit as number | undefined,
        cursor: q.cursor as string | undefined,
      });
      res.json({ ...page, items: await describe(actor, page.items) });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/user-tasks/:id',
      operationId: 'getUserTask',
      summary: "Get a user task with the variables its element sees (the case's, its input mappings, a multi-instance run's element and loopCounter)",
      summaryZh: '获取任务及其可见的案件数据（含输入映射、多实例当前元素与 loopCounter）',
      tag: 'User tasks',
      roles: STAFF,
      params: IdParams,
      response: UserTask,
    },
    async (req, res) => {
      const actor = actorOf(req);
      const task = await engine.getTask(actor, String(req.params.id));
      const variables = await engine.taskVariables(task);
      res.json((await describe(actor, [task], variables))[0]);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/user-tasks/:id/claim',
      operationId: 'claimUserTask',
      summary: 'Claim a task for yourself (your department, region and one of its posts); an administrator may claim it for a named user, with a reason',
      summaryZh: '认领任务（须为本部门、本辖区、任务岗位人员）；系统管理员可代他人认领，须填写理由',
      tag: 'User tasks',
      roles: STAFF,
      params: IdParams,
      body: { type: 'object', properties: { assignee: { type: 'string', minLength: 1, maxLength: 200 }, override: Override }, additionalProperties: false },
      response: UserTask,
    },
    async (req, res) => {
      const actor = actorOf(req);
      const assignee = typeof req.body?.assignee === 'string' ? req.body.assignee : actor.userId;
      const task = await engine.claimTask(actor, String(req.params.id), assignee, req.body?.override ?? {});
      res.json((await describe(actor, [await engine.getTask(actor, task.id)]))[0]);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/user-tasks/:id/unclaim',
      operationId: 'unclaimUserTask',
      summary: 'Give a claimed task back to its posts',
      summaryZh: '退回认领',
      tag: 'User tasks',
      roles: STAFF,
      params: IdParams,
      body: { type: 'object', properties: { override: Override }, additionalProperties: false },
      response: UserTask,
    },
    async (req, res) => {
      const actor = actorOf(req);
      const task = await engine.unclaimTask(actor, String(req.params.id), req.body?.override ?? {});
      res.json((await describe(actor, [await engine.getTask(actor, task.id)]))[0]);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/user-tasks/:id/complete',
      operationId: 'completeUserTask',
      summary: 'Complete a task with variables (you must be allowed to work on it); the case moves on to its next wait state',
      summaryZh: '办理完成任务（可提交变量；须有办理权限）',
      tag: 'User tasks',
      roles: STAFF,
      params: IdParams,
      body: {
        type: 'object',
        properties: {
          variables: Variables,
          opinion: { type: 'string', minLength: 1, maxLength: 2000, description: 'Your opinion on this step (审批意见), kept on the case’s trail in order' },
          override: Override,
        },
        additionalProperties: false,
      },
      response: UserTask,
    },
    async (req, res) => {
      const actor = actorOf(req);
      const row = await engine.completeTask(actor, String(req.params.id), req.body?.variables ?? {}, { override: req.body?.override, opinion: req.body?.opinion });
      const names = await nameBook(engine.staff, [row.assignee, row.completed_by]);
      res.json(taskDto(row, undefined, names, false));
    },
  );
}
