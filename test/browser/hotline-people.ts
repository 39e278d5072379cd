import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../api/server.js';
import { sampleUsers } from '../../api/seed.js';
import { launchBrowser, PersonSession } from './browser-session.js';
import { startSampleServer } from './sample-server.js';

/** A 12345 ticket's people on the sample server: 蒋丽 of the centre and 刘洋 of 公安局虎门分局, each signed in as themselves. */
export interface HotlinePeople {
  server: RunningServer;
  browser: Browser;
  tokens: Record<string, string>;
  centre: PersonSession;
  unit: PersonSession;
  /** The API as a sample user; a body that is not JSON reads as null. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read field by field by the tests
  call(user: string, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Starts the sample server with tokens for rx12345, gaj.hm and `others`, and signs the centre and the unit in. */
export async function hotlinePeople(others: string[] = []): Promise<HotlinePeople> {
  const server = await startSampleServer();
  const tokens: Record<string, string> = {};
  for (const user of sampleUsers().filter((entry) => ['rx12345', 'gaj.hm', ...others].includes(entry.id))) {
    await server.context.tokens.upsertUser(user);
    tokens[user.id] = await server.context.tokens.createToken(user.id);
  }
  const browser = await launchBrowser();
  const centre = await PersonSession.open(browser, server.url);
  await centre.signIn(tokens.rx12345);
  const unit = await PersonSession.open(browser, server.url);
  await unit.signIn(tokens['gaj.hm']);
  return {
    server,
    browser,
    tokens,
    centre,
    unit,
    async call(user, method, url, body) {
      const response = await fetch(`${server.url}/api/v1${url}`, { method, headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    async close() {
      for (const session of [centre, unit]) await session.close().catch(() => undefined);
      await browser.close();
      await server.close();
    },
  };
}
