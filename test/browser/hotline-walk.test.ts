import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../api/server.js';
import { sampleUsers } from '../../api/seed.js';
import { launchBrowser, PersonSession } from './browser-session.js';
import { startSampleServer } from './sample-server.js';

/**
 * 一张工单跟到底 (issue 14): one 12345 noise ticket in 虎门 walked by the sample users of the right units,
 * each signed in as themselves: 蒋丽 of the 12345 centre takes it in and dispatches it (分拨) to
 * 公安局虎门分局, where 刘洋 signs for it (签收), handles it with before/after photos and replies (反馈);
 * 蒋丽 visits the citizen (回访); 不满意 reopens it (重办), 刘洋 handles it again, and the second visit is 满意.
 */
const NOISE = '4419R050201000';
// The centre numbers its tickets; intake without a number leaves the ticket as 无案件编号 in every inbox.
const TICKET_NUMBER = '12345-20261202-0001';
const JIANG_LI = '蒋丽';
const LIU_YANG = '刘洋';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};
let centre: PersonSession;
let unit: PersonSession;
let ticketId = '';
let businessKey = '';

beforeAll(async () => {
  server = await startSampleServer();
  for (const user of sampleUsers().filter((entry) => entry.id === 'rx12345' || entry.id === 'gaj.hm')) {
    await server.context.tokens.upsertUser(user);
    tokens[user.id] = await server.context.tokens.createToken(user.id);
  }
  browser = await launchBrowser();
  centre = await PersonSession.open(browser, server.url);
  await centre.signIn(tokens.rx12345);
  unit = await PersonSession.open(browser, server.url);
  await unit.signIn(tokens['gaj.hm']);
});

afterAll(async () => {
  for (const session of [centre, unit]) await session?.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, read field by field below
async function call(user: string, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.url}/api/v1${url}`, { method, headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, body: await response.json() };
}

/** Open the ticket's task of this step in the inbox and wait for its pane. */
async function openTask(page: Page, stepName: string): Promise<void> {
  await page.goto('/#/inbox');
  // The same hash does not reload the page: ask for the list again, as the clerk presses 刷新.
  await Promise.all([page.waitForResponse((entry) => /\/api\/v1\/user-tasks\?/.test(entry.url()) && entry.request().method() === 'GET'), page.click('#refresh-tasks')]);
  const row = page.locator('#task-list tr[data-task-id]', { hasText: businessKey }).filter({ has: page.locator('td:first-child > div:first-child', { hasText: new RegExp(`^${stepName}$`) }) });
  await row.first().waitFor();
  await row.first().click();
  await page.waitForSelector(`#task-detail h2:has-text("${stepName}")`);
}

async function successNote(page: Page, text: string): Promise<void> {
  await page.locator('.notification-success', { hasText: text }).last().waitFor();
}

async function claim(page: Page): Promise<void> {
  await page.click('#claim-task');
  await page.waitForSelector('#unclaim-task');
}

async function completeWithOpinion(page: Page, opinion: string): Promise<void> {
  await page.fill('#task-opinion', opinion);
  const [response] = await Promise.all([page.waitForResponse((entry) => entry.request().method() === 'POST' && entry.url().endsWith('/complete')), page.click('#complete-task')]);
  expect(response.status()).toBe(200);
  await successNote(page, '任务已办结');
}

async function upload(page: Page, name: string, kind: 'before' | 'after', label: string): Promise<void> {
  await page.setInputFiles('#attachment-file', { name, mimeType: 'image/png', buffer: PNG });
  await page.selectOption('#attachment-kind', kind);
  await page.click('#attachment-upload');
  await page.locator('#attachments-panel tbody tr', { hasText: name }).waitFor();
  await expect(page.locator('#attachments-panel tbody tr', { hasText: name }).innerText()).resolves.toMatch(new RegExp(`${label}[\\s\\S]*${LIU_YANG}`));
}

/** What a clerk must never read: account ids, step ids, UUIDs, JSON. */
async function expectReadable(page: Page, selector: string): Promise<void> {
  const text = (await page.locator(selector).innerText()).replace(/\s+/g, ' ');
  expect(text).not.toMatch(/\b(rx12345|gaj\.hm)\b|Task_[A-Z]|[0-9a-f]{8}-[0-9a-f]{4}-|[{}"]/);
}

/** 刘洋 signs for the ticket, handles it with a before and an after photo, and replies to the citizen. */
async function handleAndReply(round: string, opinion: string, reply: string): Promise<void> {
  const { page } = unit;
  await openTask(page, '签收处置');
  await claim(page);
  await unit.screenshot(`hotline-walk-${round}a-signed`);
  await upload(page, `现场处置前-${round}.png`, 'before', '处置前照片');
  await upload(page, `现场处置后-${round}.png`, 'after', '处置后照片');
  await page.locator('#attachments-panel').scrollIntoViewIfNeeded();
  await unit.screenshot(`hotline-walk-${round}b-photos`);
  await completeWithOpinion(page, opinion);
  await openTask(page, '答复');
  await claim(page);
  await completeWithOpinion(page, reply);
  await unit.screenshot(`hotline-walk-${round}c-replied`);
  expect(unit.failures).toEqual([]);
}

describe('一张工单跟到底: 受理 → 分拨 → 签收 → 处置 → 反馈 → 回访 → 不满意重办 → 满意', () => {
  test('蒋丽 of the 12345 centre takes the call in and dispatches it by the rules to 公安局虎门分局', async () => {
    // 受理: the designer has no intake screen yet, so the call is taken in through the API as 蒋丽 herself.
    const taken = await call('rx12345', 'POST', '/hotline/tickets', {
      channel: 'phone',
      matterCode: NOISE,
      text: '虎门镇银龙路广场每晚十点后广场舞音响噪声扰民',
      address: '东莞市虎门镇银龙路',
      reporter: { name: '李女士', phone: '13800000000' },
      businessKey: TICKET_NUMBER,
    });
    expect(taken.status).toBe(201);
    ticketId = taken.body.instance.id;
    businessKey = taken.body.instance.businessKey;
    expect(businessKey).toBe(TICKET_NUMBER);

    const { page } = centre;
    await openTask(page, '派单');
    await expectReadable(page, '#task-detail');
    await centre.screenshot('hotline-walk-01-intake');
    await claim(page);
    await page.locator('#task-assignee', { hasText: `${JIANG_LI}（本人）` }).waitFor();
    await page.click('#op-dispatch');
    await successNote(page, '已分拨至 东莞市公安局虎门分局');
    // The pane now shows the step as done: no more 办结 for the centre.
    await page.locator('#complete-task').waitFor({ state: 'detached' });
    const dispatches = await call('rx12345', 'GET', `/process-instances/${ticketId}/dispatches`);
    expect(dispatches.body.items.map((row: { unitName: string }) => row.unitName)).toEqual(['东莞市公安局虎门分局']);
    await centre.screenshot('hotline-walk-02-dispatched');
    expect(centre.failures).toEqual([]);
  });

  test('刘洋 of 公安局虎门分局 signs for it (签收), handles it with photos and replies (反馈)', async () => {
    await handleAndReply('03', '已到现场劝导广场舞队伍调低音量，并约定晚上九点半前结束。', '您反映的广场舞噪声问题已现场处理，活动组织者承诺九点半前结束并调低音量。');
  });

  test('蒋丽 visits the citizen (回访); 不满意 reopens the ticket (重办)', async () => {
    const { page } = centre;
    await openTask(page, '回访评价');
    await claim(page);
    await expectReadable(page, '#task-detail');
    // Before calling back, the centre reads the unit's reply and sees its before/after photos.
    await expect(page.locator('#opinions-panel').innerText()).resolves.toContain('活动组织者承诺九点半前结束');
    await expect(page.locator('#attachments-panel tbody tr').allInnerTexts()).resolves.toEqual([expect.stringMatching(/处置前照片[\s\S]*刘洋/), expect.stringMatching(/处置后照片[\s\S]*刘洋/)]);
    await completeWithOpinion(page, '已电话回访，诉求人表示噪声仍在。');
    await centre.screenshot('hotline-walk-04-visited');
    // 评价: no evaluation screen in the designer yet; 蒋丽 records the citizen's 不满意 through the API.
    const unsatisfied = await call('rx12345', 'POST', `/process-instances/${ticketId}/evaluation`, { result: '不满意', comment: '十点后仍有音响声' });
    expect(unsatisfied.status).toBe(201);
    expect(unsatisfied.body.evaluation).toMatchObject({ remedy: 'reopen', reopenRequested: true });
    ticketId = unsatisfied.body.reopened.id;
    const reopened = (await call('rx12345', 'GET', `/process-instances/${ticketId}`)).body;
    // 重办 is a new case of the same ticket: its number says so.
    expect(reopened).toMatchObject({ businessKey: `${TICKET_NUMBER}-重办`, status: 'active' });
    businessKey = reopened.businessKey;
    expect(centre.failures).toEqual([]);
  });

  test('the reopened ticket is handled again by 刘洋 and the second visit is 满意', async () => {
    const { page } = centre;
    // The reopened ticket starts again at 派单: 蒋丽 dispatches it once more, by the same rule, to the same unit.
    await openTask(page, '派单');
    await claim(page);
    await page.click('#op-dispatch');
    await successNote(page, '已分拨至 东莞市公安局虎门分局');
    await page.locator('#complete-task').waitFor({ state: 'detached' });
    const dispatches = await call('rx12345', 'GET', `/process-instances/${ticketId}/dispatches`);
    expect(dispatches.body.items.map((row: { unitName: string }) => row.unitName)).toEqual(['东莞市公安局虎门分局']);
    await handleAndReply('05', '联合社区再次现场处置，音响已更换为低音量设备。', '已再次处理，组织者已更换低音量音响并承诺按时结束。');
    await openTask(page, '回访评价');
    await claim(page);
    await completeWithOpinion(page, '再次回访，诉求人表示满意。');
    const satisfied = await call('rx12345', 'POST', `/process-instances/${ticketId}/evaluation`, { result: '满意', comment: '问题已解决' });
    expect(satisfied.status).toBe(201);
    expect(satisfied.body).toMatchObject({ evaluation: { result: '满意', remedy: null }, reopened: null });
    await page.goto(`/#/monitor/${ticketId}`);
    await page.locator('#case-detail').waitFor();
    await centre.screenshot('hotline-walk-06-case-trail');
    expect(centre.failures).toEqual([]);
  });
});
