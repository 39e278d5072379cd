import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../api/server.js';
import { sampleUsers } from '../../api/seed.js';
import { launchBrowser, PersonSession } from './browser-session.js';
import { startSampleServer } from './sample-server.js';

/**
 * 办理操作 in the inbox (issue 11), walked by the sample users of 市场监管局 on the example permit:
 * 李明 (city level) and 黄磊 (虎门分局, scoped to 虎门镇) send a case back (退回), hand a step over
 * (转办) and add a signer (加签), each through its Chinese dialog; 周敏 manages the staff (人员管理).
 * What each person reads is checked: Chinese labels, names not account ids, China time.
 */
const HUMEN = '441900121';
const BUSINESS_KEY = 'SCJG-2026-000777';
const LI_MING = '李明';
const HUANG_LEI = '黄磊';
const permitXml = fs.readFileSync(path.resolve('examples', 'administrative-permit.bpmn'), 'utf8');

let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};
const sessions: PersonSession[] = [];

beforeAll(async () => {
  server = await startSampleServer();
  for (const user of sampleUsers().filter((entry) => entry.department === 'SCJGJ')) {
    await server.context.tokens.upsertUser(user);
    tokens[user.id] = await server.context.tokens.createToken(user.id);
  }
  const deployed = await call('scjgj', '/deployments', { xml: permitXml });
  expect(deployed.status).toBe(201);
  // A 虎门镇 case: the city-level 李明 and the town's 黄磊 both see it.
  const started = await call('scjgj', '/process-instances', { processId: 'administrative-permit', businessKey: BUSINESS_KEY, regionCode: HUMEN, variables: { applicant: '东莞市虎门某餐饮有限公司', acceptance: '受理', slaProfile: '行政许可' } });
  expect(started.status).toBe(201);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const session of sessions) await session.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

async function call(user: string, url: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/v1${url}`, { method: 'POST', headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function openSession(user: string): Promise<PersonSession> {
  const session = await PersonSession.open(browser, server.url);
  sessions.push(session);
  await session.signIn(tokens[user]);
  return session;
}

/** Open a task of the inbox by its step name and wait for its pane. */
async function openTask(page: Page, stepName: string): Promise<void> {
  await page.goto('/#/inbox');
  const row = page.locator('#task-list tr[data-task-id]').filter({ has: page.locator('td:first-child > div:first-child', { hasText: new RegExp(`^${stepName}$`) }) });
  await row.first().waitFor();
  await row.first().click();
  await page.waitForSelector(`#task-detail h2:has-text("${stepName}")`);
}

async function completeWithOpinion(page: Page, opinion: string): Promise<void> {
  if (await page.locator('#claim-task').count()) {
    await page.click('#claim-task');
    await page.waitForSelector('#unclaim-task');
  }
  // 决定 is decided through the permit's form (准予许可/不予许可, required).
  const grant = page.getByLabel('准予许可', { exact: true });
  if (await grant.count()) await grant.check();
  await page.fill('#task-opinion', opinion);
  const [response] = await Promise.all([page.waitForResponse((entry) => entry.request().method() === 'POST' && entry.url().endsWith('/complete')), page.click('#complete-task')]);
  expect(response.status()).toBe(200);
  await successNote(page, '任务已办结');
}

/** Wait for the success message that says this (earlier ones may still be showing). */
async function successNote(page: Page, text: string): Promise<void> {
  await page.locator('.notification-success', { hasText: text }).last().waitFor();
}

/** What a 窗口 clerk must never read: account ids, step ids, UUIDs, JSON, English operation names. */
async function expectReadable(page: Page, selector: string): Promise<void> {
  const text = (await page.locator(selector).innerText()).replace(/\s+/g, ' ');
  expect(text).not.toMatch(/\bscjgj(\.[a-z]+)?\b|Task_[A-Z]|[0-9a-f]{8}-[0-9a-f]{4}-|[{}"]|userTask\.|\b(return|transfer|signers)\b/);
}

function chinaTimeNow(): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date()).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:`;
}

describe('办理操作 in the inbox: 退回, 转办 and 加签 as 市场监管局 staff', () => {
  test('李明 accepts, then sends the review back (退回) to 受理 with a reason; the trail says so by name', async () => {
    const li = await openSession('scjgj');
    const { page } = li;
    await openTask(page, '受理');
    await page.click('#claim-task');
    await page.waitForSelector('#unclaim-task');
    // The common phrases fill the opinion.
    await page.locator('#opinion-phrases button', { hasText: '材料齐全，符合法定形式，予以受理。' }).click();
    await expect(page.locator('#task-opinion').inputValue()).resolves.toBe('材料齐全，符合法定形式，予以受理。');
    await page.click('#complete-task');
    await page.waitForSelector('#task-banner.success');

    await openTask(page, '审查');
    await expect(page.locator('#task-case').textContent()).resolves.toBe(BUSINESS_KEY);
    await expect(page.locator('#operations-bar').innerText()).resolves.toMatch(/操作[\s\S]*退回[\s\S]*转办[\s\S]*改派[\s\S]*加签/);
    await page.click('#op-return');
    const dialog = page.locator('#return-dialog');
    await dialog.waitFor();
    // The step by its name, who did it by name, when in China time.
    await expect(dialog.locator('fieldset').innerText()).resolves.toContain(`受理 · 市场监管局 办事员 ${LI_MING} 办理 · ${chinaTimeNow()}`);
    await expectReadable(page, '#return-dialog');
    await page.click('#return-dialog-submit');
    await expect(dialog.locator('.dialog-error').textContent()).resolves.toBe('请填写理由（至少 2 个字）');
    await page.fill('#return-reason', '营业执照复印件不清晰，请重新核对');
    await page.fill('#return-opinion', '退回受理窗口核对材料。');
    await li.screenshot('ops-01-return-dialog');
    await page.click('#return-dialog-submit');
    await successNote(page, '已退回');
    await dialog.waitFor({ state: 'detached' });

    // 受理 is back with 李明; the review step is gone from the inbox.
    await openTask(page, '受理');
    await page.locator('#task-assignee', { hasText: LI_MING }).waitFor();
    const returned = page.locator('#history-timeline li[data-type="userTask.returned"]');
    await expect(returned.innerText()).resolves.toMatch(new RegExp(`${LI_MING}[\\s\\S]*退回[\\s\\S]*审查[\\s\\S]*理由：营业执照复印件不清晰，请重新核对`));
    await expectReadable(page, '#history-timeline');
    await completeWithOpinion(page, '已核对，材料齐全。');
    expect(li.failures).toEqual([]);
  });

  test('李明 asks for 补正 and registers it; hands the review over (转办) to 黄磊 by name; 黄磊 finds it in his inbox and completes it', async () => {
    const li = sessions[0];
    const { page } = li;
    await openTask(page, '审查');
    // 补正 first: the applicant owes a certificate; the step waits (clock paused) until the window registers it.
    await page.click('#op-supplement');
    await page.fill('#supplement-reason', '缺少从业人员健康证明');
    await page.fill('#supplement-materials', '从业人员健康证明');
    await page.click('#supplement-dialog-submit');
    await successNote(page, '已通知申请人补正');
    await expect(page.locator('#supplement-waiting').innerText()).resolves.toMatch(/等待申请人补正（暂停计时）[\s\S]*缺少从业人员健康证明[\s\S]*从业人员健康证明/);
    expect(await page.locator('#complete-task').count()).toBe(0);
    await page.click('#register-supplement');
    await page.fill('#supplement-note', '申请人已到窗口补交健康证明');
    await page.click('#supplemented-dialog-submit');
    await page.locator('#supplement-waiting').waitFor({ state: 'detached' });
    await page.click('#op-transfer');
    await page.locator('#transfer-dialog').waitFor();
    const choices = await page.locator('#transfer-user option').allInnerTexts();
    expect(choices.some((text) => text.includes(HUANG_LEI) && text.includes('审查科室'))).toBe(true);
    // Names only, and never the person transferring.
    expect(choices.join(' ')).not.toMatch(/scjgj|李明/);
    await expect(page.locator('#transfer-post').isVisible()).resolves.toBe(false);
    await page.selectOption('#transfer-user', 'scjgj.hm');
    await page.fill('#transfer-reason', '涉及虎门镇现场核查，请虎门分局办理');
    await li.screenshot('ops-02-transfer-dialog');
    await page.click('#transfer-dialog-submit');
    await successNote(page, '已转办');
    await page.locator('#transfer-dialog').waitFor({ state: 'detached' });
    await page.locator('#task-assignee', { hasText: HUANG_LEI }).waitFor();
    expect(li.failures).toEqual([]);

    const huang = await openSession('scjgj.hm');
    // 黄磊 is told: 消息 shows one unread, the 转办 from 李明 by name with the reason and a link to the task.
    await huang.page.locator('#unread-count', { hasText: '1' }).waitFor();
    await huang.page.click('.app-nav a[data-page="messages"]');
    const message = huang.page.locator('#message-list tr[data-type="task.transferred"]');
    await message.waitFor();
    await expect(message.innerText()).resolves.toMatch(new RegExp(`转办给我[\\s\\S]*涉及虎门镇现场核查[\\s\\S]*审查[\\s\\S]*${LI_MING}`));
    await expectReadable(huang.page, '#message-list');
    await huang.screenshot('ops-02b-messages');
    await huang.page.locator('#unread-count').waitFor({ state: 'hidden' });
    await openTask(huang.page, '审查');
    await huang.page.locator('#task-assignee', { hasText: `${HUANG_LEI}（本人）` }).waitFor();
    await expect(huang.page.locator('#history-timeline li[data-type="userTask.transferred"]').innerText()).resolves.toContain('转办');
    // An attachment from the site check, listed with who uploaded it.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    await huang.page.setInputFiles('#attachment-file', { name: '现场核查照片.png', mimeType: 'image/png', buffer: png });
    await huang.page.selectOption('#attachment-kind', 'before');
    await huang.page.click('#attachment-upload');
    await expect(huang.page.locator('#attachments-panel tbody tr').innerText()).resolves.toMatch(new RegExp(`现场核查照片\\.png\\s+处置前照片[\\s\\S]*${HUANG_LEI}`));
    // 延期申请: 黄磊 asks; it waits for the 审批负责人 post, and the clock does not move yet.
    await huang.page.click('#extension-request');
    await huang.page.fill('#extension-value', '10');
    await huang.page.fill('#extension-reason', '需组织现场复核');
    await huang.page.click('#extension-dialog-submit');
    await successNote(huang.page, '已提交延期申请');
    const requested = huang.page.locator('#extension-panel tbody tr', { hasText: '需组织现场复核' });
    await requested.waitFor();
    await expect(requested.innerText()).resolves.toMatch(/10 个工作日\s+需组织现场复核[\s\S]*待审批/);
    await completeWithOpinion(huang.page, '现场核查属实，符合条件。');
    expect(huang.failures).toEqual([]);
  });

  test('李明 adds 黄磊 before him (前加签) on 决定; a refused 会签加一人 is explained in Chinese in the dialog', async () => {
    const li = sessions[0];
    const { page } = li;
    await openTask(page, '决定');
    await page.click('#claim-task');
    await page.waitForSelector('#unclaim-task');
    await page.click('#op-signer');
    await page.locator('#signer-dialog').waitFor();
    await page.check('#signer-position-parallel');
    await page.selectOption('#signer-user', 'scjgj.hm');
    await page.fill('#signer-reason', '请虎门分局先行审核现场情况');
    li.expectResponse(422, /\/user-tasks\/[^/]+\/signers$/);
    await page.click('#signer-dialog-submit');
    const error = page.locator('#signer-dialog .dialog-error');
    await error.waitFor();
    await expect(error.innerText()).resolves.toContain('只有会签、或签（多实例）环节可以并行加签');
    await expectReadable(page, '#signer-dialog .dialog-error');
    await li.screenshot('ops-03-signer-refused');
    await page.check('#signer-position-before');
    await page.click('#signer-dialog-submit');
    await successNote(page, '已加签');
    await page.locator('#task-assignee', { hasText: HUANG_LEI }).waitFor();
    // Now it is 黄磊's turn: 李明 may 催办 him (by name) and 抄送 the case to 周敏.
    await page.click('#op-urge');
    await expect(page.locator('#urge-dialog').innerText()).resolves.toContain(`将通知 市场监管局虎门分局 审查员 ${HUANG_LEI}`);
    await page.fill('#urge-message', '申请人来电催问进度');
    await page.click('#urge-dialog-submit');
    await successNote(page, '已催办，通知 1 人');
    await page.click('#op-cc');
    await page.locator('#cc-users label', { hasText: '周敏' }).click();
    await page.fill('#cc-reason', '请人事管理员知悉');
    await page.click('#cc-dialog-submit');
    await successNote(page, '已抄送');
    expect(li.failures).toEqual([]);

    // 李明 holds 审批负责人: he grants the extension 黄磊 asked for.
    await page.locator('#extension-panel .extension-approve').click();
    await page.fill('#extension-approve-reason', '同意延长十个工作日');
    await page.click('#extension-approve-dialog-submit');
    await successNote(page, '已批准延期');
    const granted = page.locator('#extension-panel tbody tr', { hasText: '已批准' });
    await granted.waitFor();
    await expect(granted.innerText()).resolves.toContain('同意延长十个工作日');

    // 黄磊 signs first; the step comes back to 李明, who decides.
    const huang = sessions[1];
    await openTask(huang.page, '决定');
    await huang.page.locator('#task-assignee', { hasText: `${HUANG_LEI}（本人）` }).waitFor();
    await completeWithOpinion(huang.page, '拟同意。');
    expect(huang.failures).toEqual([]);
    await openTask(page, '决定');
    await page.locator('#task-assignee', { hasText: `${LI_MING}（本人）` }).waitFor();
    await completeWithOpinion(page, '同意。');

    // Every opinion, in order, by step and name, in China time.
    await openTask(li.page, '送达');
    const opinions = await li.page.locator('#opinions-panel tbody tr').allInnerTexts();
    expect(opinions.map((row) => row.split('\t').slice(0, 2).join(' ').trim())).toEqual([
      '受理 材料齐全，符合法定形式，予以受理。',
      '审查 退回受理窗口核对材料。',
      '受理 已核对，材料齐全。',
      '审查 现场核查属实，符合条件。',
      '决定 拟同意。',
      '决定 同意。',
    ]);
    expect(opinions.join('\n')).toContain(chinaTimeNow());
    await expectReadable(li.page, '#opinions-panel');
    await expectReadable(li.page, '#history-timeline');
    await expect(li.page.locator('#history-timeline li[data-type="userTask.signerAdded"]').innerText()).resolves.toContain('加签');
    await li.page.locator('#opinions-panel').scrollIntoViewIfNeeded();
    await li.screenshot('ops-04-opinions');
    await li.page.locator('#history-timeline li[data-type="userTask.signerAdded"]').scrollIntoViewIfNeeded();
    await li.screenshot('ops-05-trail');
    expect(li.failures).toEqual([]);
  });

  test('李明 delegates his tasks to 黄磊 while on leave (委托代理), in China time, and ends it', async () => {
    const li = sessions[0];
    const { page } = li;
    await page.goto('/#/inbox');
    await page.click('#open-delegations');
    await page.locator('#delegations-dialog').waitFor();
    await page.selectOption('#delegation-user', 'scjgj.hm');
    await page.fill('#delegation-starts', '2026-12-03 08:30');
    await page.fill('#delegation-ends', '2026-12-05 18:00');
    await page.fill('#delegation-reason', '休假');
    await page.click('#delegations-dialog-submit');
    await successNote(page, '已设置委托代理');
    await page.click('#open-delegations');
    const row = page.locator('#delegation-list tr');
    await row.waitFor();
    // Entered and shown in Beijing time, whatever the browser's zone.
    await expect(row.innerText()).resolves.toMatch(new RegExp(`委托给 市场监管局虎门分局 审查员 ${HUANG_LEI}\\s+2026-12-03 08:30 — 2026-12-05 18:00\\s+休假`));
    await li.screenshot('ops-06-delegation');
    await page.click('.delegation-revoke');
    await successNote(page, '已撤销委托');
    await page.click('#delegations-dialog-cancel');
    expect(li.failures).toEqual([]);
  });

  test('周敏 (部门管理员) manages 市场监管局 staff with posts and towns; 李明 has no 人员管理', async () => {
    expect(await sessions[0].page.locator('.app-nav a[data-page="staff"]').count()).toBe(0);
    // A supervisor of the same department: only the system administrator may grant that role, so only they manage her.
    await server.context.tokens.upsertUser({ id: 'scjgj.du', name: '市场监管局 督查员 杜娟', department: 'SCJGJ', roles: ['supervisor', 'staff'], groups: [] });
    const admin = await openSession('scjgj.admin');
    const { page } = admin;
    await page.click('.app-nav a[data-page="staff"]');
    const huangRow = page.locator('#staff-list tr[data-user-id="scjgj.hm"]');
    await huangRow.waitFor();
    await expect(huangRow.innerText()).resolves.toMatch(/黄磊[\s\S]*审查科室[\s\S]*虎门镇[\s\S]*办事人员[\s\S]*在岗/);
    await expect(huangRow.locator('.staff-edit').count()).resolves.toBe(1);
    const supervisorRow = page.locator('#staff-list tr[data-user-id="scjgj.du"]');
    await expect(supervisorRow.locator('.staff-edit').count()).resolves.toBe(0);
    await expect(supervisorRow.locator('.staff-out-of-reach').innerText()).resolves.toBe('仅系统管理员可管理');
    await page.click('#staff-add');
    // The dialog offers the department's roles; 督办 and 目录管理 are the system administrator's to grant.
    await expect(page.locator('#user-dialog input[id^="user-role-"]').evaluateAll((boxes) => boxes.map((box) => box.getAttribute('value')).sort())).resolves.toEqual(['department-admin', 'designer', 'integrator', 'staff']);
    await page.fill('#user-id', 'scjgj.wang');
    await page.fill('#user-name', '市场监管局 审查员 王静');
    await page.locator('#user-posts label', { hasText: '审查科室' }).click();
    await page.selectOption('#user-region', HUMEN);
    await admin.screenshot('ops-07-staff-add');
    await page.click('#user-dialog-submit');
    await successNote(page, '已新增人员');
    await expect(page.locator('#staff-list tr[data-user-id="scjgj.wang"]').innerText()).resolves.toMatch(/王静[\s\S]*审查科室[\s\S]*虎门镇/);
    await admin.screenshot('ops-08-staff-list');
    expect(admin.failures).toEqual([]);
  });
});
