import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { taskDto } from '../dto.js';
import { IdParams, listOf, UserTask, Variables } from '../schemas.js';

const STAFF = ['staff', 'supervisor'] as const;

/** User tasks: each department works its own inbox. */
export function taskRoutes(api: ApiRouter, { engine }: AppContext): void {
  api.add(
    {
      method: 'get',
      path: '/user-tasks',
      summary: 'List user tasks of your department',
      summaryZh: '待办任务列表（本部门）',
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
          limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
        },
        additionalProperties: false,
      },
      response: listOf(UserTask),
    },
    async (req, res) => {
      const q = req.query as Record<string, string | number | undefined>;
      const rows = await engine.listTasks(actorOf(req), {
        department: q.department as string | undefined,
        candidateGroup: q.candidateGroup as string | undefined,
        assignee: q.assignee as string | undefined,
        instanceId: q.processInstanceId as string | undefined,
        state: q.state as 'created' | undefined,
        limit: q.limit as number | undefined,
      });
      res.json({ items: rows.map((row) => taskDto(row)) });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/user-tasks/:id',
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
      res.json(taskDto(task, variables));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/user-tasks/:id/claim',
      summary: 'Claim a task (for yourself or, as admin, for a named user)',
      summaryZh: '认领任务',
      tag: 'User tasks',
      roles: STAFF,
      params: IdParams,
      body: { type: 'object', properties: { assignee: { type: 'string', minLength: 1, maxLength: 200 } }, additionalProperties: false },
      response: UserTask,
    },
    async (req, res) => {
      const actor = actorOf(req);
      const assignee = actor.roles.includes('admin') && req.body?.assignee ? String(req.body.assignee) : actor.userId;
      res.json(taskDto(await engine.claimTask(actor, String(req.params.id), assignee)));
    },
  );

  api.add(
    { method: 'post', path: '/user-tasks/:id/unclaim', summary: 'Give a claimed task back to the group', summaryZh: '退回认领', tag: 'User tasks', roles: STAFF, params: IdParams, response: UserTask },
    async (req, res) => {
      res.json(taskDto(await engine.unclaimTask(actorOf(req), String(req.params.id))));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/user-tasks/:id/complete',
      summary: 'Complete a task with variables; the instance moves on to its next wait state',
      summaryZh: '办理完成任务（可提交变量）',
      tag: 'User tasks',
      roles: STAFF,
      params: IdParams,
      body: { type: 'object', properties: { variables: Variables }, additionalProperties: false },
      response: UserTask,
    },
    async (req, res) => {
      res.json(taskDto(await engine.completeTask(actorOf(req), String(req.params.id), req.body?.variables ?? {})));
    },
  );
}
