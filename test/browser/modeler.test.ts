import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../api/server.js';
import { launchBrowser, PersonSession } from './browser-session.js';
import { startSampleServer } from './sample-server.js';

/**
 * The modeler as 市场监管局's process designer uses it (issue 15): a generated 一件事 flow opens
 * fitted and tidy, two deployed versions are compared on the diagram in colour, and visiting the
 * page leaves no blank drafts behind.
 */
const DEPARTMENT = 'SCJGJ';
const bundles = (JSON.parse(fs.readFileSync('catalog/sample/bundles.json', 'utf8')) as { bundles: Array<{ code: string; name: string }> }).bundles;

let server: RunningServer;
let browser: Browser;
let token = '';

beforeAll(async () => {
  server = await startSampleServer();
  await server.context.tokens.upsertUser({ id: 'designer1', name: '李明', roles: ['designer'], department: DEPARTMENT, groups: [] });
  token = await server.context.tokens.createToken('designer1');
  browser = await launchBrowser();
  // The build and the sample catalog take minutes on a busy machine.
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openSession(): Promise<PersonSession> {
  const session = await PersonSession.open(browser, server.url);
  await session.signIn(token);
  return session;
}

interface Rect {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every shape and label on the canvas as the screen shows it, the canvas and the palette. */
function screenLayout(page: Page): Promise<{ shapes: Rect[]; canvas: Rect; palette: Rect }> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelector(selector: string): { getBoundingClientRect(): Rect } | null; querySelectorAll(selector: string): Array<{ getAttribute(name: string): string | null; querySelector(selector: string): { getBoundingClientRect(): Rect } | null }> } }).document;
    const rect = (box: Rect, id: string) => ({ id, x: box.x, y: box.y, width: box.width, height: box.height });
    const shapes = [...doc.querySelectorAll('#canvas .djs-element.djs-shape')]
      .map((node) => ({ id: node.getAttribute('data-element-id') ?? '', visual: node.querySelector('.djs-visual') }))
      .filter((entry) => entry.visual)
      .map((entry) => rect(entry.visual!.getBoundingClientRect(), entry.id))
      // An empty label (an unnamed gateway's) draws nothing.
      .filter((box) => box.width > 0 && box.height > 0);
    return { shapes, canvas: rect(doc.querySelector('#canvas')!.getBoundingClientRect(), 'canvas'), palette: rect(doc.querySelector('#canvas .djs-palette')!.getBoundingClientRect(), 'palette') };
  });
}

/** Overlap by more than a stroke: a label bpmn-js puts right under its event touches it, and that is fine. */
function overlaps(a: Rect, b: Rect, stroke = 2): boolean {
  return a.x + stroke < b.x + b.width && b.x + stroke < a.x + a.width && a.y + stroke < b.y + b.height && b.y + stroke < a.y + a.height;
}

function drafts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const stored = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('matterflow.drafts');
    return Object.keys(JSON.parse(stored ?? '{}') as Record<string, unknown>);
  });
}

describe('the modeler', () => {
  test.each(bundles.map((bundle) => [bundle.name, bundle.code]))('the generated 一件事 flow %s opens fitted, clear of the palette, nothing overlapping', async (name, code) => {
    const designer = await openSession();
    const { page } = designer;
    await page.goto(`/#/modeler?bundle=${code}`);
    await page.waitForSelector('body[data-modeler-ready]');
    await page.waitForSelector('#canvas .djs-element[data-element-id="Task_Deliver"]');
    await designer.screenshot(`15-modeler-bundle-${code}`);
    const { shapes, canvas, palette } = await screenLayout(page);
    expect(shapes.length).toBeGreaterThan(6);
    const outside = shapes.filter((shape) => shape.x < canvas.x || shape.y < canvas.y || shape.x + shape.width > canvas.x + canvas.width || shape.y + shape.height > canvas.y + canvas.height);
    expect(outside.map((shape) => shape.id)).toEqual([]);
    expect(shapes.filter((shape) => overlaps(shape, palette)).map((shape) => shape.id)).toEqual([]);
    const clashes: string[] = [];
    shapes.forEach((a, index) => shapes.slice(index + 1).forEach((b) => overlaps(a, b) && clashes.push(`${a.id} × ${b.id}`)));
    expect(clashes).toEqual([]);
    // The generated flow is only shown: no draft until the designer changes it.
    expect(await drafts(page)).toEqual([]);
    expect(designer.failures).toEqual([]);
    await designer.close();
  });

  test('two deployed versions are compared on the diagram: removed red, changed amber, added green, listed by name', async () => {
    // v1 受理 → 审查 → 归档 → 办结; v2 受理 → 告知 → 审查决定 → 办结, and 受理's limit shortened.
    const v1 = chainXml([['Accept', '受理', 'P5D'], ['Review', '审查'], ['Archive', '归档']], ['f1', 'f2', 'f3', 'f4']);
    const v2 = chainXml([['Accept', '受理', 'P3D'], ['Notify', '告知'], ['Review', '审查决定']], ['f1', 'f2', 'f7', 'f3']);
    for (const xml of [v1, v2]) {
      const response = await fetch(`${server.url}/api/v1/deployments`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ xml }) });
      expect(response.status).toBe(201);
    }
    const designer = await openSession();
    const { page } = designer;
    await page.goto('/#/modeler?processId=diff-demo');
    await page.waitForSelector('body[data-modeler-ready]');
    await page.waitForSelector('#canvas .djs-element[data-element-id="Notify"]');
    await page.click('#versions');
    // From v1 (the default) to v2, the latest deployed version (the first after 当前图).
    const latest = await page.locator('#diff-to option').nth(1).getAttribute('value');
    await page.selectOption('#diff-to', latest!);
    await page.click('#compare-versions');
    await page.waitForSelector('#diff-result[data-diff-ready]');
    await designer.screenshot('15-modeler-version-diff');

    const marked = (pane: string, kind: string) => page.locator(`#${pane} .djs-element.diff-${kind}`).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-element-id')).sort());
    await expect(marked('diff-before', 'removed')).resolves.toEqual(['Archive', 'f4']);
    await expect(marked('diff-after', 'added')).resolves.toEqual(['Notify', 'f7']);
    // f2 now ends at 告知, f3 at 办结: flows whose target changed are caught.
    await expect(marked('diff-after', 'changed')).resolves.toEqual(expect.arrayContaining(['Accept', 'Review', 'f2', 'f3']));
    await expect(marked('diff-before', 'changed')).resolves.toEqual(expect.arrayContaining(['Accept', 'Review', 'f2', 'f3']));
    // The colours are on the drawing.
    const stroke = (pane: string, id: string) => page.locator(`#${pane} .djs-element[data-element-id="${id}"] .djs-visual > :first-child`).evaluate((node) => (globalThis as unknown as { getComputedStyle(node: unknown): { stroke: string } }).getComputedStyle(node).stroke);
    await expect(stroke('diff-after', 'Notify')).resolves.toBe('rgb(46, 125, 50)');
    await expect(stroke('diff-before', 'Archive')).resolves.toBe('rgb(198, 40, 40)');
    await expect(stroke('diff-after', 'Review')).resolves.toBe('rgb(224, 138, 0)');

    await expect(page.locator('#diff-result .diff-legend').textContent()).resolves.toBe('新增删除修改');
    const list = (kind: string) => page.locator(`#diff-result .diff-${kind} li`).allTextContents();
    await expect(list('removed')).resolves.toEqual(expect.arrayContaining(['归档（用户任务）', '归档 → 办结（顺序流）']));
    await expect(list('added')).resolves.toEqual(expect.arrayContaining(['告知（用户任务）', '告知 → 审查决定（顺序流）']));
    await expect(list('changed')).resolves.toEqual(expect.arrayContaining(['受理（用户任务）：办理时限', '审查决定（用户任务）：名称、图中位置', '受理 → 告知（顺序流）：终点', '审查决定 → 办结（顺序流）：终点、图中位置']));
    // Names, not ids.
    await expect(page.locator('#diff-result .diff-list').textContent()).resolves.not.toMatch(/Archive|Notify|f\d/);
    expect(designer.failures).toEqual([]);
    await designer.close();
  });

  test('the 政务属性 of a step show its SLA role: 签收处置 of the 12345 template is its first-response step, 处置 of the 城管 template an operating-standard step; the process offers neither', async () => {
    const designer = await openSession();
    const { page } = designer;
    await page.goto('/#/modeler');
    await page.waitForSelector('body[data-modeler-ready]');
    const fromTemplate = async (key: string) => {
      await page.click('#new-diagram');
      await page.selectOption('#new-process-template', key);
      await page.click('#confirm-new');
      await page.waitForSelector('#canvas .djs-element[data-element-id="Task_Handle"]');
    };
    /** Clicks a shape low and to the left (away from its label) and waits for the panel to follow. */
    const select = async (elementId: string) => {
      const box = (await page.locator(`.djs-element.djs-shape[data-element-id="${elementId}"] .djs-hit`).boundingBox())!;
      await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75);
      await page.waitForFunction((id) => (globalThis as unknown as { document: { querySelector(selector: string): { value: string } | null } }).document.querySelector('#bio-properties-panel-id')?.value === id, elementId);
    };
    /** The 政务属性 group, opened: the entries inside a closed group are not shown. */
    const govGroup = async () => {
      const group = page.locator('.bio-properties-panel-group').filter({ has: page.locator('[data-entry-id="gov-matter-search"]') });
      if (!(await group.locator('.bio-properties-panel-group-entries.open').count())) await group.locator('.bio-properties-panel-group-header').click();
      return group;
    };

    await fromTemplate('appeal-ticket');
    await select('Task_Handle');
    const group = await govGroup();
    await expect(page.locator('#bio-properties-panel-gov-sla-response').inputValue()).resolves.toBe('profile');
    await expect(group.locator('[data-entry-id="gov-sla-response"] label').textContent()).resolves.toBe('首次响应时限');
    await expect(group.locator('[data-entry-id="gov-sla-response"] .bio-properties-panel-description').textContent()).resolves.toContain('自该环节生成（派单）起计时');
    await expect(page.locator('#bio-properties-panel-gov-sla-step').inputValue()).resolves.toBe('');
    await page.locator('[data-entry-id="gov-sla-response"]').scrollIntoViewIfNeeded();
    await designer.screenshot('15-modeler-first-response-step');
    await select('Task_Dispatch');
    await expect(page.locator('#bio-properties-panel-gov-sla-response').inputValue()).resolves.toBe('');

    // The process: a first-response or operating-standard step is a user task's role, and the panel does not offer it.
    const canvas = (await page.locator('#canvas').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width - 80, canvas.y + canvas.height - 120);
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(selector: string): { value: string } | null } }).document.querySelector('#bio-properties-panel-id')?.value === 'tpl-appeal-ticket');
    await govGroup();
    await expect(page.locator('#bio-properties-panel-gov-sla-profile').inputValue()).resolves.toBe('12345');
    await expect(page.locator('[data-entry-id="gov-sla-response"], [data-entry-id="gov-sla-step"]').count()).resolves.toBe(0);

    await fromTemplate('city-management-event');
    await select('Task_Handle');
    await govGroup();
    await expect(page.locator('#bio-properties-panel-gov-sla-step').inputValue()).resolves.toBe('handle');
    await expect(page.locator('[data-entry-id="gov-sla-step"] label').textContent()).resolves.toBe('作业规范步骤');
    expect(designer.failures).toEqual([]);
    await designer.close();
  });

  test('visiting the modeler again and again leaves no blank drafts; an edit keeps one', async () => {
    const designer = await openSession();
    const { page } = designer;
    // Blank drafts that earlier releases left on every visit are cleared away.
    await page.evaluate(() => {
      const blank = (id: string) => ({ processId: id, name: '未命名', savedAt: '2026-11-30T01:00:00.000Z', xml: `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="${id}" name="未命名" isExecutable="true"><bpmn:startEvent id="StartEvent_1" /></bpmn:process></bpmn:definitions>` });
      (globalThis as unknown as { localStorage: { setItem(key: string, value: string): void } }).localStorage.setItem('matterflow.drafts', JSON.stringify({ Process_a: blank('Process_a'), Process_b: blank('Process_b') }));
    });
    for (let visit = 0; visit < 3; visit++) {
      await page.goto('/#/decisions');
      await page.goto('/#/modeler');
      await page.waitForSelector('body[data-modeler-ready]');
      await page.waitForSelector('#canvas .djs-element[data-element-id="StartEvent_1"]');
      expect(await drafts(page)).toEqual([]);
    }
    await page.click('#open-diagram');
    await expect(page.locator('#open-dialog').textContent()).resolves.toContain('没有本地草稿');
    await page.keyboard.press('Escape');

    // An edit: a task from the palette. Now there is a draft, and a revisit brings it back instead of another.
    const start = (await page.locator('#canvas .djs-element[data-element-id="StartEvent_1"]').boundingBox())!;
    await page.click('.djs-palette .entry[data-action="create.task"]');
    await page.mouse.move(start.x + 200, start.y);
    await page.mouse.move(start.x + 220, start.y + 10, { steps: 5 });
    await page.mouse.click(start.x + 220, start.y + 10);
    await page.waitForFunction(() => ((globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage.getItem('matterflow.drafts') ?? '').includes('bpmn:task'));
    const kept = await drafts(page);
    expect(kept).toHaveLength(1);
    await page.goto('/#/decisions');
    await page.goto('/#/modeler');
    await page.waitForSelector('body[data-modeler-ready]');
    await expect(page.locator('#draft-state').textContent()).resolves.toContain('已恢复');
    expect(await drafts(page)).toEqual(kept);
    await designer.screenshot('15-modeler-draft-restored');
    expect(designer.failures).toEqual([]);
    await designer.close();
  });
});

/** A linear process Start → tasks → End, drawn in one row, its flows named by `flowIds`. */
function chainXml(tasks: Array<[string, string, string?]>, flowIds: string[]): string {
  const nodes: Array<{ id: string; name: string; kind: string; sla?: string }> = [{ id: 'Start', name: '申请', kind: 'startEvent' }, ...tasks.map(([id, name, sla]) => ({ id, name, kind: 'userTask', sla })), { id: 'End', name: '办结', kind: 'endEvent' }];
  const size = (kind: string) => (kind === 'userTask' ? { width: 100, height: 80 } : { width: 36, height: 36 });
  let x = 150;
  const boxes = nodes.map((node) => {
    const { width, height } = size(node.kind);
    const box = { x, y: 200 - height / 2, width, height };
    x += width + 80;
    return box;
  });
  const flows = flowIds.map((id, index) => ({ id, source: nodes[index].id, target: nodes[index + 1].id }));
  const element = (node: (typeof nodes)[number], index: number) => {
    const incoming = flows.filter((flow) => flow.target === node.id).map((flow) => `<bpmn:incoming>${flow.id}</bpmn:incoming>`).join('');
    const outgoing = flows.filter((flow) => flow.source === node.id).map((flow) => `<bpmn:outgoing>${flow.id}</bpmn:outgoing>`).join('');
    const extensions = node.sla ? `<bpmn:extensionElements><gov:sla statutory="${node.sla}" calendar="working" /></bpmn:extensionElements>` : '';
    void index;
    return `<bpmn:${node.kind} id="${node.id}" name="${node.name}">${extensions}${incoming}${outgoing}</bpmn:${node.kind}>`;
  };
  const shape = (node: (typeof nodes)[number], index: number) => `<bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"><dc:Bounds x="${boxes[index].x}" y="${boxes[index].y}" width="${boxes[index].width}" height="${boxes[index].height}" /></bpmndi:BPMNShape>`;
  const edge = (flow: (typeof flows)[number], index: number) => `<bpmndi:BPMNEdge id="${flow.id}_di" bpmnElement="${flow.id}"><di:waypoint x="${boxes[index].x + boxes[index].width}" y="200" /><di:waypoint x="${boxes[index + 1].x}" y="200" /></bpmndi:BPMNEdge>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:gov="http://matterflow.dev/schema/gov/1.0" id="Definitions_diff" targetNamespace="http://matterflow.dev/test">
  <bpmn:process id="diff-demo" name="版本比较示例" isExecutable="true">
    <bpmn:extensionElements><gov:handling department="${DEPARTMENT}" /></bpmn:extensionElements>
    ${nodes.map(element).join('\n    ')}
    ${flows.map((flow) => `<bpmn:sequenceFlow id="${flow.id}" sourceRef="${flow.source}" targetRef="${flow.target}" />`).join('\n    ')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_diff"><bpmndi:BPMNPlane id="Plane_diff" bpmnElement="diff-demo">
    ${nodes.map(shape).join('\n    ')}
    ${flows.map(edge).join('\n    ')}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
