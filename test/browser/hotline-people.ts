import type { Browser, Page } from 'playwright-core';
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

/**
 * A photo of the scene as a citizen would send one (a plaza at night, loudspeakers, a caption), drawn by the
 * browser: a 1×1 PNG is a valid picture but shows nothing on a screenshot a clerk should read.
 */
export async function scenePhoto(page: Page, caption: string): Promise<Buffer> {
  const draw = `(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 480; canvas.height = 320;
    const g = canvas.getContext('2d');
    const sky = g.createLinearGradient(0, 0, 0, 220);
    sky.addColorStop(0, '#0b1633'); sky.addColorStop(1, '#33416b');
    g.fillStyle = sky; g.fillRect(0, 0, 480, 220);
    g.fillStyle = '#8a8f98'; g.fillRect(0, 220, 480, 100);
    g.fillStyle = '#c9b27c'; g.fillRect(40, 120, 120, 100); g.fillRect(300, 100, 140, 120);
    g.fillStyle = '#222'; g.fillRect(190, 170, 36, 56); g.fillRect(250, 170, 36, 56);
    g.fillStyle = '#555'; g.beginPath(); g.arc(208, 186, 10, 0, Math.PI * 2); g.arc(268, 186, 10, 0, Math.PI * 2); g.fill();
    g.strokeStyle = '#ffd54a'; g.lineWidth = 3;
    for (const r of [18, 30, 42]) { g.beginPath(); g.arc(238, 190, r + 30, -0.6, 0.6); g.stroke(); }
    g.fillStyle = '#fff'; g.font = '22px sans-serif'; g.fillText(${JSON.stringify(caption)}, 18, 40);
    return canvas.toDataURL('image/png');
  })()`;
  const url = await page.evaluate<string>(draw);
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
}
