import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../engine/index.js';
import type { TokenStore, User } from '../auth/token-store.js';
import { Problem } from './problem.js';

export type Role = 'admin' | 'designer' | 'staff' | 'integrator' | 'catalog-admin' | 'supervisor' | 'department-admin';
export const ROLES: readonly Role[] = ['admin', 'designer', 'staff', 'integrator', 'catalog-admin', 'supervisor', 'department-admin'];

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
  }
}

/** Resolves `Authorization: Bearer <token>` to a user when present; routes decide whether one is needed. */
export function authenticate(tokens: TokenStore): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? await tokens.userForToken(match[1]) : undefined;
    if (!user) return next(new Problem(401, 'The bearer token is missing, unknown or revoked', '访问令牌缺失、无效或已吊销', { type: 'https://matterflow.dev/problems/unauthenticated' }));
    req.user = user;
    next();
  };
}

export function requireRoles(roles: readonly Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) {
      return next(new Problem(401, 'This endpoint needs a bearer token', '此接口需要访问令牌（Authorization: Bearer …）', { type: 'https://matterflow.dev/problems/unauthenticated' }));
    }
    if (req.user.roles.includes('admin') || roles.some((role) => req.user!.roles.includes(role))) return next();
    next(new Problem(403, `This needs one of the roles: ${roles.join(', ')}`, `此操作需要以下角色之一：${roles.join('、')}`, { type: 'https://matterflow.dev/problems/forbidden' }));
  };
}

/** The authenticated caller as the engine sees them. */
export function actorOf(req: Request): Actor {
  const user = req.user;
  if (!user) throw new Problem(401, 'This endpoint needs a bearer token', '此接口需要访问令牌');
  return { userId: user.id, department: user.department, roles: user.roles, groups: user.groups, ...(user.regionPath ? { regionPath: user.regionPath } : {}) };
}
