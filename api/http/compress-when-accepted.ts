import compression from 'compression';
import type { RequestHandler } from 'express';

/** A coding the compression middleware can send (or any, `*`), named in Accept-Encoding. */
const COMPRESSING_CODING = /(^|[\s,])(gzip|deflate|br|\*)\s*($|[,;])/i;

/**
 * Compressed answers for clients that take them. A request that accepts no compressing coding (no
 * Accept-Encoding at all: curl, many integrators' HTTP clients, load generators) would be answered as it is
 * anyway, so it skips the middleware's per-request wrapping of the response (issue 12). Its answer carries
 * no `Vary: Accept-Encoding`: a cache may give that uncompressed answer to any client, which every client takes.
 */
export function compressWhenAccepted(): RequestHandler {
  const compress = compression();
  return (req, res, next) => {
    const accepted = req.headers['accept-encoding'];
    if (accepted !== undefined && COMPRESSING_CODING.test(accepted)) return compress(req, res, next);
    next();
  };
}
