import http from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import express from 'express';
import { expressMessages } from '../../api/http/express-messages.js';

/**
 * api/http/express-messages.ts: the server makes its requests and responses with the app's prototypes, so express's
 * per-request Object.setPrototypeOf changes nothing; before the app exists they are node's own.
 */
describe('requests and responses made with the app prototypes', () => {
  let server: http.Server;
  let url: string;
  const messages = expressMessages();
  const app = express();
  const arrived: Array<{ request: boolean; response: boolean }> = [];
  let handle: http.RequestListener = (_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"starting"}');
  };

  app.get('/who', (req, res) => {
    res.json({ ip: req.ip !== undefined, path: req.path, accepts: req.accepts('json') });
  });

  beforeAll(async () => {
    server = http.createServer({ IncomingMessage: messages.IncomingMessage, ServerResponse: messages.ServerResponse }, (req, res) => {
      arrived.push({ request: Object.getPrototypeOf(req) === app.request, response: Object.getPrototypeOf(res) === app.response });
      handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('before the app: node prototypes, and the starting handler answers', async () => {
    const response = await fetch(`${url}/who`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'starting' });
    expect(arrived.at(-1)).toEqual({ request: false, response: false });
  });

  test("after: the app's prototypes on arrival, still node's messages, and express's request and response methods work", async () => {
    messages.use(app);
    handle = app;
    const response = await fetch(`${url}/who`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ip: true, path: '/who', accepts: 'json' });
    expect(arrived.at(-1)).toEqual({ request: true, response: true });
    const made = new messages.IncomingMessage(new Socket());
    expect(made).toBeInstanceOf(http.IncomingMessage);
    expect(new messages.ServerResponse(made)).toBeInstanceOf(http.ServerResponse);
  });
});
