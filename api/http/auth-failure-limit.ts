import type { Request, RequestHandler } from 'express';
import { Problem } from './problem.js';

export interface AuthFailureLimitOptions {
  /** Failed authentications (401) a client address may make per window; 0 turns the limit off. */
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}

/** MATTERFLOW_AUTH_FAILURE_LIMIT failures per 5 minutes (default 30). */
export function authFailureLimitFromEnv(env: NodeJS.ProcessEnv = process.env): AuthFailureLimitOptions {
  const configured = Number(env.MATTERFLOW_AUTH_FAILURE_LIMIT);
  return { maxFailures: env.MATTERFLOW_AUTH_FAILURE_LIMIT !== undefined && Number.isInteger(configured) && configured >= 0 ? configured : 30, windowMs: 5 * 60_000 };
}

// Enough for every client of a large office; older windows are dropped first when it fills.
const MAX_TRACKED = 50_000;

/**
 * A rate limit on failed authentication only: a client address that has sent `maxFailures`
 * unknown or revoked tokens within the window gets 429 for any request with a token
 * until the window ends. Only answers of 401 count, after they are sent, so any number of
 * requests with good tokens (load tests, a busy office behind one address) is never limited.
 */
export function authFailureLimit(options: AuthFailureLimitOptions): RequestHandler {
  const now = options.now ?? Date.now;
  const failures = new Map<string, { count: number; resetAt: number }>();
  const keyOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return (req, res, next) => {
    if (options.maxFailures === 0) return next();
    // Only a token that fails counts, and only a request with one is limited: a request without one guesses
    // nothing (a page before sign-in, a probe) and costs nothing here.
    if (req.get('authorization') === undefined) return next();
    // The client's address (which reads the proxy headers) only when some address has failed, or this one just did.
    const entry = failures.size > 0 ? failures.get(keyOf(req)) : undefined;
    const time = now();
    if (entry && entry.resetAt <= time) failures.delete(keyOf(req));
    else if (entry && entry.count >= options.maxFailures) {
      const seconds = Math.ceil((entry.resetAt - time) / 1000);
      res.set('Retry-After', String(seconds));
      return next(
        new Problem(429, `Too many failed authentications from this address; try again in ${seconds} s`, `该地址身份验证失败次数过多，请 ${seconds} 秒后再试`, {
          type: 'https://matterflow.dev/problems/too-many-failed-authentications',
        }),
      );
    }
    res.on('finish', () => {
      if (res.statusCode !== 401) return;
      const key = keyOf(req);
      const at = now();
      const current = failures.get(key);
      if (current && current.resetAt > at) current.count++;
      else {
        if (failures.size >= MAX_TRACKED) failures.delete(failures.keys().next().value!);
        failures.set(key, { count: 1, resetAt: at + options.windowMs });
      }
    });
    next();
  };
}
