/**
 * Developer's command: regenerate the client types from the served OpenAPI document.
 *   npm run generate:client                 (serves the API in-process on an empty in-memory database)
 *   npm run generate:client -- --url http://localhost:3000/api/v1/openapi.json
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { fromProjectRoot } from '../engine/index.js';
import { createApp } from '../api/app.js';
import { createContext } from '../api/server.js';
import { CLIENT_SCHEMA_PATH, clientSource } from './client-source.js';

const USAGE = 'Usage: npm run generate:client [-- --url URL-of-openapi.json]\nWrites ' + CLIENT_SCHEMA_PATH + '. 由 OpenAPI 文档生成客户端类型。';

async function servedDocument(url: string | undefined): Promise<Record<string, unknown>> {
  if (url) return fetchJson(url);
  const context = await createContext({ log: pino({ level: 'warn' }) });
  const server = createApp(context).listen(0, '127.0.0.1');
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    return await fetchJson(`http://127.0.0.1:${port}/api/v1/openapi.json`);
  } finally {
    server.close();
    await context.db.close();
  }
}

async function fetchJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return console.log(USAGE);
  const source = await clientSource(await servedDocument(values.url));
  const target = fromProjectRoot(CLIENT_SCHEMA_PATH);
  fs.mkdirSync(fromProjectRoot('api', 'client'), { recursive: true });
  fs.writeFileSync(target, source);
  console.log(`Wrote ${CLIENT_SCHEMA_PATH} (${source.length} characters)`);
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
