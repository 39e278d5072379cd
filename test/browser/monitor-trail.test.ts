import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../api/server.js';
import { formatDeadline } from '../../designer/src/sla/deadline-format.js';
import { launchBrowser, PersonSession } from './browser-session.js';

/**
 * 案件监控 as a 窗口 clerk (李明, 市场监管局) and a 政数局 supervisor (王芳) read it, in a Beijing
 * browser: the case list names applicant, matter and department and shows 异常; the case page
 * explains the incident by step name and lets the clerk set the missing 受理 decision and retry;
 * the trail is Chinese, by name, in China time, technical entries folded; deadlines read 12-09 止.
 */
const BROKEN = 'SCJG-2026-000901';
const WAITING = 'SCJG-2026-000902';
// The example permit: its 是否受理？ gateway has no default flow, so a 受理 completed with a
// decision no flow takes stops the case there.
const permitXml = fs.readFileSync(path.resolve('examples', 'administrative-permit.bpmn'), 'utf8');

let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};
const sessions: PersonSession[] = [];
let brokenId: string;

async function call(user: string, url: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}/api/v1${url}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: `Bearer ${tokens[user]}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function beijingSession(user: string): Promise<PersonSession> {
  const session = await PersonSession.open(browser, server.url, { timezoneId: 'Asia/Shanghai' });
  sessions.push(session);
  await session.signIn(tokens[user]);
  return session;
}

beforeAll(async () => {
  expect(permitXml).not.toContain('default="Flow_Rejected"');
  server = await startServer({ port: 0, log: pino({ level: 'silent' }) });
  await server.context.engine.staff.registerDepartments([{ code: 'SCJGJ', name: '东莞市市场监督管理局' }, { code: 'ZSJ', name: '东莞市政务服务数据管理局' }]);
  const people = [
    { id: 'designer', name: '设计员', department: 'SCJGJ', roles: ['designer'], groups: [] },
    { id: 'li.ming', name: '李明', department: 'SCJGJ', roles: ['staff'], groups: ['受理窗口', '审查科室'] },
    { id: 'wang.fang', name: '王芳', department: 'ZSJ', roles: ['supervisor'], groups: [] },
  ];
  for (const person of people) {
    await server.context.tokens.upsertUser(person);
    tokens[person.id] = await server.context.tokens.createToken(person.id);
  }
  expect((await call('designer', '/deployments', { xml: permitXml })).status).toBe(201);
  const broken = await call('designer', '/process-instances', { processId: 'administrative-permit', businessKey: BROKEN, variables: { applicant: '东莞市虎门某餐饮有限公司' } });
  expect(broken.status).toBe(201);
  brokenId = ((await broken.json()) as { id: string }).id;
  expect((await call('designer', '/process-instances', { processId: 'administrative-permit', businessKey: WAITING, variables: { applicant: '东莞市长安某五金店' } })).status).toBe(201);
  // 李明 completes 受理 of the first case with a decision the gateway has no way for (待定, from an older
  // form): the case stops at 是否受理？. A decision left out is refused before completion (gateway-inputs).
  const tasks = (await (await call('li.ming', `/user-tasks?processInstanceId=${brokenId}`)).json()) as { items: { id: string }[] };
  expect((await call('li.ming', `/user-tasks/${tasks.items[0].id}/claim`, { assignee: 'li.ming' })).status).toBe(200);
  expect((await call('li.ming', `/user-tasks/${tasks.items[0].id}/complete`, { variables: { acceptance: '待定' } })).status).toBe(200);
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const session of sessions) await session.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  for (const session of sessions) expect(session.failures).toEqual([]);
});

const RAW = [/Gateway_|Task_|Flow_|Start_|End_/, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, /[{}]/, /li\.ming|wang\.fang/, /SCJGJ|ZSJ\b/, /sla\.clock|sequenceFlow|variables\.set/, /[0-9a-f]{8}-[0-9a-f]{4}-/];

function expectNothingRaw(text: string): void {
  for (const pattern of RAW) expect(text).not.toMatch(pattern);
}

describe('案件监控 in a Beijing browser', () => {
  test('the case list names applicant, matter and department, and shows and filters 异常', async () => {
    const { page, screenshot } = await beijingSession('wang.fang').then((session) => ({ page: session.page, screenshot: (name: string) => session.screenshot(name) }));
    await page.goto('/#/monitor');
    const row = page.locator('#case-list tr[data-instance-id]', { hasText: BROKEN });
    await row.waitFor();
    await expect(row.locator('td.applicant').textContent()).resolves.toBe('东莞市虎门某餐饮有限公司');
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('行政许可（一般程序）');
    expect(rowText).toContain('东莞市市场监督管理局');
    await expect(row.locator('.incident-cell').textContent()).resolves.toBe('1 个异常');
    await expect(page.locator('#case-list tr[data-instance-id]', { hasText: WAITING }).locator('.incident-cell').textContent()).resolves.toBe('');
    // Deadlines as the law counts them: the last day, 止, never the next day's 00:00.
    await page.locator('#case-list tr[data-instance-id] .deadline-day').first().waitFor();
    for (const cell of await page.locator('#case-list .deadline-day').allTextContents()) expect(cell.trim()).toMatch(/^\d{2}-\d{2} 止$/);
    expectNothingRaw((await page.locator('#case-list').textContent()) ?? '');
    await screenshot('monitor-case-list');

    // Processes are chosen by name, not typed as ids.
    await expect(page.locator('#search-process option').allTextContents()).resolves.toEqual(['全部流程', '行政许可（一般程序）']);
    await page.selectOption('#search-process', { label: '行政许可（一般程序）' });
    await page.selectOption('#search-incident', 'true');
    await page.click('#search-cases');
    await page.waitForSelector('#case-list[data-searched*="incident=true"][data-searched*="processId=administrative-permit"]');
    await expect(page.locator('#case-list tr[data-instance-id]').count()).resolves.toBe(1);
    await expect(page.locator('#case-list tr[data-instance-id]').getAttribute('data-instance-id')).resolves.toBe(brokenId);
  });

  test('the clerk reads the incident by step name, sets the missing 受理 decision and retries; the trail reads as Chinese', async () => {
    const session = await beijingSession('li.ming');
    const { page } = session;
    await page.goto(`/#/monitor/${brokenId}`);
    const incident = page.locator('#case-incidents .incident-fix');
    await incident.waitFor();
    const incidentText = (await incident.textContent()) ?? '';
    expect(incidentText).toContain('案件停在“是否受理？”环节');
    expectNothingRaw(incidentText);
    // The data the gateway tests, with the values its flows compare it to.
    const options = await incident.locator('select[data-variable="acceptance"] option').allTextContents();
    expect(options).toEqual(['请选择', '受理', '补正', '不予受理']);
    // Labelled by its Chinese name (the form's label, else the variable dictionary), not the variable name.
    await expect(incident.locator('.variable-label').allTextContents()).resolves.toEqual(['受理意见']);
    await page.waitForSelector('#case-diagram[data-ready="true"]');
    await session.screenshot('monitor-incident');

    // The trail: Chinese names, people by name, China time; engine mechanics folded away.
    const trail = page.locator('#history-timeline');
    const visible = (await trail.locator('li:visible').allTextContents()).join('\n');
    expect(visible).toContain('案件启动');
    expect(visible).toContain('办结任务 受理');
    expect(visible).toContain('李明');
    expect(visible).toContain('发生异常 是否受理？');
    // The cause in Chinese, the step by name.
    expect(visible).toContain('原因：“是否受理？”没有可走的出口顺序流');
    expect(visible).not.toContain('经过连线');
    expect(visible).not.toContain('开始计时');
    expectNothingRaw(visible);
    const started = await call('li.ming', `/process-instances/${brokenId}/history`).then((response) => response.json()) as { items: { type: string; at: string }[] };
    const startedAt = new Date(started.items.find((event) => event.type === 'instance.started')!.at);
    const beijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(startedAt);
    expect(visible).toContain(beijing);
    await page.click('#show-technical');
    await expect(trail.locator('li[data-type="sequenceFlow.taken"]').first().isVisible()).resolves.toBe(true);
    const technical = (await trail.locator('li:visible').allTextContents()).join('\n');
    expect(technical).toContain('经过连线');
    expect(technical).toContain('开始计时');
    // An entry's details are labelled fields, not JSON.
    const claimed = trail.locator('li[data-type="userTask.claimed"]');
    await claimed.locator('summary').click();
    await expect(claimed.locator('dl').textContent()).resolves.toBe('办理人李明');
    expectNothingRaw(technical);
    await session.screenshot('monitor-trail-technical');
    await page.click('#show-technical');

    // Fix: choose 受理 and retry; the case goes on to 审查, the trail says who set the data.
    await incident.locator('select[data-variable="acceptance"]').selectOption('受理');
    const [setResponse] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith('/variables')),
      incident.locator('.fix-incident').click(),
    ]);
    expect(setResponse.status()).toBe(200);
    await page.locator('#history-timeline li[data-type="incident.resolved"]').waitFor({ state: 'attached' });
    await expect(page.locator('#case-incidents').count()).resolves.toBe(0);
    await expect(page.locator('#case-detail').textContent()).resolves.toContain('审查');
    const after = (await page.locator('#history-timeline li:visible').allTextContents()).join('\n');
    expect(after).toContain('异常已处理');
    await page.click('#show-technical');
    const setEntry = page.locator('#history-timeline li[data-type="variables.set"]').last();
    await expect(setEntry.locator('.when').textContent()).resolves.toContain('李明');
    await setEntry.locator('summary').click();
    await expect(setEntry.locator('dl').textContent()).resolves.toBe('数据acceptance：受理');
    await session.screenshot('monitor-incident-fixed');
  });

  test('deadlines read as the law counts them on the case page and in the inbox', async () => {
    const session = await beijingSession('li.ming');
    const { page } = session;
    const waiting = (await (await call('li.ming', `/process-instances?businessKey=${WAITING}`)).json()) as { items: { id: string }[] };
    type Clock = { dueAt: string | null; errorCode: string | null };
    const sla = (await (await call('li.ming', `/process-instances/${waiting.items[0].id}/sla`)).json()) as { case: Clock[]; tasks: Clock[] };
    const clocks = [...sla.case, ...sla.tasks];
    const dueAts = clocks.map((clock) => clock.dueAt).filter((due): due is string => !!due);
    expect(dueAts.length).toBeGreaterThan(0);
    // A limit that ends past the last published holiday calendar (20 working days from December) has no due date
    // yet: the page says why in a clerk's words rather than guess, whatever day the test runs.
    const undated = clocks.filter((clock) => !clock.dueAt);
    for (const clock of undated) expect(clock.errorCode).toBe('CALENDAR_YEAR_NOT_LOADED');
    // Day limits are stored as the next day's 00:00 in Beijing: shown as the day before, 止.
    for (const due of dueAts) expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(due))).toBe('00:00');
    const expected = [...dueAts.map((due) => formatDeadline(due)), ...undated.map(() => '待节假日安排公布后计算')];
    await page.goto(`/#/monitor/${waiting.items[0].id}`);
    await page.waitForSelector('#sla-clocks');
    const shown = await page.locator('#sla-clocks td.deadline-day').allTextContents();
    expect(shown.sort()).toEqual(expected.sort());
    for (const text of shown) expect(text).toMatch(/^(\d{2}-\d{2} 止|待节假日安排公布后计算)$/);
    // The engine's full reason (which year, who loads it) is there on hover.
    for (const title of await page.locator('#sla-clocks [data-undated]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title'))))
      expect(title).toMatch(/\d{4} 年国务院办公厅节假日安排/);
    expectNothingRaw((await page.locator('#case-sla').textContent()) ?? '');
    await session.screenshot('monitor-deadlines');

    await page.goto('/#/inbox');
    const row = page.locator('#task-list tr[data-task-id]', { hasText: WAITING });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(`${WAITING} · 东莞市长安某五金店 · 行政许可（一般程序）`);
    expect(rowText).toMatch(/\d{2}-\d{2} 止/);
    expectNothingRaw(rowText);
    await row.click();
    await page.waitForSelector('#task-due');
    await expect(page.locator('#task-due').textContent()).resolves.toMatch(/^\d{2}-\d{2} 止$/);
    await session.screenshot('inbox-deadlines');
  });
});
