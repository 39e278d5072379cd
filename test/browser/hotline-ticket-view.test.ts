import type { Page } from 'playwright-core';
import { formatDeadline } from '../../designer/src/sla/deadline-format.js';
import type { PersonSession } from './browser-session.js';
import { hotlinePeople, scenePhoto, type HotlinePeople } from './hotline-people.js';

/**
 * What 刘洋 of 公安局虎门分局 reads on a 12345 ticket (issue 14): the ticket's own words (诉求人, 处置意见,
 * a handler's 常用语, photos before and after), every step's deadline in China time, units by name and values
 * as a person reads them; a reopened ticket links its original and says 第2次办理. A permit of the same bureau
 * keeps its 申请人 and 审批意见. The ticket is taken in and moved between steps through the API; the screens are
 * read as the clerks see them.
 */
const NOISE = '4419R050201000';
const PASSPORT = '4419A05019000';
const HUMEN = '441900121';
const TICKET = '12345-20261202-0101';
const CONTENT = '虎门镇银龙路广场每晚十点后广场舞音响噪声扰民';
const APPEAL_PHRASES = ['已联系诉求人，现场核实。', '已完成处置，拍照存档。', '非本单位职责，申请退单。'];
const PERMIT_PHRASE = '材料齐全，符合法定形式，予以受理。';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let people: HotlinePeople;
const tokens: Record<string, string> = {};
let centre: PersonSession;
let unit: PersonSession;
let ticketId = '';
let reopenedId = '';

beforeAll(async () => {
  people = await hotlinePeople(['hm.window']);
  ({ centre, unit } = people);
  Object.assign(tokens, people.tokens);
});

afterAll(async () => {
  await people?.close();
});

const call = (...args: Parameters<HotlinePeople['call']>) => people.call(...args);

interface TaskRow { id: string; name: string; dueDate: string | null }

async function openTaskOf(user: string, instanceId: string): Promise<TaskRow> {
  const list = await call(user, 'GET', `/user-tasks?processInstanceId=${instanceId}&state=created`);
  expect(list.body.items).toHaveLength(1);
  return list.body.items[0];
}

async function complete(user: string, instanceId: string, step: string, variables: Record<string, unknown> = {}, opinion?: string): Promise<void> {
  const task = await openTaskOf(user, instanceId);
  expect(task.name).toBe(step);
  const claimed = await call(user, 'POST', `/user-tasks/${task.id}/claim`, { assignee: user });
  expect({ status: claimed.status, problem: claimed.body?.titleZh }).toEqual({ status: 200, problem: undefined });
  const completed = await call(user, 'POST', `/user-tasks/${task.id}/complete`, { variables, ...(opinion ? { opinion } : {}) });
  expect({ status: completed.status, problem: completed.body?.titleZh }).toEqual({ status: 200, problem: undefined });
}

/** Opens the inbox row of this case's step; answers the row's deadline text. */
async function openTask(page: Page, businessKey: string, stepName: string): Promise<string> {
  await page.goto('/#/inbox');
  await Promise.all([page.waitForResponse((entry) => /\/api\/v1\/user-tasks\?/.test(entry.url()) && entry.request().method() === 'GET'), page.click('#refresh-tasks')]);
  const row = page.locator('#task-list tr[data-task-id]', { hasText: businessKey }).filter({ has: page.locator('td:first-child > div:first-child', { hasText: new RegExp(`^${stepName}$`) }) });
  await row.first().waitFor();
  const deadline = ((await row.first().locator('td').nth(3).innerText()) ?? '').trim();
  await row.first().click();
  await page.waitForSelector(`#task-detail h2:has-text("${stepName}")`);
  return deadline;
}

async function phrases(page: Page): Promise<string[]> {
  return (await page.locator('#opinion-phrases button').allInnerTexts()).map((text) => text.trim());
}

describe('a 12345 ticket in its own words, with its deadlines, names and reopening', () => {
  test('派单: 蒋丽 sees the 2-hour dispatch deadline in the inbox and the pane, in China time', async () => {
    const taken = await call('rx12345', 'POST', '/hotline/tickets', { channel: 'phone', matterCode: NOISE, text: CONTENT, address: '东莞市虎门镇银龙路', reporter: { name: '李女士', phone: '13800000000' }, businessKey: TICKET, pictures: [{ name: '诉求人现场照片.png', contentBase64: (await scenePhoto(centre.page, '银龙路 22:30')).toString('base64') }] });
    expect(taken.status).toBe(201);
    ticketId = taken.body.instance.id;
    const dispatch = await openTaskOf('rx12345', ticketId);
    expect(dispatch.dueDate).not.toBeNull();
    const due = formatDeadline(dispatch.dueDate);
    expect(due).toMatch(/^(\d{4}-)?\d{2}-\d{2} (当日 \d{2}:\d{2}|止)$/);

    const { page } = centre;
    const listed = await openTask(page, TICKET, '派单');
    expect(listed).toContain(due);
    // The inbox row names the matter, not the template the process was copied from.
    const row = page.locator('#task-list tr[data-task-id]', { hasText: TICKET });
    await expect(row.innerText()).resolves.toContain('噪声扰民类诉求办理');
    await expect(row.innerText()).resolves.not.toContain('模板');
    await expect(page.locator('#task-due').innerText()).resolves.toBe(due);
    await expect(page.locator('#task-detail h2 [data-clock-kind="step"]').count()).resolves.toBe(1);
    await expect(page.locator('#task-facts').innerText()).resolves.toMatch(/诉求人\s+李女士/);
    await expect(page.locator('#task-matter').innerText()).resolves.toBe('噪声扰民类诉求办理');
    await centre.screenshot('hotline-ticket-view-01-dispatch');

    const dispatched = await call('rx12345', 'POST', `/user-tasks/${dispatch.id}/dispatch`, {});
    expect(dispatched.status).toBe(200);
    expect(centre.failures).toEqual([]);
  });

  test('签收处置: 刘洋 reads 诉求人, 处置意见, a handler\'s phrases, photo kinds, the deadline and the unit by name', async () => {
    const handle = await openTaskOf('gaj.hm', ticketId);
    expect(handle.name).toBe('签收处置');
    const due = formatDeadline(handle.dueDate);
    // The ticket's 15 working days (a 投诉 of the catalog): a day limit, “12-23 止”.
    expect(due).toMatch(/^(\d{4}-)?\d{2}-\d{2} 止$/);

    const { page } = unit;
    expect(await openTask(page, TICKET, '签收处置')).toContain(due);
    await expect(page.locator('#task-due').innerText()).resolves.toBe(due);
    await expect(page.locator('#task-facts').innerText()).resolves.toMatch(/诉求人\s+李女士/);

    // Wording of an appeal, not of a permit.
    await expect(page.locator('label[for="task-opinion"]').innerText()).resolves.toBe('处置意见');
    await expect(page.locator('#task-opinion').getAttribute('placeholder')).resolves.toContain('处置意见');
    const offered = await phrases(page);
    expect(offered).toEqual(expect.arrayContaining(APPEAL_PHRASES));
    expect(offered).not.toContain(PERMIT_PHRASE);
    await expect(page.locator('#opinions-panel h3').innerText()).resolves.toBe('办理意见');
    await expect(page.locator('#opinions-panel').innerText()).resolves.toContain('暂无办理意见');
    await expect(page.locator('#opinions-panel').innerText()).resolves.not.toContain('审批意见');

    // Case data: 诉求人 as a person reads it, 诉求内容 once, the handling unit by its name.
    const data = page.locator('#case-variables');
    await expect(data.locator('dt').allInnerTexts()).resolves.toEqual(expect.arrayContaining(['诉求人', '诉求内容', '办理单位']));
    await expect(data.locator('dt').allInnerTexts()).resolves.not.toContain('申请人');
    await data.locator('dd[data-variable="handlingUnit"]', { hasText: '东莞市公安局虎门分局' }).waitFor();
    await expect(data.locator('dd[data-variable="acceptingUnit"]').innerText()).resolves.toBe('东莞市12345政务服务便民热线');
    await expect(data.locator('dd[data-variable="data"]').innerText()).resolves.toBe(CONTENT);
    await expect(data.locator('dd[data-variable="applicant"]').innerText()).resolves.toMatch(/^李女士（联系电话：138\*{4}0000）/);
    await page.locator('#task-form dd[data-variable="handlingUnit"]', { hasText: '东莞市公安局虎门分局' }).waitFor();
    await unit.screenshot('hotline-ticket-view-02-handle');

    // 签收, then photos: before handling first, then after.
    await page.click('#claim-task');
    await page.waitForSelector('#unclaim-task');
    await expect(page.locator('#attachment-kind').inputValue()).resolves.toBe('before');
    await expect(page.locator('#attachment-kind option').allInnerTexts()).resolves.toEqual(['处置前照片', '处置后照片', '其他', '申请材料']);
    // The file field speaks Chinese (the browser's own button would say "Choose File") and names the chosen file.
    await expect(page.locator('#attachment-file-choose').innerText()).resolves.toBe('选择文件');
    await expect(page.locator('#attachment-file-chosen').innerText()).resolves.toBe('未选择文件');
    await page.setInputFiles('#attachment-file', { name: '现场处置前.png', mimeType: 'image/png', buffer: PNG });
    await expect(page.locator('#attachment-file-chosen').innerText()).resolves.toBe('现场处置前.png');
    await page.click('#attachment-upload');
    await page.locator('#attachments-panel tbody tr', { hasText: '现场处置前.png' }).filter({ hasText: '处置前照片' }).waitFor();
    await expect(page.locator('#attachment-kind').inputValue()).resolves.toBe('after');

    // A phrase makes the opinion; the step completes with it.
    await page.locator('#opinion-phrases button', { hasText: APPEAL_PHRASES[0] }).click();
    await expect(page.locator('#task-opinion').inputValue()).resolves.toBe(APPEAL_PHRASES[0]);
    await page.locator('#case-variables').scrollIntoViewIfNeeded();
    await unit.screenshot('hotline-ticket-view-03-case-data');
    const [response] = await Promise.all([page.waitForResponse((entry) => entry.request().method() === 'POST' && entry.url().endsWith('/complete')), page.click('#complete-task')]);
    expect(response.status()).toBe(200);
    expect(unit.failures).toEqual([]);
  });

  test('不满意重办: the reopened ticket says 第2次办理 and links its original, which links it back', async () => {
    await complete('gaj.hm', ticketId, '答复', {}, '已现场劝导，组织者承诺九点半前结束。');
    await complete('rx12345', ticketId, '回访评价', {}, '已电话回访。');
    const unsatisfied = await call('rx12345', 'POST', `/process-instances/${ticketId}/evaluation`, { result: '不满意', comment: '十点后仍有音响声' });
    expect(unsatisfied.status).toBe(201);
    reopenedId = unsatisfied.body.reopened.id;
    expect(reopenedId).not.toBe(ticketId);

    const { page } = centre;
    await page.goto(`/#/monitor/${reopenedId}`);
    await page.locator('#case-reopen').waitFor();
    await expect(page.locator('#case-round').innerText()).resolves.toBe('第2次办理');
    await expect(page.locator('#case-original-link').innerText()).resolves.toBe(TICKET);
    await expect(page.locator('#case-original-link').getAttribute('href')).resolves.toBe(`#/monitor/${ticketId}`);
    await expect(page.locator('#case-reopen-reason').innerText()).resolves.toBe('评价“不满意”：十点后仍有音响声');
    await expect(page.locator('#case-reopened-at').innerText()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await expect(page.locator('#case-detail').innerText()).resolves.toMatch(/诉求人\s+李女士/);
    await expect(page.locator('#case-matter').innerText()).resolves.toBe('噪声扰民类诉求办理');
    // 受理信息 is the original's, and the citizen's picture is there, carried over to the reopened case.
    await expect(page.locator('#intake-original-link').getAttribute('href')).resolves.toBe(`#/monitor/${ticketId}`);
    await expect(page.locator('#intake-text-shown').innerText()).resolves.toBe(CONTENT);
    await page.locator('#intake-pictures-shown a.picture-thumbnail[data-loaded="true"]').waitFor();
    await expect(page.locator('#attachments-panel tbody tr', { hasText: '诉求人现场照片.png' }).innerText()).resolves.toContain('处置前照片');
    await centre.screenshot('hotline-ticket-view-04-reopened-case');

    await page.click('#case-original-link');
    await page.locator(`#case-detail h2:has-text("${TICKET}")`).waitFor();
    await page.locator('#case-reopened-link').waitFor();
    await expect(page.locator('#case-reopened-link').innerText()).resolves.toBe(`${TICKET}-重办`);
    await expect(page.locator('#case-reopened-link').getAttribute('href')).resolves.toBe(`#/monitor/${reopenedId}`);
    await expect(page.locator('#case-round').count()).resolves.toBe(0);
    await expect(page.locator('#opinions-panel h3').innerText()).resolves.toBe('办理意见');
    await expect(page.locator('#opinions-panel').innerText()).resolves.toContain(APPEAL_PHRASES[0]);
    await centre.screenshot('hotline-ticket-view-05-original-case');

    // The reopened ticket's 派单 says which round it is, with the original a click away.
    await openTask(page, `${TICKET}-重办`, '派单');
    await expect(page.locator('#task-round').innerText()).resolves.toContain('第2次办理');
    await expect(page.locator('#task-original-case').getAttribute('href')).resolves.toBe(`#/monitor/${ticketId}`);
    expect(centre.failures).toEqual([]);
  });

  test('a permit of the same bureau keeps 申请人, 审批意见, its phrases and 申请材料', async () => {
    const started = await call('hm.window', 'POST', `/matters/${PASSPORT}/cases`, { regionCode: HUMEN, businessKey: 'GAJ-HZ-2026-0001', applicant: { name: '张三', phone: '13900000000' } });
    expect(started.status).toBe(201);
    const permitId = started.body.instance.id;
    await complete('hm.window', permitId, '受理', { acceptance: '受理' });
    const review = await openTaskOf('gaj.hm', permitId);
    expect(review.name).toBe('审查');

    const { page } = unit;
    await openTask(page, 'GAJ-HZ-2026-0001', '审查');
    await expect(page.locator('#task-facts').innerText()).resolves.toMatch(/申请人\s+张三/);
    await expect(page.locator('label[for="task-opinion"]').innerText()).resolves.toBe('审批意见');
    const offered = await phrases(page);
    expect(offered).toContain(PERMIT_PHRASE);
    expect(offered).not.toContain(APPEAL_PHRASES[2]);
    await expect(page.locator('#opinions-panel h3').innerText()).resolves.toBe('审批意见');
    await expect(page.locator('#attachment-kind').inputValue()).resolves.toBe('material');
    await expect(page.locator('#case-variables dt').allInnerTexts()).resolves.toContain('申请人');
    await page.locator('#case-variables dd[data-variable="handlingUnit"]', { hasText: '东莞市公安局虎门分局' }).waitFor();
    await unit.screenshot('hotline-ticket-view-06-permit');
    // The permit did not come in through 集中受理: its case page shows no 受理信息 and never asks for it (no 404).
    const asked: string[] = [];
    const listen = (request: { url(): string }) => {
      if (/\/intake$/.test(request.url())) asked.push(request.url());
    };
    page.on('request', listen);
    await page.goto(`/#/monitor/${permitId}`);
    await page.locator('#case-detail h2:has-text("GAJ-HZ-2026-0001")').waitFor();
    await page.locator('#attachments-panel').waitFor();
    page.off('request', listen);
    await expect(page.locator('#case-intake').count()).resolves.toBe(0);
    expect(asked).toEqual([]);
    expect(unit.failures).toEqual([]);
  });
});
