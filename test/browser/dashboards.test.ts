import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../api/server.js';
import { sampleUsers } from '../../api/seed.js';
import { launchBrowser, PersonSession } from './browser-session.js';
import { startSampleServer } from './sample-server.js';

/**
 * 数据看板 as the 政数局 supervisor 陈督 reads it (issue 15): before any case, each chart says in
 * Chinese that there is nothing yet and what would fill it; once a case runs, the axes name
 * departments and towns (not codes) and carry their units.
 */
const HUMEN = '441900121';
const permitXml = fs.readFileSync(path.resolve('examples', 'administrative-permit.bpmn'), 'utf8');
const CHARTS = ['chart-status', 'chart-tasks', 'chart-department', 'chart-matter', 'chart-town'];

let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};
let session: PersonSession;

beforeAll(async () => {
  server = await startSampleServer();
  for (const user of sampleUsers().filter((entry) => ['zsj', 'scjgj'].includes(entry.id))) {
    await server.context.tokens.upsertUser(user);
    tokens[user.id] = await server.context.tokens.createToken(user.id);
  }
  browser = await launchBrowser();
  session = await PersonSession.open(browser, server.url);
  await session.signIn(tokens.zsj);
}, 600_000);

afterAll(async () => {
  await session?.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function call(user: string, url: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/v1${url}`, { method: 'POST', headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** ECharts' aria description of a chart: its title, series and category names, as a screen reader hears it. */
const chartText = (page: Page, id: string) => page.locator(`#${id}`).getAttribute('aria-label').then((label) => label ?? '');

describe('数据看板: empty states, then names and units on the axes', () => {
  test('with no case yet, every chart says so in Chinese with a hint instead of blank axes', async () => {
    const { page } = session;
    await page.goto('/#/dashboards');
    await page.waitForSelector('#chart-town .chart-empty');
    for (const id of CHARTS) {
      await expect(page.locator(`#${id} canvas`).count()).resolves.toBe(0);
      await expect(page.locator(`#${id} .chart-empty strong`).innerText()).resolves.toMatch(/^暂无/);
    }
    await expect(page.locator('#chart-status .chart-empty').innerText()).resolves.toContain('受理第一件申请后');
    await expect(page.locator('#chart-tasks .chart-empty').innerText()).resolves.toContain('暂无待办任务');
    await expect(page.locator('#chart-department .chart-empty').innerText()).resolves.toContain('按时办结率按设有法定或承诺时限的案件统计');
    await expect(page.locator('#kpi-active .value').innerText()).resolves.toBe('0');
    await session.screenshot('dashboards-empty');
    expect(session.failures).toEqual([]);
  });

  test('once a 虎门 case runs, the axes read 东莞市市场监督管理局 and 虎门镇, with 件 and % as units', async () => {
    expect((await call('scjgj', '/deployments', { xml: permitXml })).status).toBe(201);
    const started = await call('scjgj', '/process-instances', { processId: 'administrative-permit', businessKey: 'SCJG-2026-000900', regionCode: HUMEN, variables: { applicant: '东莞市虎门某餐饮有限公司', slaProfile: '行政许可', regionCode: HUMEN } });
    expect(started.status).toBe(201);
    const { page } = session;
    // The same address again: reload, so the page reads the figures anew.
    await page.reload();
    await page.waitForSelector('#chart-tasks canvas');
    await expect(page.locator('#kpi-active .value').innerText()).resolves.toBe('1');
    const tasks = await chartText(page, 'chart-tasks');
    expect(tasks).toContain('东莞市市场监督管理局');
    expect(tasks).not.toMatch(/SCJGJ/);
    await page.waitForSelector('#chart-department canvas');
    const byDepartment = await chartText(page, 'chart-department');
    expect(byDepartment).toContain('东莞市市场监督管理局');
    expect(byDepartment).not.toMatch(/SCJGJ/);
    await page.waitForSelector('#chart-town canvas');
    const byTown = await chartText(page, 'chart-town');
    expect(byTown).toContain('虎门镇');
    expect(byTown).not.toContain(HUMEN);
    // The status pie names statuses in Chinese.
    await expect(chartText(page, 'chart-status')).resolves.toContain('办理中');
    await session.screenshot('dashboards-with-a-case');
    expect(session.failures).toEqual([]);
  });
});
