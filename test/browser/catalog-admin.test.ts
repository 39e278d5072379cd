import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../api/server.js';
import { sampleUsers } from '../../api/seed.js';
import { launchBrowser, PersonSession } from './browser-session.js';
import { startSampleServer } from './sample-server.js';

/**
 * 目录调整 in the designer (issue 15): 陈督, the 政数局 catalog administrator, uploads an Excel
 * adjustment batch, reads what it changes by name and field, publishes it, then edits one matter
 * through the form and meets its Chinese messages at the fields. 林芳 at a town window sees
 * neither the batches nor the edit button.
 */
const FOOD = '4419A21012000'; // 食品经营许可 (市场监管局): promised 5 working days, statutory 10

let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};
const sessions: PersonSession[] = [];

beforeAll(async () => {
  server = await startSampleServer();
  for (const user of sampleUsers().filter((entry) => ['zsj', 'hm.window', 'scjgj'].includes(entry.id))) {
    await server.context.tokens.upsertUser(user);
    tokens[user.id] = await server.context.tokens.createToken(user.id);
  }
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  for (const session of sessions) await session.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function openSession(user: string): Promise<PersonSession> {
  const session = await PersonSession.open(browser, server.url);
  sessions.push(session);
  await session.signIn(tokens[user]);
  return session;
}

/** The fixture: 市场监管局's matters as exported (unchanged rows are not imported), 食品经营许可's promised limit cut to 3 working days, and one new matter. */
async function adjustmentWorkbook(): Promise<Buffer> {
  const exported = await fetch(`${server.url}/api/v1/catalog/export/matters?format=xlsx&department=SCJGJ`, { headers: { Authorization: `Bearer ${tokens.zsj}` } });
  expect(exported.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await exported.arrayBuffer());
  const sheet = workbook.worksheets[0];
  const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const column = (header: string) => headers.indexOf(header) + 1;
  let found = 0;
  sheet.eachRow((row) => {
    if (row.getCell(column('事项编码')).text !== FOOD) return;
    row.getCell(column('承诺时限')).value = '3个工作日';
    found++;
  });
  expect(found).toBe(1);
  const added = sheet.addRow([]);
  const cells: Record<string, string> = {
    事项编码: 'T-UI-001',
    事项名称: '小餐饮经营许可（试点）',
    事项类型: '行政许可',
    主管部门: '东莞市市场监督管理局',
    服务对象: '法人；其他组织',
    事项分类: '01/0103/010301/01030101',
    设定依据: '设定依据：《中华人民共和国食品安全法》第三十五条',
    法定时限: '20个工作日',
    承诺时限: '5个工作日',
  };
  for (const [header, value] of Object.entries(cells)) added.getCell(column(header)).value = value;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('目录调整: upload an Excel batch, read its diff, publish; edit a matter', () => {
  test('陈督 uploads an Excel batch, reads the diff by name and field, and publishes it', async () => {
    const chen = await openSession('zsj');
    const { page } = chen;
    await page.goto('/#/catalog');
    await page.click('#open-batches');
    await page.waitForSelector('#batch-upload-card');
    // The sample catalog itself came in as published batches.
    await page.waitForSelector('#batch-list tr[data-batch]');
    const before = Number(/共 (\d+) 条/.exec(await page.locator('#batch-list .list-count').innerText())![1]);
    await page.setInputFiles('#batch-file', { name: '2026年第二批调整.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await adjustmentWorkbook() });
    await page.fill('#batch-name', '2026年第二批事项调整');
    await page.fill('#batch-reason', '压缩食品经营许可承诺时限，新增试点事项');
    await chen.screenshot('catalog-batch-upload');
    await page.click('#batch-upload');
    // Every row is checked against the whole catalog: on a busy machine that takes a while.
    await page.waitForSelector('#batch-diff, #batch-upload-errors:not([hidden])', { timeout: 150_000 });
    const refused = (await page.locator('#batch-upload-errors').isHidden()) ? '' : await page.locator('#batch-upload-errors').innerText();
    expect(refused).toBe('');

    const diff = page.locator('#batch-diff');
    await expect(diff.locator('h4').first().innerText()).resolves.toMatch(/事项\s+新增 1 · 变更 1 · 取消 0/);
    const changed = diff.locator(`tr[data-code="${FOOD}"]`);
    await expect(changed.first().innerText()).resolves.toMatch(/变更\s+食品经营许可[\s\S]*承诺办结时限\s+5 个工作日\s+3 个工作日/);
    await expect(diff.locator('tr[data-code="T-UI-001"]').innerText()).resolves.toMatch(/新增\s+小餐饮经营许可（试点）/);
    // Names and Chinese field labels, no JSON.
    await expect(diff.innerText()).resolves.not.toMatch(/[{}"]|promisedTimeLimit|workingDay/);
    await expect(page.locator('#batch-detail').innerText()).resolves.toMatch(/草稿[\s\S]*东莞市政务服务和数据管理局/);
    await chen.screenshot('catalog-batch-diff');

    await page.click('#publish-batch');
    await page.click('#confirm-publish');
    await page.locator('#batch-detail .badge', { hasText: '已发布' }).waitFor({ timeout: 150_000 });
    await expect(page.locator('#publish-batch').count()).resolves.toBe(0);
    await expect(page.locator('#batch-diff h3').innerText()).resolves.toBe('本批次的变更内容');
    const matter = await fetch(`${server.url}/api/v1/catalog/matters/${FOOD}`, { headers: { Authorization: `Bearer ${tokens.zsj}` } }).then((response) => response.json() as Promise<{ promisedTimeLimit: unknown }>);
    expect(matter.promisedTimeLimit).toMatchObject({ value: 3, unit: 'workingDay', startEvent: '受理' });

    // The list shows it with its total.
    await page.goto('/#/catalog/batches');
    await expect(page.locator('#batch-list tr[data-batch]').first().innerText()).resolves.toMatch(/2026年第二批事项调整\s+已发布/);
    await expect(page.locator('#batch-list .list-count').innerText()).resolves.toMatch(new RegExp(`^共 ${before + 1} 条，已显示 \\d+ 条$`));
    expect(chen.failures).toEqual([]);
  });

  test('陈督 edits 食品经营许可: the form says what is wrong at the field, in Chinese; saving drafts a batch with that one change', async () => {
    const chen = await openSession('zsj');
    const { page } = chen;
    await page.goto(`/#/catalog/${FOOD}`);
    await page.click('#edit-matter');
    const dialog = page.locator('#matter-edit-dialog');
    await dialog.waitFor();
    await expect(page.inputValue('#matter-name')).resolves.toBe('食品经营许可');
    await page.fill('#matter-name', '');
    await page.fill('#matter-promisedTimeLimit', '12');
    await page.click('#matter-edit-dialog-submit');
    await expect(page.locator('#matter-name-error').innerText()).resolves.toBe('请填写事项名称');
    await expect(page.locator('#matter-promisedTimeLimit-error').innerText()).resolves.toBe('承诺时限不能超过法定时限（10 个工作日）');
    await expect(page.locator('#matter-reason-error').innerText()).resolves.toBe('请填写调整原因');
    await expect(dialog.locator('.dialog-error').innerText()).resolves.toBe('请按红字提示修改后再保存');
    await chen.screenshot('catalog-matter-edit-errors');

    await page.fill('#matter-name', '食品经营许可（含小餐饮）');
    await page.fill('#matter-promisedTimeLimit', '4');
    await page.fill('#matter-reason', '事项名称规范');
    await page.click('#matter-edit-dialog-submit');
    await page.waitForSelector('#batch-diff', { timeout: 150_000 });
    const rows = page.locator(`#batch-diff tr[data-code="${FOOD}"]`);
    await expect(rows.first().innerText()).resolves.toMatch(/变更\s+食品经营许可（含小餐饮）/);
    await expect(page.locator('#batch-diff').innerText()).resolves.toMatch(/名称\s+食品经营许可\s+食品经营许可（含小餐饮）/);
    await expect(page.locator('#batch-diff').innerText()).resolves.toMatch(/承诺办结时限\s+3 个工作日\s+4 个工作日/);
    await expect(rows.count()).resolves.toBe(2);
    await chen.screenshot('catalog-matter-edit-batch');
    expect(chen.failures).toEqual([]);
  });

  test('李明 of 市场监管局 drafts a change of its own matter; only 政数局 publishes it', async () => {
    const li = await openSession('scjgj');
    const { page } = li;
    // 李明 designs for 市场监管局: he may draft changes of its matters (only 政数局 publishes).
    await page.goto(`/#/catalog/${FOOD}`);
    await page.click('#edit-matter');
    await page.fill('#matter-visits', '11');
    await page.fill('#matter-reason', '测试');
    await page.click('#matter-edit-dialog-submit');
    await expect(page.locator('#matter-visitsRequired-error').innerText()).resolves.toBe('到现场次数应为 0 至 10 的整数');
    await page.fill('#matter-visits', '1');
    await page.locator('#matter-edit-dialog-submit').click();
    await page.waitForSelector('#batch-diff', { timeout: 150_000 });
    await expect(page.locator('#publish-batch').count()).resolves.toBe(0);
    await expect(page.locator('#discard-batch').count()).resolves.toBe(1);
    expect(li.failures).toEqual([]);
  });

  test('林芳 at the 虎门 window reads the catalog but sees no adjustments and no edit button', async () => {
    const lin = await openSession('hm.window');
    const { page } = lin;
    await page.goto('/#/catalog');
    await page.waitForSelector('#matter-list table');
    await expect(page.locator('#open-batches').count()).resolves.toBe(0);
    await page.goto(`/#/catalog/${FOOD}`);
    await page.waitForSelector('#matter-detail');
    await expect(page.locator('#edit-matter').count()).resolves.toBe(0);
    expect(lin.failures).toEqual([]);
  });
});
