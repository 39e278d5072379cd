import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../api/server.js';
import { launchBrowser, PersonSession } from './browser-session.js';
import { startSampleServer } from './sample-server.js';

const DEPARTMENT = 'SCJGJ';
const BUSINESS_KEY = 'SCJG-2026-000123';

let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startSampleServer();
  const people = [
    { id: 'designer1', name: '流程设计员', roles: ['designer'] },
    { id: 'integrator1', name: '系统对接', roles: ['integrator'] },
    { id: 'staff1', name: '窗口办事员甲', roles: ['staff'] },
    { id: 'staff2', name: '窗口办事员乙', roles: ['staff'] },
    { id: 'supervisor1', name: '督办员', roles: ['supervisor'] },
  ];
  for (const person of people) {
    await server.context.tokens.upsertUser({ ...person, department: DEPARTMENT, groups: ['受理窗口'] });
    tokens[person.id] = await server.context.tokens.createToken(person.id);
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openSession(token: string): Promise<PersonSession> {
  const session = await PersonSession.open(browser, server.url);
  await session.signIn(token);
  return session;
}

function expectNoFailures(session: PersonSession): void {
  expect(session.failures).toEqual([]);
}

/** Centre of an element on the diagram, in page coordinates. */
async function centreOf(page: Page, elementId: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(`.djs-element.djs-shape[data-element-id="${elementId}"]`).boundingBox();
  if (!box) throw new Error(`${elementId} is not on the canvas`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drag a palette entry onto the canvas and return the id of the new shape. */
async function createFromPalette(page: Page, action: string, x: number, y: number): Promise<string> {
  const before = new Set(await page.locator('.djs-element.djs-shape').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id'))));
  await page.click(`.djs-palette .entry[data-action="${action}"]`);
  await page.mouse.move(x - 20, y - 20);
  await page.mouse.move(x, y, { steps: 5 });
  await page.mouse.click(x, y);
  const after = await page.locator('.djs-element.djs-shape').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id')));
  const created = after.filter((id) => id && !before.has(id) && !id.endsWith('_label'));
  expect(created).toHaveLength(1);
  return created[0]!;
}

/** Connect two shapes with the context pad's connect tool. */
async function connect(page: Page, sourceId: string, targetId: string): Promise<void> {
  const source = await centreOf(page, sourceId);
  // Two quick clicks on one shape would be a double click, which opens the label editor.
  await page.waitForTimeout(600);
  await page.mouse.click(source.x, source.y);
  await page.click('.djs-context-pad .entry[data-action="connect"]');
  const target = await centreOf(page, targetId);
  await page.mouse.move(target.x, target.y, { steps: 5 });
  await page.mouse.click(target.x, target.y);
}

async function select(page: Page, elementId: string): Promise<void> {
  await page.waitForTimeout(600);
  // Inside the shape, low and to the left: away from the label in the middle (a second click
  // there edits it) and from lint markers in the corner.
  const hit = page.locator(`.djs-element.djs-shape[data-element-id="${elementId}"] .djs-hit`);
  const box = await hit.boundingBox();
  if (!box) throw new Error(`${elementId} is not on the canvas`);
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75);
  // The properties panel follows the selection.
  await page.waitForFunction(
    (id) => (globalThis as unknown as { document: { querySelector(selector: string): { value: string } | null } }).document.querySelector('#bio-properties-panel-id')?.value === id,
    elementId,
  );
}

/** Fill a properties-panel text field and let its debounce commit the value. */
async function fillProperty(page: Page, entryId: string, value: string): Promise<void> {
  const input = page.locator(`#bio-properties-panel-${entryId}`);
  if (!(await input.isVisible())) {
    const group = page.locator('.bio-properties-panel-group').filter({ has: page.locator(`[data-entry-id="${entryId}"]`) });
    await group.locator('.bio-properties-panel-group-header').click();
  }
  await input.fill(value);
  await input.press('Tab');
  await page.waitForTimeout(400);
}

/** The test runs under Node's types; the callback runs in the page, where localStorage exists. */
function readLocalStorage(page: Page, key: string): Promise<string> {
  return page.evaluate((name) => (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem(name) ?? '', key);
}

async function waitForNotification(page: Page, kind: 'success' | 'error'): Promise<string> {
  const notification = page.locator(`.notification-${kind}`).last();
  await notification.waitFor();
  return (await notification.textContent()) ?? '';
}

describe('Matterflow in a browser: design, start, work and supervise a case', () => {
  let processId = '';

  test('a designer draws start → user task → end from the palette, binds the department and deploys it', async () => {
    const designer = await openSession(tokens.designer1);
    const { page } = designer;
    await page.goto('/#/modeler');
    await page.waitForSelector('body[data-modeler-ready]');
    // Chinese is the default language: the palette speaks it.
    await expect(page.locator('.djs-palette .entry[data-action="create.task"]').getAttribute('aria-label')).resolves.toBe('创建任务');

    const start = await centreOf(page, 'StartEvent_1');
    const taskId = await createFromPalette(page, 'create.task', start.x + 180, start.y);
    await page.click('.djs-context-pad .entry[data-action="replace"]');
    await page.click('.djs-popup [data-id="replace-with-user-task"]');
    const userTaskId = (await page.locator('.djs-element.djs-shape.selected').getAttribute('data-element-id')) ?? taskId;
    const endId = await createFromPalette(page, 'create.end-event', start.x + 380, start.y);
    await connect(page, 'StartEvent_1', userTaskId);
    await connect(page, userTaskId, endId);
    await page.keyboard.press('Escape');

    await select(page, userTaskId);
    await expect(page.locator('.bio-properties-panel-header-type').textContent()).resolves.toBe('用户任务');
    await fillProperty(page, 'name', '受理审查');
    // Bind the task to a catalog matter by pinyin initials (食品经营许可 → spjyxk).
    await page.fill('#gov-matter-search-input', 'spjyxk');
    await page.click('.gov-matter-results li[data-code="4419A21012000"]');
    await expect(page.locator('#bio-properties-panel-gov-matter-name').inputValue()).resolves.toBe('食品经营许可');
    // The matter's competent department became the handling department.
    await expect(page.locator('#bio-properties-panel-gov-handling-department').inputValue()).resolves.toBe(DEPARTMENT);
    // A step limit of five working days on this task.
    await fillProperty(page, 'gov-sla-statutory', 'P5D');

    // The local draft already holds the task and its department (autosave).
    await page.waitForFunction(
      (texts) => texts.every((text) => ((globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('matterflow.drafts') ?? '').includes(text)),
      [`department=\\"${DEPARTMENT}\\"`, 'code=\\"4419A21012000\\"'],
    );

    await designer.screenshot('01-modeler');

    await page.click('#deploy');
    await page.fill('#deploy-version-tag', 'v1.0');
    await page.click('#confirm-deploy');
    expect(await waitForNotification(page, 'success')).toContain('第 1 版');
    processId = await readLocalStorage(page, 'matterflow.currentDraft');
    expect(processId).toMatch(/^Process_/);
    await designer.screenshot('01-modeler-deployed');

    // Export: the XML download carries the binding.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xml')]);
    const exported = fs.readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain('<gov:matter code="4419A21012000" name="食品经营许可" />');

    // Versions: rename the process (click on empty canvas selects it), compare with deployed v1.
    const canvasBox = (await page.locator('#canvas').boundingBox())!;
    await page.mouse.click(canvasBox.x + canvasBox.width - 80, canvasBox.y + canvasBox.height - 120);
    await page.waitForFunction(
      (id) => (globalThis as unknown as { document: { querySelector(selector: string): { value: string } | null } }).document.querySelector('#bio-properties-panel-id')?.value === id,
      processId,
    );
    await fillProperty(page, 'name', '食品经营许可（修订）');
    await page.click('#versions');
    await page.selectOption('#diff-to', 'draft');
    await page.click('#compare-versions');
    await page.waitForSelector('#diff-result[data-diff-ready]');
    await expect(page.locator('#diff-result .diff-list .diff-changed').textContent()).resolves.toContain('食品经营许可（修订）（流程）：名称');
    await expect(page.locator('#diff-result .diff-list .diff-added').textContent()).resolves.toContain('（0）');
    await designer.screenshot('01-modeler-versions');
    await page.keyboard.press('Escape');
    expectNoFailures(designer);
    await designer.close();
  });

  test('a model the engine cannot run is refused, and the errors show on the elements', async () => {
    const designer = await openSession(tokens.designer1);
    const { page } = designer;
    await page.goto('/#/modeler');
    await page.waitForSelector('body[data-modeler-ready]');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="d1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="Broken_process" name="无法执行" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:complexGateway id="Complex"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:complexGateway>
    <bpmn:endEvent id="End"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Complex" />
    <bpmn:sequenceFlow id="f2" sourceRef="Complex" targetRef="End" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="di1"><bpmndi:BPMNPlane id="p1" bpmnElement="Broken_process">
    <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Complex_di" bpmnElement="Complex"><dc:Bounds x="200" y="93" width="50" height="50" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="End_di" bpmnElement="End"><dc:Bounds x="320" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="250" y="118" /><di:waypoint x="320" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
    await page.locator('.modeler-toolbar input[type=file]').setInputFiles({ name: 'broken.bpmn', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await page.waitForSelector('.djs-element[data-element-id="Complex"]');
    // The linter flags it before deploying.
    await page.waitForSelector('.bjsl-overlay');
    designer.expectResponse(422, /\/api\/v1\/deployments$/);
    await page.click('#deploy');
    await page.click('#confirm-deploy');
    await page.waitForSelector('.deploy-error-overlay[data-element-id="Complex"]');
    await expect(page.locator('.djs-element[data-element-id="Complex"]').getAttribute('class')).resolves.toContain('deploy-error-marker');
    await expect(page.locator('#deploy-problems').textContent()).resolves.toContain('Complex');
    // The unsaved diagram survives in the local draft.
    await expect(readLocalStorage(page, 'matterflow.drafts')).resolves.toContain('Broken_process');
    await designer.screenshot('02-modeler-deploy-errors');
    expectNoFailures(designer);
    await designer.close();
  });

  test('an integrator starts the case over HTTP; staff complete it in the inbox; a late colleague is told', async () => {
    expect(processId).not.toBe('');
    const started = await fetch(`${server.url}/api/v1/process-instances`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.integrator1}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ processId, businessKey: BUSINESS_KEY, variables: { applicant: '广州某某餐饮有限公司', amount: 3 } }),
    });
    expect(started.status).toBe(201);

    const staff = await openSession(tokens.staff1);
    const colleague = await openSession(tokens.staff2);
    await staff.page.goto('/#/inbox');
    const row = staff.page.locator('#task-list tr[data-task-id]').filter({ hasText: '受理审查' });
    // The step limit shows as a deadline badge (正常, five working days left).
    await expect(row.locator('[data-deadline]').getAttribute('data-deadline')).resolves.toBe('normal');
    await row.click();
    await staff.page.waitForSelector('#claim-task');
    // The colleague opens the same task before it is taken.
    await colleague.page.goto(`/#/inbox/${await row.getAttribute('data-task-id')}`);
    await colleague.page.waitForSelector('#complete-task');

    await staff.page.click('#claim-task');
    await staff.page.waitForSelector('#unclaim-task');
    await expect(staff.page.locator('#case-variables').textContent()).resolves.toContain('广州某某餐饮有限公司');
    await staff.page.fill('#task-opinion', '材料齐全，同意受理');
    await staff.screenshot('03-inbox-task');
    await staff.page.click('#complete-task');
    await staff.page.waitForSelector('#task-banner.success');

    colleague.expectResponse(409, /\/complete$/);
    await colleague.page.click('#complete-task');
    await colleague.page.waitForSelector('#task-banner[data-conflict="true"]');
    await expect(colleague.page.locator('#task-banner').textContent()).resolves.toContain('已由他人办理或认领');
    await colleague.screenshot('04-inbox-conflict');
    expectNoFailures(staff);
    expectNoFailures(colleague);
    await staff.close();
    await colleague.close();
  });

  test('a task whose model embeds a form is worked through form-js, with its validation', async () => {
    const xml = fs.readFileSync(path.resolve('test/browser/fixtures/form-task.bpmn'), 'utf8');
    const headers = (token: string, type = 'application/json') => ({ Authorization: `Bearer ${token}`, 'Content-Type': type });
    const deployed = await fetch(`${server.url}/api/v1/deployments`, { method: 'POST', headers: headers(tokens.designer1, 'application/xml'), body: xml });
    expect(deployed.status).toBe(201);
    const started = await fetch(`${server.url}/api/v1/process-instances`, { method: 'POST', headers: headers(tokens.integrator1), body: JSON.stringify({ processId: 'form-demo', businessKey: 'FORM-0001' }) });
    expect(started.status).toBe(201);

    const staff = await openSession(tokens.staff1);
    const { page } = staff;
    await page.goto('/#/inbox');
    await page.locator('#task-list tr[data-task-id]').filter({ hasText: '审查（表单）' }).click();
    await page.waitForSelector('.fjs-form');
    await page.click('#claim-task');
    await page.waitForSelector('#unclaim-task');
    await page.waitForSelector('.fjs-form');
    // The required field is checked by form-js before anything is sent.
    await page.click('#complete-task');
    await expect(page.locator('#task-banner.error').textContent()).resolves.toBe('审查意见：此项为必填。');
    await page.fill('.fjs-form input[type=text]', '材料齐全');
    // form-js debounces text input before it reaches the form's data.
    await page.waitForTimeout(600);
    await page.click('#complete-task');
    await page.waitForSelector('#task-banner.success');
    await expect(page.locator('#case-variables').textContent()).resolves.toContain('材料齐全');
    await staff.screenshot('05-inbox-form-js');
    expectNoFailures(staff);
    await staff.close();
  });

  test('a task that links a form deployed beside the model (formId) shows that form', async () => {
    const xml = fs.readFileSync(path.resolve('test/browser/fixtures/linked-form-task.bpmn'), 'utf8');
    const form = JSON.parse(fs.readFileSync(path.resolve('test/browser/fixtures/site-inspection.form'), 'utf8'));
    const headers = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
    const deployed = await fetch(`${server.url}/api/v1/deployments`, { method: 'POST', headers: headers(tokens.designer1), body: JSON.stringify({ xml, forms: [form] }) });
    expect(deployed.status).toBe(201);
    const started = await fetch(`${server.url}/api/v1/process-instances`, { method: 'POST', headers: headers(tokens.integrator1), body: JSON.stringify({ processId: 'linked-form-demo', businessKey: 'FORM-0002' }) });
    expect(started.status).toBe(201);

    const staff = await openSession(tokens.staff1);
    const { page } = staff;
    await page.goto('/#/inbox');
    await page.locator('#task-list tr[data-task-id]').filter({ hasText: '现场核查（关联表单）' }).click();
    await page.click('#claim-task');
    await page.waitForSelector('#unclaim-task');
    await page.waitForSelector('.fjs-form');
    await expect(page.locator('.fjs-form').textContent()).resolves.toContain('核查结论');
    await page.fill('.fjs-form input[type=text]', '场所符合要求');
    await page.waitForTimeout(600);
    await page.click('#complete-task');
    await page.waitForSelector('#task-banner.success');
    await expect(page.locator('#case-variables').textContent()).resolves.toContain('场所符合要求');
    expectNoFailures(staff);
    await staff.close();
  });

  test('a designer opens a 一件事, sees which department handles each matter, and opens its cross-department flow', async () => {
    const designer = await openSession(tokens.designer1);
    const { page } = designer;
    await page.goto('/#/bundles');
    await page.click('#bundle-list tr[data-bundle-code="4419YJS001"]');
    await page.waitForSelector('#bundle-detail');
    await expect(page.locator('#bundle-detail h2').textContent()).resolves.toContain('开办餐饮店');
    await expect(page.locator('#bundle-components tr[data-matter-code="4419J23003000"] td[data-department]').getAttribute('data-department')).resolves.toBe('CGJ');
    await expect(page.locator('#bundle-components tr[data-matter-code="4419J23003000"]').textContent()).resolves.toContain('城市管理和综合执法局');
    await designer.screenshot('10-bundle');
    await page.click('#open-bundle-flow');
    await page.waitForSelector('body[data-modeler-ready="true"]');
    await page.waitForSelector('.djs-element[data-element-id="Task_Accept"]');
    await expect(page.locator('.djs-container').textContent()).resolves.toContain('办理：食品经营许可');
    await designer.screenshot('11-bundle-flow');
    expectNoFailures(designer);
    await designer.close();

    // At the window (综合窗口), staff accept one application for the bundle and follow it in the monitor.
    const counter = await openSession(tokens.staff1);
    await counter.page.goto('/#/bundles/4419YJS001');
    await counter.page.fill('#bundle-applicant', '东莞某某小馆');
    await counter.page.fill('#bundle-region', '441900003');
    await counter.page.check('#bundle-application input[data-matter-code="4419J23003000"]');
    await counter.screenshot('12-bundle-application');
    await counter.page.click('#submit-bundle-application');
    await counter.page.waitForSelector('#case-diagram[data-ready="true"]');
    await expect(counter.page.locator('#case-diagram .djs-element.path-active').count()).resolves.toBe(1);
    expectNoFailures(counter);
    await counter.close();
  });

  test('a supervisor finds the completed case in the monitor with its path highlighted', async () => {
    const supervisor = await openSession(tokens.supervisor1);
    const { page } = supervisor;
    await page.goto('/#/monitor');
    await page.fill('#search-business-key', BUSINESS_KEY);
    await page.click('#search-cases');
    await page.waitForSelector(`#case-list[data-searched*="${encodeURIComponent(BUSINESS_KEY)}"]`);
    const row = page.locator('#case-list tr[data-instance-id]');
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('[data-status]').getAttribute('data-status')).resolves.toBe('completed');
    await supervisor.screenshot('05-monitor-list');
    await row.click();
    await page.waitForSelector('#case-diagram[data-ready="true"]');
    await expect(page.locator('#case-detail').getAttribute('data-status')).resolves.toBe('completed');
    const highlighted = await page.locator('#case-diagram .djs-element.path-taken').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id')));
    // Start, the user task, the end and both... all three flows taken.
    expect(highlighted.length).toBeGreaterThanOrEqual(5);
    expect(highlighted).toEqual(expect.arrayContaining(['StartEvent_1']));
    await expect(page.locator('#history-timeline li[data-type="userTask.completed"]').count()).resolves.toBe(1);
    await supervisor.screenshot('06-monitor-case');

    // A case can be terminated (终止) from its page, with the reason the trail keeps.
    const second = await fetch(`${server.url}/api/v1/process-instances`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokens.integrator1}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ processId, businessKey: 'SCJG-2026-000124' }),
    });
    const secondId = ((await second.json()) as { id: string }).id;
    await page.goto(`/#/monitor/${secondId}`);
    await page.waitForSelector('#case-diagram[data-ready="true"]');
    await expect(page.locator('#case-diagram .djs-element.path-active').count()).resolves.toBe(1);
    await page.click('#cancel-case');
    await page.fill('#case-cancel-reason', '申请人撤回申请');
    await page.click('#case-cancel-dialog-submit');
    await page.waitForSelector('#case-detail[data-status="canceled"]');

    // The remaining pages render (catalog and metrics show an empty state until they exist).
    await page.goto('/#/catalog');
    await page.fill('#catalog-search', 'spjyxk');
    await page.press('#catalog-search', 'Enter');
    await page.click('#matter-list tr[data-code="4419A21012000"]');
    await page.waitForSelector('#matter-detail');
    await expect(page.locator('#matter-detail h2').textContent()).resolves.toContain('食品经营许可');
    await expect(page.locator('#matter-bundles').textContent()).resolves.toContain('开办餐饮店');
    await supervisor.screenshot('07-catalog-matter');
    await page.goto('/#/catalog');
    await page.waitForSelector('#classification-tree .node');
    await supervisor.screenshot('07-catalog');
    await page.goto('/#/dashboards');
    await page.waitForSelector('#chart-status canvas');
    await supervisor.screenshot('08-dashboards');
    await page.goto('/#/sign-in');
    await page.waitForSelector('#who-am-i');
    await supervisor.screenshot('09-sign-in');

    // English is the second language, and the choice survives a reload.
    await page.selectOption('.language-switch', 'en');
    await page.waitForSelector('.app-nav a[data-page="inbox"]:text-is("My tasks")');
    await page.reload();
    await expect(page.locator('.app-nav a[data-page="modeler"]').textContent()).resolves.toBe('Process design');
    expectNoFailures(supervisor);
    await supervisor.close();
  });
});
