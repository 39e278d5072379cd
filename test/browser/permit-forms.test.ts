import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../api/server.js';
import { launchBrowser, PersonSession } from './browser-session.js';

// The sample permit's 受理 is decided through its form (受理/补正/不予受理), never raw JSON; a
// completion without the choice the gateway needs is refused, and the inbox says so beside the form.

const DEPARTMENT = 'SCJGJ';
const APPLICANT = { applicant: '东莞市虎门某餐饮有限公司', applicantIdNo: '440105199001011234', applicantPhone: '13800138000' };

let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};
const permitXml = fs.readFileSync(path.resolve('examples/administrative-permit.bpmn'), 'utf8');

beforeAll(async () => {
  server = await startServer({ port: 0, log: pino({ level: 'silent' }) });
  for (const person of [
    { id: 'designer1', name: '流程设计员', roles: ['designer', 'integrator'] },
    { id: 'window1', name: '窗口办事员甲', roles: ['staff'] },
  ]) {
    await server.context.tokens.upsertUser({ ...person, department: DEPARTMENT, groups: ['受理窗口'] });
    tokens[person.id] = await server.context.tokens.createToken(person.id);
  }
  // The same permit without its forms: the inbox generates one.
  const plainXml = permitXml
    .replaceAll('"administrative-permit"', '"permit-without-forms"')
    .replace('name="行政许可（一般程序）"', 'name="行政许可（无表单）"')
    .replace(/\n\s*<zeebe:userTaskForm[^]*?<\/zeebe:userTaskForm>/g, '')
    .replace(/\n\s*<zeebe:formDefinition [^>]*\/>/g, '');
  for (const xml of [permitXml, plainXml]) {
    const deployed = await call('/deployments', { xml });
    expect([deployed.status, deployed.status === 201 ? null : await deployed.json()]).toEqual([201, null]);
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function call(route: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/v1${route}`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.designer1}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function startCase(processId: string, businessKey: string): Promise<string> {
  const started = await call('/process-instances', { processId, businessKey, variables: APPLICANT });
  expect(started.status).toBe(201);
  return ((await started.json()) as { id: string }).id;
}

async function openAcceptance(businessKey: string): Promise<PersonSession> {
  const session = await PersonSession.open(browser, server.url);
  await session.signIn(tokens.window1);
  await session.page.goto('/#/inbox');
  await session.page.locator('#task-list tr[data-task-id]').filter({ hasText: businessKey }).click();
  await session.page.click('#claim-task');
  await session.page.waitForSelector('#unclaim-task');
  return session;
}

async function openTaskNames(instanceId: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/v1/user-tasks?processInstanceId=${instanceId}`, { headers: { Authorization: `Bearer ${tokens.window1}` } });
  return ((await response.json()) as { items: Array<{ name: string }> }).items.map((task) => task.name);
}

test('受理 through the sample permit’s form: the choice is required, then the case goes on to 审查', async () => {
  const instanceId = await startCase('administrative-permit', 'SCJG-2026-000201');
  const session = await openAcceptance('SCJG-2026-000201');
  const { page } = session;
  await page.waitForSelector('.fjs-form');
  const form = page.locator('.fjs-form');
  await expect(form.textContent()).resolves.toContain('受理意见');
  await expect(form.textContent()).resolves.toContain('一次性告知补正');
  // The applicant is shown, not editable.
  await expect(page.locator('.fjs-form input[readonly]').first().inputValue()).resolves.toBe(APPLICANT.applicant);
  // Personal data is masked, in the form as everywhere.
  await expect(page.locator('.fjs-form input[readonly]').nth(1).inputValue()).resolves.toBe('4401**********1234');
  await expect(page.locator('.fjs-form input[readonly]').nth(2).inputValue()).resolves.toBe('138****8000');

  await page.click('#complete-task');
  await expect(page.locator('#task-banner.error').textContent()).resolves.toContain('受理意见：此项为必填。');
  // Under the field too, form-js's own message is Chinese, and the form shows no English at all.
  await expect(page.locator('.fjs-form-field-error').first().textContent()).resolves.toBe('此项为必填。');
  expect((await form.innerText()).match(/[A-Za-z]{2,}.*/g)).toBeNull();
  await session.screenshot('20-permit-accept-required');

  await page.getByLabel('受理', { exact: true }).check();
  await page.fill('#task-opinion', '材料齐全，予以受理。');
  await page.click('#complete-task');
  await page.waitForSelector('#task-banner.success');
  expect(await openTaskNames(instanceId)).toEqual(['审查']);
  await session.screenshot('21-permit-accepted');
  expect(session.failures).toEqual([]);
  await session.close();
});

test('without a form: completing without the choice is refused beside the form, which then asks for it with the model’s choices', async () => {
  const instanceId = await startCase('permit-without-forms', 'SCJG-2026-000202');
  const session = await openAcceptance('SCJG-2026-000202');
  const { page } = session;
  await page.waitForSelector('#task-form');
  // Labels are Chinese names, case data is read-only, raw JSON is folded away under 高级.
  await expect(page.locator('#task-form').textContent()).resolves.toContain('申请人');
  await expect(page.locator('#task-form input[name="applicant"]').count()).resolves.toBe(0);
  await expect(page.locator('#task-advanced').getAttribute('open')).resolves.toBeNull();
  await expect(page.locator('#task-extra-variables').isVisible()).resolves.toBe(false);

  session.expectResponse(422, /\/user-tasks\/[^/]+\/complete$/);
  await page.click('#complete-task');
  const message = page.locator('#task-form-message');
  await message.waitFor({ state: 'visible' });
  await expect(message.textContent()).resolves.toBe('未办结：下一步的判断“是否受理？”需要填写“受理意见”，请填写后再提交。');
  const choice = page.locator('#task-form select[name="acceptance"]');
  await expect(choice.locator('option').allTextContents()).resolves.toEqual(['请选择', '受理', '补正', '不予受理']);
  await session.screenshot('22-permit-refused-missing-choice');
  expect(await openTaskNames(instanceId)).toEqual(['受理']);

  // The window clerk checks the ID card: the number is revealed on request, and the trail says so.
  const idNumber = page.locator('#case-variables dd[data-variable="applicantIdNo"]');
  await expect(idNumber.textContent()).resolves.toBe('4401**********1234显示');
  await idNumber.locator('button.reveal-personal').click();
  await idNumber.filter({ hasText: APPLICANT.applicantIdNo }).waitFor();
  await expect(idNumber.textContent()).resolves.toBe(APPLICANT.applicantIdNo);
  await session.screenshot('23-permit-id-revealed');

  await choice.selectOption('补正');
  await page.click('#complete-task');
  await page.waitForSelector('#task-banner.success');
  expect(await openTaskNames(instanceId)).toEqual(['一次性告知补正材料']);
  await expect(page.locator('#history-timeline').textContent()).resolves.toContain('查看个人信息');
  expect(session.failures).toEqual([]);
  await session.close();
});

test('表单设计: a designer creates a form with form-js’s editor and deploys it as a version', async () => {
  const session = await PersonSession.open(browser, server.url);
  await session.signIn(tokens.designer1);
  const { page } = session;
  await page.goto('/#/forms');
  await page.fill('#new-form-id', 'permit-site-check');
  // A new form is not deployed yet: the page asks, gets 404 and starts from a blank form.
  session.expectResponse(404, /\/forms\/permit-site-check$/);
  await page.click('#new-form');
  await page.waitForSelector('#form-editor .fjs-editor-container');
  await expect(page.locator('#form-editor').textContent()).resolves.toContain('办理结论');
  await page.click('#save-form');
  await page.locator('#form-list tr[data-form-id="permit-site-check"]').waitFor();
  await expect(page.locator('#form-title').textContent()).resolves.toBe('permit-site-check · 第 1 版');
  await session.screenshot('24-form-design');
  const deployed = await fetch(`${server.url}/api/v1/forms/permit-site-check`, { headers: { Authorization: `Bearer ${tokens.designer1}` } });
  expect(((await deployed.json()) as { version: number }).version).toBe(1);
  expect(session.failures).toEqual([]);
  await session.close();
});
