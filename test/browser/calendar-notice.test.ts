import type { Browser } from 'playwright-core';
import { pino } from 'pino';
import { startServer, type RunningServer } from '../../api/server.js';
import type { Actor } from '../../engine/index.js';
import { FakeClock } from '../support/context.js';
import { freshDatabase, type TestDatabaseTarget } from '../support/database.js';
import { launchBrowser, PersonSession } from './browser-session.js';
import { statutoryPermit } from '../integration/durable/models.js';

/**
 * Mid-December 2026, before the 2027 holiday schedule is loaded: a permit's 20 working days end in 2027, so its case
 * clock has no deadline yet. The 政数局 supervisor is told under the header, in staff words (no API path); a 窗口
 * clerk is not (their case page says it on the clock itself).
 */
const permitXml = statutoryPermit('notice-permit', { name: '食品经营许可' });

let target: TestDatabaseTarget;
let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  target = await freshDatabase('migrated');
  const clock = new FakeClock(new Date('2026-12-15T10:00:00+08:00'));
  server = await startServer({ port: 0, databaseUrl: target.databaseUrl, clock, workers: false, log: pino({ level: 'silent' }) });
  const { tokens: store, engine } = server.context;
  await engine.staff.registerDepartments([{ code: 'ZSJ', name: '东莞市政务服务和数据管理局' }, { code: 'SCJGJ', name: '东莞市市场监督管理局' }]);
  await store.upsertUser({ id: 'chen.du', name: '陈督', department: 'ZSJ', roles: ['supervisor'], groups: [] });
  await store.upsertUser({ id: 'li.ming', name: '李明', department: 'SCJGJ', roles: ['staff', 'designer'], groups: [] });
  tokens.supervisor = await store.createToken('chen.du');
  tokens.clerk = await store.createToken('li.ming');
  const clerk: Actor = { userId: 'li.ming', department: 'SCJGJ', roles: ['staff', 'designer'] };
  await engine.deploy({ xml: permitXml, actor: clerk });
  await engine.startInstance({ processId: 'notice-permit', actor: clerk });
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await target?.drop();
});

describe('next year’s holiday schedule, under the header', () => {
  test('the supervisor reads that 2027 is not loaded and one limit waits for it, in Chinese and without an API path', async () => {
    const session = await PersonSession.open(browser, server.url);
    try {
      await session.signIn(tokens.supervisor);
      const { page } = session;
      await page.goto('/#/monitor');
      const notice = page.locator('.calendar-notice');
      await notice.waitFor({ state: 'visible' });
      const text = await notice.innerText();
      expect(text).toBe('2027 年国务院办公厅节假日安排尚未加载：已有 1 个办理时限因截止日落在 2027 年而暂无截止时间。请系统管理员在国务院公布后加载，加载后自动重算截止时间。');
      expect(text).not.toMatch(/api|POST|\/v1/i);
      // The case's own deadline says the same, not 正常: it has none yet.
      const deadline = page.locator('#case-list .deadline-cell [data-deadline]').first();
      await deadline.waitFor();
      await expect(deadline.innerText()).resolves.toBe('待节假日安排公布后计算');
      await expect(deadline.getAttribute('data-deadline')).resolves.toBe('undated');
      await session.screenshot('calendar-notice-supervisor');
    } finally {
      await session.close();
    }
  });

  test('a clerk is not shown it', async () => {
    const session = await PersonSession.open(browser, server.url);
    try {
      await session.signIn(tokens.clerk);
      const { page } = session;
      await page.goto('/#/inbox');
      await page.waitForSelector('.app-nav a[data-page="inbox"].active');
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.calendar-notice').isHidden()).resolves.toBe(true);
    } finally {
      await session.close();
    }
  });
});
