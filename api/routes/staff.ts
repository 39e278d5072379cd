import { ApiRouter } from '../http/api-router.js';
import { actorOf, ROLES } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { listOf, named, PAGE_QUERY, pageOf, wholeList } from '../schemas.js';
import type { StaffUser } from '../../engine/index.js';

const TAG = 'Staff';
const MANAGERS = ['admin', 'department-admin'] as const;
const EVERYONE = ['admin', 'designer', 'staff', 'integrator', 'catalog-admin', 'supervisor', 'department-admin'] as const;
const CODE = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,40}$' };
const USER_ID = { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' };
const POST = { type: 'string', minLength: 1, maxLength: 50, pattern: '^[^\\s,]([^,]*[^\\s,])?$' };

const User = named('User', {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    department: { type: 'string' },
    departmentName: { type: ['string', 'null'] },
    roles: { type: 'array', items: { type: 'string' } },
    groups: { type: 'array', items: { type: 'string' }, description: 'Posts (岗位) the user holds' },
    regionCode: { type: ['string', 'null'], description: 'The region the user is scoped to (镇街/村居); null = city level' },
    regionName: { type: ['string', 'null'] },
    disabled: { type: 'boolean' },
  },
  required: ['id', 'name', 'department', 'roles', 'groups', 'regionCode', 'disabled'],
});

const UserFields = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  department: CODE,
  roles: { type: 'array', items: { enum: [...ROLES] }, minItems: 1, uniqueItems: true },
  groups: { type: 'array', items: POST, uniqueItems: true, maxItems: 50 },
  regionCode: { type: ['string', 'null'], maxLength: 40 },
  disabled: { type: 'boolean' },
};

const Post = named('Post', {
  type: 'object',
  properties: { department: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' }, description: { type: ['string', 'null'] } },
  required: ['department', 'code', 'name'],
});

/**
 * The staff model (D10) over HTTP: departments, posts (岗位) and users with their regions.
 * An administrator manages everyone; a department's department-admin its own staff and posts.
 */
export function staffRoutes(api: ApiRouter, { engine, tokens }: AppContext): void {
  const { staff } = engine;
  const dto = (user: StaffUser) => ({
    ...user,
    departmentName: staff.directory.department(user.department)?.name ?? null,
    regionName: user.regionCode ? (staff.directory.region(user.regionCode)?.name ?? null) : null,
  });

  api.add(
    {
      method: 'get',
      path: '/departments',
      operationId: 'listDepartments',
      summary: 'Every department tasks can be routed to, with its name',
      summaryZh: '部门列表（任务可分派到的部门）',
      tag: TAG,
      roles: EVERYONE,
      response: listOf(named('Department', { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } })),
    },
    async (_req, res) => {
      res.json(wholeList(await staff.departments()));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/users',
      operationId: 'listUsers',
      summary: 'Staff of your department (every department’s for supervisors and administrators), by id, a page at a time',
      summaryZh: '人员列表（本部门；督办人员和系统管理员可查看全部）',
      tag: TAG,
      roles: EVERYONE,
      query: {
        type: 'object',
        properties: {
          department: CODE,
          post: POST,
          regionCode: { type: 'string', maxLength: 40 },
          search: { type: 'string', minLength: 1, maxLength: 50 },
          includeDisabled: { type: 'boolean', default: false },
          limit: PAGE_QUERY.limit,
          cursor: USER_ID,
        },
        additionalProperties: false,
      },
      response: pageOf(User),
    },
    async (req, res) => {
      const q = req.query as unknown as { department?: string; post?: string; regionCode?: string; search?: string; includeDisabled?: boolean; limit: number; cursor?: string };
      const users = await staff.listUsers(actorOf(req), { ...q, limit: q.limit + 1, ...(q.cursor ? { after: q.cursor } : {}) });
      const page = users.slice(0, q.limit);
      const total = await staff.countUsers(actorOf(req), q);
      res.json({ items: page.map(dto), total, nextCursor: users.length > q.limit ? page[page.length - 1].id : null });
    },
  );

  api.add(
    { method: 'get', path: '/users/:id', operationId: 'getUser', summary: 'One member of staff', summaryZh: '人员详情', tag: TAG, roles: EVERYONE, params: { type: 'object', properties: { id: USER_ID }, required: ['id'] }, response: User },
    async (req, res) => {
      res.json(dto(await staff.getUser(actorOf(req), String(req.params.id))));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/users',
      operationId: 'createUser',
      summary: 'Add a member of staff: department, posts, region scope and roles (a department administrator: own department, own region, staff roles only)',
      summaryZh: '新增人员（部门管理员只能在本部门、本辖区内新增，并只能授予业务角色）',
      tag: TAG,
      roles: MANAGERS,
      body: { type: 'object', properties: { id: USER_ID, ...UserFields }, required: ['id', 'name', 'department', 'roles'], additionalProperties: false },
      response: User,
      status: 201,
    },
    async (req, res) => {
      const body = req.body as { id: string; name: string; department: string; roles: string[]; groups?: string[]; regionCode?: string | null; disabled?: boolean };
      const user = await staff.saveUser(actorOf(req), { ...body, groups: body.groups ?? [] }, 'create');
      res.status(201).location(`/api/v1/users/${user.id}`).json(dto(user));
    },
  );

  api.add(
    {
      method: 'put',
      path: '/users/:id',
      operationId: 'updateUser',
      summary: 'Change a member of staff (posts, region, roles, or disable them: their tokens stop working at once)',
      summaryZh: '修改人员（岗位、辖区、角色，或停用：其令牌立即失效）',
      tag: TAG,
      roles: MANAGERS,
      params: { type: 'object', properties: { id: USER_ID }, required: ['id'] },
      body: { type: 'object', properties: UserFields, required: ['name', 'department', 'roles', 'groups'], additionalProperties: false },
      response: User,
    },
    async (req, res) => {
      const body = req.body as { name: string; department: string; roles: string[]; groups: string[]; regionCode?: string | null; disabled?: boolean };
      const user = await staff.saveUser(actorOf(req), { id: String(req.params.id), ...body }, 'update');
      // Posts, region, roles or a disabled account count from the next request, in this process too.
      tokens.cache.forgetAll();
      res.json(dto(user));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/users/:id/tokens',
      operationId: 'issueUserToken',
      summary: 'Issue a new API token for a member of staff you manage; it is shown only in this response',
      summaryZh: '为所管理的人员签发访问令牌（仅在本次响应中显示）',
      tag: TAG,
      roles: MANAGERS,
      params: { type: 'object', properties: { id: USER_ID }, required: ['id'] },
      body: { type: 'object', properties: { label: { type: 'string', maxLength: 200 } }, additionalProperties: false },
      response: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] },
      status: 201,
    },
    async (req, res) => {
      const user = await staff.userToManage(actorOf(req), String(req.params.id));
      res.status(201).json({ token: await tokens.createToken(user.id, req.body?.label) });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/posts',
      operationId: 'listPosts',
      summary: 'The posts (岗位) of your department (any department’s for supervisors and administrators)',
      summaryZh: '岗位列表',
      tag: TAG,
      roles: EVERYONE,
      query: { type: 'object', properties: { department: CODE }, additionalProperties: false },
      response: listOf(Post),
    },
    async (req, res) => {
      res.json(wholeList(await staff.listPosts(actorOf(req), (req.query as { department?: string }).department)));
    },
  );

  api.add(
    {
      method: 'put',
      path: '/posts/:department/:code',
      operationId: 'putPost',
      summary: 'Create or rename a post of a department (tasks name posts as candidate groups)',
      summaryZh: '新增或修改岗位（任务的候选组即岗位）',
      tag: TAG,
      roles: MANAGERS,
      params: { type: 'object', properties: { department: CODE, code: POST }, required: ['department', 'code'] },
      body: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, description: { type: 'string', maxLength: 500 } }, required: ['name'], additionalProperties: false },
      response: Post,
    },
    async (req, res) => {
      const body = req.body as { name: string; description?: string };
      res.json(await staff.savePost(actorOf(req), { department: String(req.params.department), code: String(req.params.code), name: body.name, description: body.description ?? null }));
    },
  );

  api.add(
    {
      method: 'delete',
      path: '/posts/:department/:code',
      operationId: 'deletePost',
      summary: 'Remove a post nobody holds any more',
      summaryZh: '删除无人担任的岗位',
      tag: TAG,
      roles: MANAGERS,
      params: { type: 'object', properties: { department: CODE, code: POST }, required: ['department', 'code'] },
      status: 204,
    },
    async (req, res) => {
      await staff.deletePost(actorOf(req), String(req.params.department), String(req.params.code));
      res.status(204).end();
    },
  );
}
