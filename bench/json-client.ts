/**
 * A lean JSON client for load benchmarks: node:http on kept-alive connections, no Accept-Encoding (as curl and most
 * integrators' clients send). `fetch` (undici) cost this 2-core machine about 0.8 of a core at 400 completed
 * instances/s over HTTP, CPU the server and PostgreSQL then did not have: the figure was the load generator's.
 */
import http from 'node:http';

export type JsonCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** Calls `${baseUrl}/api/v1${path}` with the token; a non-2xx answer rejects with its body. */
export function jsonClient(baseUrl: string, token: string, connections: number): { call: JsonCall; close(): void } {
  const target = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const call: JsonCall = (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const request = http.request(
        {
          agent, host: target.hostname, port: target.port, path: `/api/v1${path}`, method,
          headers: { authorization: `Bearer ${token}`, ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (response.statusCode! < 200 || response.statusCode! >= 300) reject(new Error(`${method} ${path}: ${response.statusCode} ${text}`));
            else resolve((text ? JSON.parse(text) : undefined) as never);
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  return { call, close: () => agent.destroy() };
}
