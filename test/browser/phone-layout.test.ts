import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../api/server.js';
import { sampleUsers } from '../../api/seed.js';
import { launchBrowser, PersonSession, SCREENSHOT_DIR } from './browser-session.js';
import { startSampleServer } from './sample-server.js';

/**
 * 移动办公 (issue 15): 李明 works the inbox on a phone, a 390 × 844 browser (an iPhone 14's
 * CSS size): signs in, opens the inbox, opens the 受理 task, completes it and opens the case.
 * Nothing may scroll sideways, and the controls he taps are on screen and big enough for a finger.
 */
const WIDTH = 390;
const HEIGHT = 844;
const BUSINESS_KEY = 'SCJG-2026-000390';
const permitXml = fs.readFileSync(path.resolve('examples', 'administrative-permit.bpmn'), 'utf8');

let server: RunningServer;
let browser: Browser;
let token: string;
let session: PersonSession;

beforeAll(async () => {
  server = await startSampleServer();
  const li = sampleUsers().find((user) => user.id === 'scjgj')!;
  await server.context.tokens.upsertUser(li);
  token = await server.context.tokens.createToken(li.id);
  const post = (url: string, body: unknown) => fetch(`${server.url}/api/v1${url}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  expect((await post('/deployments', { xml: permitXml })).status).toBe(201);
  const started = await post('/process-instances', { processId: 'administrative-permit', businessKey: BUSINESS_KEY, regionCode: '441900121', variables: { applicant: '东莞市虎门某餐饮有限公司', acceptance: '受理', slaProfile: '行政许可' } });
  expect(started.status).toBe(201);
  browser = await launchBrowser();
  session = await PersonSession.open(browser, server.url);
  await session.page.setViewportSize({ width: WIDTH, height: HEIGHT });
}, 600_000);

afterAll(async () => {
  await session?.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

/** The browser's document, as the test's Node types do not know the DOM. */
interface BrowserElement { tagName: string; id: string; className: string; getBoundingClientRect(): { right: number } }
interface BrowserDocument { scrollingElement: { scrollWidth: number }; querySelectorAll(selector: string): Iterable<BrowserElement> }

/** Nothing wider than the phone: the page never scrolls sideways (and if it does, say which elements stick out). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => (globalThis as unknown as { document: BrowserDocument }).document.scrollingElement.scrollWidth);
  const culprits = width > WIDTH
    ? await page.evaluate((limit) => [...(globalThis as unknown as { document: BrowserDocument }).document.querySelectorAll('body *')].filter((element) => element.getBoundingClientRect().right > limit + 1).slice(0, 5).map((element) => `${element.tagName}#${element.id}.${element.className}`), WIDTH)
    : [];
  expect({ width, culprits }).toEqual({ width: expect.any(Number), culprits: [] });
  expect(width).toBeLessThanOrEqual(WIDTH);
}

/** A control a finger can hit: shown, inside the screen's width, at least 40 px tall and 40 px wide. */
async function expectTappable(page: Page, selector: string): Promise<void> {
  const control = page.locator(selector).first();
  await control.scrollIntoViewIfNeeded();
  await expect(control.isVisible()).resolves.toBe(true);
  const box = (await control.boundingBox())!;
  expect({ selector, left: box.x >= 0, right: box.x + box.width <= WIDTH, tall: box.height >= 40, wide: box.width >= 40 }).toEqual({ selector, left: true, right: true, tall: true, wide: true });
}

/** A full-page picture as well: the clerk scrolls down a phone page. */
async function shoot(name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await session.page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

describe('移动办公: the inbox and the case page on a 390 px phone', () => {
  test('李明 signs in, opens the inbox, completes 受理 and opens the case, never scrolling sideways', async () => {
    const { page } = session;
    await page.goto('/#/sign-in');
    await expectNoSidewaysScroll(page);
    await expectTappable(page, '#sign-in-button');
    await session.signIn(token);

    await page.goto('/#/inbox');
    const row = page.locator('#task-list tr[data-task-id]').first();
    await row.waitFor();
    await expectNoSidewaysScroll(page);
    await expectTappable(page, '#task-list tr[data-task-id]');
    await expectTappable(page, '#refresh-tasks');
    await expect(row.innerText()).resolves.toContain(BUSINESS_KEY);
    await shoot('phone-inbox');

    await row.click();
    await page.waitForSelector('#task-detail h2:has-text("受理")');
    await expectNoSidewaysScroll(page);
    await expectTappable(page, '#claim-task');
    await page.click('#claim-task');
    await page.waitForSelector('#unclaim-task');
    await expectTappable(page, '#task-opinion');
    await page.fill('#task-opinion', '材料齐全，符合法定形式，予以受理。');
    await expectTappable(page, '#complete-task');
    await expectNoSidewaysScroll(page);
    await shoot('phone-task');
    const [response] = await Promise.all([page.waitForResponse((entry) => entry.request().method() === 'POST' && entry.url().endsWith('/complete')), page.click('#complete-task')]);
    expect(response.status()).toBe(200);
    await page.waitForSelector('#task-banner.success');
    await expectNoSidewaysScroll(page);

    await page.locator('#task-detail a', { hasText: '查看案件' }).or(page.locator('#task-detail a[href^="#/monitor/"]')).first().click();
    await page.waitForSelector('#case-detail');
    await page.waitForSelector('#case-diagram svg');
    await expectNoSidewaysScroll(page);
    await expect(page.locator('#case-detail').innerText()).resolves.toContain(BUSINESS_KEY);
    await shoot('phone-case');
    expect(session.failures).toEqual([]);
  });
});
