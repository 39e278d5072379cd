import { ApiRouter } from '../http/api-router.js';
import { ROLES } from '../http/auth.js';
import { Problem } from '../http/problem.js';
import type { AppContext } from '../context.js';

const UserBody = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    department: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$' },
    roles: { type: 'array', items: { enum: [...ROLES] }, minItems: 1, uniqueItems: true },
    groups: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, uniqueItems: true },
    label: { type: 'string', maxLength: 200 },
  },
  required: ['id'],
  additionalProperties: false,
};

/** Administration: users and their API tokens. */
export function adminRoutes(api: ApiRouter, { tokens }: AppContext): void {
  api.add(
    {
      method: 'post',
      path: '/admin/tokens',
      operationId: 'issueAdminToken',
      summary: 'Create (or update) a user and issue a new API token for them; the token is shown only in this response',
      summaryZh: '创建或更新用户并签发访问令牌（令牌仅在本次响应中显示）',
      tag: 'Administration',
      roles: ['admin'],
      body: UserBody,
      status: 201,
      response: { type: 'object', properties: { token: { type: 'string' }, user: { type: 'object' } } },
    },
    async (req, res) => {
      const body = req.body as { id: string; name?: string; department?: string; roles?: string[]; groups?: string[]; label?: string };
      const existing = await tokens.getUser(body.id);
      if (!existing && (!body.department || !body.roles)) {
        throw new Problem(400, 'A new user needs a department and roles', '新用户需要指定部门和角色', {
          errors: [
            ...(body.department ? [] : [{ pointer: '/body/department', message: 'required for a new user', messageZh: '新用户必填' }]),
            ...(body.roles ? [] : [{ pointer: '/body/roles', message: 'required for a new user', messageZh: '新用户必填' }]),
          ],
        });
      }
      const user = {
        id: body.id,
        name: body.name ?? existing?.name ?? body.id,
        department: body.department ?? existing!.department,
        roles: body.roles ?? existing!.roles,
        groups: body.groups ?? existing?.groups ?? [],
      };
      await tokens.upsertUser(user);
      res.status(201).json({ token: await tokens.createToken(user.id, body.label), user });
    },
  );
}
