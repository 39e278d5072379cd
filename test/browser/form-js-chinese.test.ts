import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../api/server.js';
import { launchBrowser, PersonSession } from './browser-session.js';

// form-js ships English only: its validation messages under a field, its viewer chrome, the form
// editor's palette and properties panel. Staff and designers see them in Chinese, and no English.

const DEPARTMENT = 'SCJGJ';

/** Every kind of check form-js makes, on the permit's 受理 task instead of its own form. */
const CHECKS_FORM = {
  id: 'Form_Accept',
  type: 'default',
  schemaVersion: 16,
  components: [
    { type: 'textfield', id: 'Handler', key: 'handler', label: '经办人', validate: { required: true } },
    { type: 'textfield', id: 'IdNo', key: 'idNo', label: '证件号码', validate: { minLength: 18, maxLength: 18 } },
    { type: 'textfield', id: 'Remark', key: 'remark', label: '备注', validate: { maxLength: 4 } },
    { type: 'textfield', id: 'CreditCode', key: 'creditCode', label: '统一社会信用代码', validate: { pattern: '^[0-9A-Z]{18}$' } },
    { type: 'textfield', id: 'Email', key: 'email', label: '电子邮箱', validate: { validationType: 'email' } },
    { type: 'textfield', id: 'Phone', key: 'phone', label: '联系电话', validate: { validationType: 'phone' } },
    { type: 'number', id: 'Copies', key: 'copies', label: '份数', decimalDigits: 0, validate: { min: 1, max: 10 } },
    { type: 'number', id: 'Fee', key: 'fee', label: '收费金额', decimalDigits: 2, increment: '0.5' },
    { type: 'number', id: 'Days', key: 'days', label: '承诺天数', validate: { min: 5 } },
    { type: 'select', id: 'Acceptance', key: 'acceptance', label: '受理意见', validate: { required: true }, values: [{ label: '受理', value: '受理' }, { label: '补正', value: '补正' }] },
    { type: 'select', id: 'Window', key: 'window', label: '窗口', searchable: true, values: [{ label: '一号窗口', value: '1' }] },
    { type: 'checklist', id: 'Materials', key: 'materials', label: '已收材料', validate: { required: true }, values: [{ label: '申请书', value: 'form' }, { label: '营业执照', value: 'licence' }] },
    { type: 'taglist', id: 'Tags', key: 'tags', label: '标签', values: [{ label: '加急', value: 'urgent' }] },
    { type: 'datetime', id: 'AcceptDate', key: 'acceptDate', subtype: 'date', dateLabel: '受理日期', validate: { required: true } },
    { type: 'checkbox', id: 'Confirmed', key: 'confirmed', label: '已核对原件', validate: { required: true } },
  ],
};

let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer({ port: 0, log: pino({ level: 'silent' }) });
  for (const person of [
    { id: 'designer1', name: '流程设计员', roles: ['designer', 'integrator'] },
    { id: 'window1', name: '窗口办事员甲', roles: ['staff'] },
  ]) {
    await server.context.tokens.upsertUser({ ...person, department: DEPARTMENT, groups: ['受理窗口'] });
    tokens[person.id] = await server.context.tokens.createToken(person.id);
  }
  const permitXml = fs.readFileSync(path.resolve('examples/administrative-permit.bpmn'), 'utf8');
  const xml = permitXml
    .replaceAll('"administrative-permit"', '"permit-form-checks"')
    .replace('name="行政许可（一般程序）"', 'name="行政许可（表单校验）"')
    .replace(/(<zeebe:userTaskForm id="Form_Accept">)[^<]*/, (_whole, open: string) => open + JSON.stringify(CHECKS_FORM).replaceAll('&', '&amp;').replaceAll('<', '&lt;'));
  expect((await call('/deployments', { xml })).status).toBe(201);
  expect((await call('/forms', EDITOR_FORM)).status).toBe(201);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function call(route: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}/api/v1${route}`, { method: 'POST', headers: { Authorization: `Bearer ${tokens.designer1}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** The fields' keys: the editor shows them (an expression field's placeholder), they are not English. */
const KEYS = ['expression'];

/**
 * English words shown under `selector`: text, placeholders, tooltips, screen-reader labels. Inputs'
 * values are what the user typed, and so is a FEEL or templating input (CodeMirror, whose
 * screen-reader label is left in English); FEEL, HTML, Markdown, ID, JSON, MIME, UTC and URL are names, not English.
 */
async function englishShown(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((roots, keys) => {
    interface Shown {
      nodeValue: string | null;
      parentElement: { closest(selector: string): unknown; getClientRects(): { length: number } } | null;
    }
    const walkerOf = (root: unknown): { nextNode(): Shown | null } =>
      (globalThis as unknown as { document: { createTreeWalker(root: unknown, show: number): { nextNode(): Shown | null } } }).document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    const found = new Set<string>();
    const names = /^(FEEL|HTML|Markdown|ID|JSON|MIME|UTC|URL|QName|data URI|bpmn\.io|https?)$/;
    const english = (text: string): void => {
      const words = text.match(/[A-Za-z][A-Za-z .,'/&()-]*[A-Za-z.]/g) ?? [];
      for (const word of words) if (word.length > 1 && !names.test(word.trim()) && !keys.includes(word.trim())) found.add(text.trim());
    };
    for (const root of roots) {
      const walker = walkerOf(root);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent && parent.closest('style, script, .cm-editor') === null && parent.getClientRects().length) english(node.nodeValue ?? '');
      }
      for (const element of root.querySelectorAll('[placeholder], [title], [aria-label]')) {
        if (element.closest('.cm-editor')) continue;
        for (const name of ['placeholder', 'title', 'aria-label']) english(element.getAttribute(name) ?? '');
      }
    }
    return [...found];
  }, KEYS);
}

test('form-js’s checks under the fields of a task form are Chinese, and the form shows no English', async () => {
  const started = await call('/process-instances', { processId: 'permit-form-checks', businessKey: 'SCJG-2026-000301', variables: { applicant: '东莞市虎门某餐饮有限公司' } });
  expect(started.status).toBe(201);
  const session = await PersonSession.open(browser, server.url);
  await session.signIn(tokens.window1);
  const { page } = session;
  await page.goto('/#/inbox');
  await page.locator('#task-list tr[data-task-id]').filter({ hasText: 'SCJG-2026-000301' }).click();
  await page.click('#claim-task');
  await page.waitForSelector('#unclaim-task');
  await page.waitForSelector('.fjs-form');
  // Before anything is typed, the chrome (select placeholders, date picker, number arrows) is Chinese.
  await expect(englishShown(page, '.fjs-form')).resolves.toEqual([]);

  await page.getByLabel('证件号码').fill('4401');
  await page.getByLabel('备注').fill('材料已当场核对无误');
  await page.getByLabel('统一社会信用代码').fill('abc');
  await page.getByLabel('电子邮箱').fill('not-an-address');
  await page.getByLabel('联系电话').fill('12345');
  await page.getByLabel('份数').fill('11');
  await page.getByLabel('收费金额').fill('1.2');
  await page.getByLabel('承诺天数').fill('2');
  await page.click('#complete-task');
  await page.locator('#task-banner.error').waitFor();
  const errors = await page.locator('.fjs-form-field-error').allInnerTexts();
  expect(errors).toEqual(expect.arrayContaining([
    '此项为必填。',
    '至少填写 18 个字。',
    '最多填写 4 个字。',
    '格式不正确。',
    '请输入有效的电子邮箱地址。',
    '请输入有效的国际格式电话号码（例如 +8613800138000）。',
    '不能大于 10。',
    '请输入有效的值，最接近的两个有效值是 1 和 1.5。',
    '不能小于 5。',
  ]));
  // Required: 经办人, 受理意见, 已收材料, 受理日期, 已核对原件.
  expect(errors.filter((text) => text === '此项为必填。')).toHaveLength(5);
  await expect(englishShown(page, '.fjs-form')).resolves.toEqual([]);
  // The banner beside the form names each field with form-js's message, in Chinese as well.
  const banner = await page.locator('#task-banner.error').innerText();
  expect(banner).toContain('经办人：此项为必填。');
  expect(banner).toContain('份数：不能大于 10。');
  expect(banner).toContain('受理日期：此项为必填。');
  expect(banner.match(/[A-Za-z]{2,}/g)).toBeNull();
  await page.locator('.fjs-form-field-error').first().evaluate((node) => (node as unknown as { scrollIntoView(options: unknown): void }).scrollIntoView({ block: 'start' }));
  await session.screenshot('form-js-checks-zh');
  await page.getByLabel('份数').scrollIntoViewIfNeeded();
  await session.screenshot('form-js-checks-numbers-zh');

  // The open date picker and the searchable select's list speak Chinese too.
  await page.getByLabel('受理日期').click();
  await page.locator('.flatpickr-calendar.open').waitFor();
  await session.screenshot('form-js-date-picker-zh');
  await expect(englishShown(page, '.flatpickr-calendar.open')).resolves.toEqual([]);
  await page.keyboard.press('Escape');
  expect(session.failures).toEqual([]);
  await session.close();
});

/** A deployed form with every component the palette offers, to open each one's properties. */
const EDITOR_FORM = {
  id: 'form-js-all-components',
  type: 'default',
  schemaVersion: 16,
  components: [
    { type: 'textfield', id: 'F_textfield', key: 'textfield', label: '单行', validate: { required: true, validationType: 'custom', pattern: '^a$' } },
    { type: 'textarea', id: 'F_textarea', key: 'textarea', label: '多行' },
    { type: 'number', id: 'F_number', key: 'number', label: '数字' },
    { type: 'datetime', id: 'F_datetime', key: 'datetime', subtype: 'datetime', dateLabel: '日期', timeLabel: '时间' },
    { type: 'expression', id: 'F_expression', key: 'expression', expression: '=1', computeOn: 'change' },
    { type: 'filepicker', id: 'F_filepicker', key: 'filepicker', label: '附件' },
    { type: 'checkbox', id: 'F_checkbox', key: 'checkbox', label: '勾选' },
    { type: 'checklist', id: 'F_checklist', key: 'checklist', label: '多选', values: [{ label: '甲', value: 'a' }] },
    { type: 'radio', id: 'F_radio', key: 'radio', label: '单选', values: [{ label: '甲', value: 'a' }] },
    { type: 'select', id: 'F_select', key: 'select', label: '下拉', values: [{ label: '甲', value: 'a' }] },
    { type: 'taglist', id: 'F_taglist', key: 'taglist', label: '标签', values: [{ label: '甲', value: 'a' }] },
    { type: 'text', id: 'F_text', text: '说明文字' },
    { type: 'html', id: 'F_html', content: '<p>说明</p>' },
    { type: 'image', id: 'F_image', alt: '图片' },
    { type: 'table', id: 'F_table', label: '表格', dataSource: '=rows', columns: [{ label: '列', key: 'c' }] },
    { type: 'iframe', id: 'F_iframe', label: '网页', url: 'https://www.gd.gov.cn', height: 100 },
    { type: 'documentPreview', id: 'F_documentPreview', label: '文件', dataSource: '=documents' },
    { type: 'separator', id: 'F_separator' },
    { type: 'spacer', id: 'F_spacer', height: 40 },
    { type: 'group', id: 'F_group', label: '分组', components: [] },
    { type: 'dynamiclist', id: 'F_dynamiclist', label: '动态', path: 'list', isRepeating: true, components: [{ type: 'textfield', id: 'F_inner', key: 'inner', label: '内' }] },
    { type: 'button', id: 'F_button', label: '提交', action: 'submit' },
  ],
};

test('表单设计: form-js’s palette and every component’s properties are Chinese', async () => {
  const session = await PersonSession.open(browser, server.url);
  await session.signIn(tokens.designer1);
  const { page } = session;
  await page.goto(`/#/forms/${EDITOR_FORM.id}`);
  await page.waitForSelector('#form-editor .fjs-palette');
  await expect(page.locator('.fjs-palette-group-title').allInnerTexts()).resolves.toEqual(['输入', '选择', '展示', '容器', '操作']);
  await expect(page.locator('.fjs-palette-header').innerText()).resolves.toBe('组件');
  const entries = await page.locator('.fjs-palette-field').allInnerTexts();
  expect(entries).toEqual(expect.arrayContaining(['单行文本', '多行文本', '数字', '日期时间', '复选框', '单选按钮组', '下拉选择', '分组', '按钮']));
  await expect(page.locator('.fjs-palette-search').getAttribute('placeholder')).resolves.toBe('搜索组件');
  // The palette's search finds components by their Chinese names.
  await page.fill('.fjs-palette-search', '文本');
  await expect(page.locator('.fjs-palette-field').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['单行文本', '多行文本']));
  await page.fill('.fjs-palette-search', '');
  await session.screenshot('form-js-editor-palette-zh');

  const shown: Record<string, string[]> = {};
  for (const component of EDITOR_FORM.components) {
    await page.locator(`.fjs-editor-container .fjs-element[data-id="${component.id}"]`).first().click({ position: { x: 4, y: 4 } });
    await page.locator('.fjs-properties-panel .bio-properties-panel-header-type').waitFor();
    // Open every section of the properties panel (a list without items does not open).
    const headers = page.locator('.bio-properties-panel-group-header');
    for (let index = 0, count = await headers.count(); index < count; index++) {
      if (!(await headers.nth(index).getAttribute('class'))?.includes('open')) await headers.nth(index).click();
    }
    const english = await englishShown(page, '#form-editor');
    if (english.length) shown[component.type] = english;
    if (component.type === 'textfield' || component.type === 'select') await session.screenshot(`form-js-editor-properties-${component.type}-zh`);
  }
  expect(shown).toEqual({});
  expect(session.failures).toEqual([]);
  await session.close();
});
