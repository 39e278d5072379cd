import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../api/server.js';
import { loadSampleCatalog } from '../../catalog/index.js';
import { DemoClock, runHotlineDemo } from '../../scripts/demo/hotline-demo.js';
import { launchBrowser, PersonSession } from './browser-session.js';

/**
 * 民意速办看板: a small month of the 12345 demo feeds the dashboards; a city supervisor reads the rates by
 * category, town and unit and the hot-spot heat table; a 东城 supervisor sees 东城 only. Names, not codes.
 */
const MONTH = '2026-03';
let server: RunningServer;
let browser: Browser;
const sessions: PersonSession[] = [];

beforeAll(async () => {
  const clock = new DemoClock(new Date(`${MONTH}-01T00:00:00+08:00`));
  server = await startServer({ port: 0, clock, workers: false, log: pino({ level: 'silent' }) });
  await loadSampleCatalog(server.context.db, server.context.engine);
  await runHotlineDemo(server.context.db, server.context.engine, clock, { tickets: 60, month: MONTH, seed: 7, concurrency: 1, matterTypes: ['诉求工单'] });
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  for (const session of sessions) await session.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function openAs(user: { id: string; department: string; regionCode?: string; roles: string[] }): Promise<PersonSession> {
  await server.context.tokens.upsertUser({ ...user, name: user.id === 'city' ? '陈督办' : '王督办', groups: [] } as never);
  const session = await PersonSession.open(browser, server.url);
  sessions.push(session);
  await session.signIn(await server.context.tokens.createToken(user.id));
  return session;
}

test('the city supervisor reads the month: rates by category, town and unit, and the hot spots', async () => {
  const city = await openAs({ id: 'city', department: 'ZSJ', roles: ['supervisor'] });
  const page = city.page;
  await page.goto('/#/hotline');
  await page.fill('#hotline-from', `${MONTH}-01`);
  await page.fill('#hotline-to', `${MONTH}-31`);
  await page.click('#hotline-show');
  await page.waitForSelector('#kpi-tickets');
  expect(Number(await page.textContent('#kpi-tickets .value'))).toBeGreaterThan(50);
  expect(await page.textContent('#kpi-on-time .value')).toMatch(/%$/);
  const towns = await page.locator('#rates-town tbody tr td:first-child').allTextContents();
  expect(towns.some((name) => /镇|街道/.test(name))).toBe(true);
  const units = await page.locator('#rates-unit tbody tr td:first-child').allTextContents();
  // Names, not codes (GAJ-441900121).
  expect(units.every((name) => !/^[A-Z]+(-\d+)?$/.test(name))).toBe(true);
  expect(await page.locator('#hot-spots .heat-cell').count()).toBeGreaterThan(0);
  await city.screenshot('hotline-01-city-dashboard');
  await page.locator('#hot-spots').scrollIntoViewIfNeeded();
  await city.screenshot('hotline-02-hot-spots');
  expect(city.failures).toEqual([]);
});

test('a town supervisor sees the town only; an empty period says so', async () => {
  const town = await openAs({ id: 'dc', department: 'ZSJ', regionCode: '441900003', roles: ['supervisor'] });
  const page = town.page;
  await page.goto('/#/hotline');
  expect(await page.locator('#hotline-town').count()).toBe(0);
  await page.fill('#hotline-from', `${MONTH}-01`);
  await page.fill('#hotline-to', `${MONTH}-31`);
  await page.click('#hotline-show');
  await page.waitForSelector('#rates-town, #hotline-empty');
  const towns = await page.locator('#rates-town tbody tr td:first-child').allTextContents();
  expect(towns.every((name) => name === '东城街道')).toBe(true);
  await town.screenshot('hotline-03-town-dashboard');
  await page.fill('#hotline-from', '2025-01-01');
  await page.fill('#hotline-to', '2025-01-31');
  await page.click('#hotline-show');
  await page.waitForSelector('#hotline-empty');
  expect(await page.textContent('#hotline-empty')).toBe('该时段没有工单');
  expect(town.failures).toEqual([]);
});
