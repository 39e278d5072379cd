import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';

/** Health (for load balancers, no token) and who-am-I. */
export function systemRoutes(api: ApiRouter, { db }: AppContext): void {
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
      roles: ['admin', 'designer', 'staff', 'integrator', 'catalog-admin', 'supervisor'],
      response: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, department: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } }, groups: { type: 'array', items: { type: 'string' } } } },
    },
    (req, res) => {
      actorOf(req);
      res.json(req.user);
    },
  );
}
