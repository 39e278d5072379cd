import { named } from '../schemas.js';
import type { Request, Response } from 'express';
import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { checkDatabaseAnswers, grantableRoles } from '../../engine/index.js';
import { editsEveryDepartment } from '../../catalog/authority.js';

const Health = named('Health', { type: 'object', properties: { status: { enum: ['ok', 'starting', 'degraded'] }, database: { type: 'string' } } });

/**
 * Health for load balancers and orchestrators (no token): /health and /health/ready answer 200
 * only when start-up has finished and the database answers, else 503 with the reason;
 * /health/live answers as soon as the process serves HTTP, without touching the database.
 */
export function systemRoutes(api: ApiRouter, { db, engine, readiness }: AppContext): void {
  const ready = async (_req: Request, res: Response) => {
    if (!readiness.ready) {
      res.status(503).json({ status: 'starting', database: db.kind });
      return;
    }
    try {
      await checkDatabaseAnswers(db);
      res.json({ status: 'ok', database: db.kind });
    } catch {
      res.status(503).json({ status: 'degraded', database: db.kind });
    }
  };
  api.add({ method: 'get', path: '/health', operationId: 'getHealth', summary: 'Readiness: 200 once start-up has finished and the database answers, else 503', summaryZh: '健康检查（就绪）', tag: 'System', roles: 'public', response: Health }, ready);
  api.add({ method: 'get', path: '/health/ready', operationId: 'getReadiness', summary: 'Readiness (the same answer as /health)', summaryZh: '就绪检查', tag: 'System', roles: 'public', response: Health }, ready);
  api.add(
    { method: 'get', path: '/health/live', operationId: 'getLiveness', summary: 'Liveness: 200 while the process serves HTTP, even during start-up', summaryZh: '存活检查', tag: 'System', roles: 'public', response: { type: 'object', properties: { status: { const: 'alive' } } } },
    (_req, res) => {
      res.json({ status: 'alive' });
    },
  );

  api.add(
    {
      method: 'get',
      path: '/me',
      operationId: 'getMe',
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
          grantableRoles: { type: 'array', items: { type: 'string' }, description: 'Roles you may grant to staff (empty: you do not manage staff). 可授予的角色' },
          catalogAuthority: { type: 'boolean', description: 'Whether you edit every department’s matters and publish catalog batches (MATTERFLOW_CATALOG_AUTHORITY or admin). 是否为目录管理机构' },
        },
      },
    },
    (req, res) => {
      const actor = actorOf(req);
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
        // What the server would allow, so the designer hides only what it would refuse.
        grantableRoles: grantableRoles(actor),
        catalogAuthority: editsEveryDepartment(actor),
      });
    },
  );
}
