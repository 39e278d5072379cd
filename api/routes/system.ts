import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';

/** Health (for load balancers, no token) and who-am-I. */
export function systemRoutes(api: ApiRouter, { db, engine }: AppContext): void {
  api.add(
    {
      method: 'get',
      path: '/health',
      summary: 'Liveness and database reachability',
      summaryZh: '健康检查',
      tag: 'System',
      roles: 'public',
      response: { type: 'object', properties: { status: { enum: ['ok', 'degraded'] }, database: { type: 'string' } } },
    },
    async (_req, res) => {
      try {
        await db.query('SELECT 1');
        res.json({ status: 'ok', database: db.kind });
      } catch {
        res.status(503).json({ status: 'degraded', database: db.kind });
      }
    },
  );

  api.add(
    {
      method: 'get',
      path: '/me',
      summary: 'The user behind the bearer token',
      summaryZh: '当前用户',
      tag: 'System',
      roles: ['admin', 'designer', 'staff', 'integrator', 'catalog-admin', 'supervisor', 'department-admin'],
      response: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          department: { type: 'string' },
          departmentName: { type: ['string', 'null'] },
          roles: { type: 'array', items: { type: 'string' } },
          groups: { type: 'array', items: { type: 'string' }, description: 'Your posts (岗位)' },
          regionCode: { type: ['string', 'null'], description: 'The region you are scoped to; null = city level' },
          regionName: { type: ['string', 'null'] },
        },
      },
    },
    (req, res) => {
      actorOf(req);
      const user = req.user!;
      const { directory } = engine.staff;
      res.json({
        id: user.id,
        name: user.name,
        department: user.department,
        departmentName: directory.department(user.department)?.name ?? null,
        roles: user.roles,
        groups: user.groups,
        regionCode: user.regionCode ?? null,
        regionName: user.regionCode ? (directory.region(user.regionCode)?.name ?? null) : null,
      });
    },
  );
}
