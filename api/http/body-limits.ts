import type { Request, RequestHandler } from 'express';
import { Problem } from './problem.js';

export const JSON_LIMIT_BYTES = 1024 * 1024;
export const XML_LIMIT_BYTES = 5 * 1024 * 1024;
/** Catalog files (xlsx, csv) are the largest bodies any route takes. */
export const FILE_LIMIT_BYTES = 20 * 1024 * 1024;

export function bodyLimitOf(req: Request): number {
  if (req.is(['application/json', 'application/*+json'])) return JSON_LIMIT_BYTES;
  if (req.is(['application/xml', 'text/xml', 'application/bpmn+xml'])) return XML_LIMIT_BYTES;
  return FILE_LIMIT_BYTES;
}

export function tooLarge(limit: number): Problem {
  const mb = Math.round((limit / 1024 / 1024) * 10) / 10;
  return new Problem(413, 'The request body is too large', '请求体超过大小限制', {
    type: 'https://matterflow.dev/problems/too-large',
    detail: `At most ${mb} MB is accepted here`,
    detailZh: `此处最多接受 ${mb} MB`,
  });
}

/**
 * Refuses a body whose declared length is over the limit before reading any of it (an early
 * 413) and leaves the connection usable: after the answer, Node reads off and drops the rest
 * of the body, so the next request on the connection is answered (closing at once, with
 * unread data, would reset the connection and could lose the answer). The server's
 * requestTimeout bounds how long a client may take to send what is dropped.
 */
export function earlyBodyLimit(): RequestHandler {
  return (req, _res, next) => {
    const declared = Number(req.get('content-length'));
    const limit = bodyLimitOf(req);
    next(Number.isFinite(declared) && declared > limit ? tooLarge(limit) : undefined);
  };
}
