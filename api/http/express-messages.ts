import http from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

/**
 * The server's requests and responses, made with the app's express prototypes from the start.
 *
 * Express gives every request and response the app's prototype (`Object.setPrototypeOf(req, app.request)` in
 * `app.handle`). With that call, about 13 KB a request reached the old generation and waited for a full collection,
 * and young collections took up to 13 ms (--trace-gc at a steady 500 requests/s; a trivial express app does the same,
 * a plain node:http server and express's router given node's objects unchanged do not). Setting the prototype an
 * object already has changes nothing, so node:http is given constructors whose prototypes are the app's.
 *
 * The server listens before the app exists (the port is taken first), so the prototypes are set when it is made:
 * until then they are node's own, which the starting handler is written for.
 */
export interface ExpressMessages {
  IncomingMessage: typeof http.IncomingMessage;
  ServerResponse: typeof http.ServerResponse;
  /** From now on the server makes requests and responses with the app's prototypes. */
  use(app: Express): void;
}

export function expressMessages(): ExpressMessages {
  // Functions rather than classes: a class's prototype cannot be replaced, and it must be the app's object itself.
  function AppRequest(this: http.IncomingMessage, socket: Socket) {
    http.IncomingMessage.call(this, socket);
  }
  function AppResponse(this: http.ServerResponse, req: http.IncomingMessage, options?: unknown) {
    (http.ServerResponse as unknown as (this: http.ServerResponse, req: http.IncomingMessage, options?: unknown) => void).call(this, req, options);
  }
  AppRequest.prototype = http.IncomingMessage.prototype;
  AppResponse.prototype = http.ServerResponse.prototype;
  return {
    IncomingMessage: AppRequest as unknown as typeof http.IncomingMessage,
    ServerResponse: AppResponse as unknown as typeof http.ServerResponse,
    use(app) {
      AppRequest.prototype = app.request;
      AppResponse.prototype = app.response;
    },
  };
}
