import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../api/server.js';
import { PersonSession } from './browser-session.js';
import { hotlinePeople, scenePhoto, type HotlinePeople } from './hotline-people.js';

/**
 * 一张工单跟到底 (issue 14): one 12345 noise ticket in 虎门 walked by the sample users of the right units,
 * each signed in as themselves: 蒋丽 of the 12345 centre takes it in on the 集中受理 page (a second call about
 * the same noise is offered as its duplicate and merged into it) and dispatches it (分拨) to 公安局虎门分局,
 * where 刘洋 signs for it (签收), handles it with before/after photos and replies (反馈); 蒋丽 visits the
 * citizen (回访) and records 不满意 on the case page, which reopens it (重办); 刘洋 handles it again, and the
 * second visit is 满意.
 */
// The server numbers a ticket taken in without one: 12345-YYYYMMDD-NNNN, the day in China time.
const TICKET_NUMBER = /^12345-\d{8}-\d{4}$/;
const JIANG_LI = '蒋丽';
const LIU_YANG = '刘洋';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let people: HotlinePeople;
let server: RunningServer;
let browser: Browser;
const tokens: Record<string, string> = {};
let centre: PersonSession;
let unit: PersonSession;
let ticketId = '';
let businessKey = '';
/** The citizen's photo of the scene, sent with the call. */
let scene: Buffer = PNG;

beforeAll(async () => {
  people = await hotlinePeople([]);
  ({ server, browser, centre, unit } = people);
  Object.assign(tokens, people.tokens);
  scene = await scenePhoto(centre.page, '银龙路广场 22:15');
});

/** A time as the screens show it: China time, to the minute. */
const chinaTime = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);

afterAll(async () => {
  await people?.close();
});

const call = (...args: Parameters<HotlinePeople['call']>) => people.call(...args);

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

/** The corner notes fade after a few seconds: a screenshot of what lies under them waits until they have. */
async function notesGone(page: Page): Promise<void> {
  await page.locator('.notification').last().waitFor({ state: 'detached', timeout: 8000 });
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
  // A UUID's first three groups (a ticket number such as 12345-20261203-0001 has only two).
  expect(text).not.toMatch(/\b(rx12345|gaj\.hm)\b|Task_[A-Z]|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-|[{}"]/);
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
  // The 办理意见 table's last column (时间) lies under the corner notes of the two completions.
  await notesGone(page);
  await unit.screenshot(`hotline-walk-${round}c-replied`);
  expect(unit.failures).toEqual([]);
}

/** 蒋丽 fills in the 集中受理 form as she hears the call; the category and the town are chosen by name. */
async function fillIntake(page: Page, call: { channel: string; text: string; name: string; phone: string; address: string; picture?: string }): Promise<void> {
  await page.selectOption('#intake-channel', { label: call.channel });
  await page.fill('#intake-text', call.text);
  await page.fill('#intake-reporter-name', call.name);
  await page.fill('#intake-reporter-phone', call.phone);
  await page.fill('#intake-category-search', '噪声');
  await page.click('#intake-category-choices button:has-text("噪声扰民类诉求办理")');
  await expect(page.locator('#intake-category').innerText()).resolves.toBe('噪声扰民类诉求办理');
  await page.fill('#intake-address', call.address);
  await page.click('#intake-normalise');
  // The address is recognised against the region tree and the town is picked for her.
  await expect(page.locator('#intake-address-normalised').innerText()).resolves.toContain('虎门镇');
  await expect(page.locator('#intake-town option:checked').innerText()).resolves.toBe('虎门镇');
  if (call.picture) await page.setInputFiles('#intake-pictures', { name: call.picture, mimeType: 'image/png', buffer: scene });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the intake's JSON answer, read field by field
async function submitIntake(page: Page): Promise<any> {
  const [response] = await Promise.all([page.waitForResponse((entry) => entry.url().endsWith('/api/v1/hotline/tickets') && entry.request().method() === 'POST'), page.click('#intake-submit')]);
  expect(response.status()).toBe(201);
  await page.locator('#intake-ticket-number').waitFor();
  return response.json();
}

/** The case page's 好差评: 蒋丽 records what the citizen said on the call back. */
async function recordEvaluation(result: string, comment: string, screenshot: string): Promise<void> {
  const { page } = centre;
  await page.goto(`/#/monitor/${ticketId}`);
  await page.locator('#evaluation-form').waitFor();
  await page.selectOption('#evaluation-result', result);
  await expect(page.locator('#evaluation-channel option:checked').innerText()).resolves.toBe('回访');
  await page.fill('#evaluation-comment', comment);
  await page.locator('#case-evaluation').scrollIntoViewIfNeeded();
  await centre.screenshot(screenshot);
  const [response] = await Promise.all([page.waitForResponse((entry) => /\/evaluation$/.test(entry.url()) && entry.request().method() === 'POST'), page.click('#evaluation-record')]);
  expect(response.status()).toBe(201);
  await page.locator('#evaluation-shown').waitFor();
  await expect(page.locator('#evaluation-shown-result').innerText()).resolves.toBe(result);
  await expect(page.locator('#evaluation-shown-comment').innerText()).resolves.toBe(comment);
  await expectReadable(page, '#case-evaluation');
}

describe('一张工单跟到底: 受理 → 分拨 → 签收 → 处置 → 反馈 → 回访 → 不满意重办 → 满意', () => {
  test('蒋丽 of the 12345 centre takes the call in on the 集中受理 page, merges a second call about it, and dispatches it', async () => {
    const { page } = centre;
    await page.goto('/#/inbox');
    await page.click('.app-nav a[data-page="intake"]');
    await page.locator('#intake-form').waitFor();
    await fillIntake(page, { channel: '电话', text: '虎门镇银龙路广场每晚十点后广场舞音响噪声扰民', name: '李女士', phone: '13800000000', address: '东莞市虎门镇银龙路', picture: '来电人拍摄现场.png' });
    await centre.screenshot('hotline-walk-01a-intake-form');
    const taken = await submitIntake(page);
    ticketId = taken.instance.id;
    businessKey = await page.locator('#intake-ticket-number').innerText();
    // The server numbered it (no 无案件编号), and the page shows that number.
    expect(businessKey).toMatch(TICKET_NUMBER);
    expect((await call('rx12345', 'GET', `/process-instances/${ticketId}`)).body.businessKey).toBe(businessKey);
    expect(taken.duplicates).toEqual([]);
    await expect(page.locator('#intake-duplicates').count()).resolves.toBe(0);
    // The citizen's phone is personal data: masked on the page as everywhere else.
    const citizen = await page.locator('#intake-result-citizen').innerText();
    expect(citizen).toContain('李女士');
    expect(citizen).not.toContain('13800000000');
    await expect(page.locator('#intake-result-place').innerText()).resolves.toContain('虎门镇');
    await expectReadable(page, '#intake-result');
    await centre.screenshot('hotline-walk-01b-intake-numbered');
    const pictures = (await call('rx12345', 'GET', `/process-instances/${ticketId}/attachments`)).body.items;
    expect(pictures).toEqual([expect.objectContaining({ name: '来电人拍摄现场.png', kind: 'before' })]);

    // A neighbour reports the same noise through the app: the page offers the first ticket as its duplicate.
    await page.click('#intake-next');
    await page.locator('#intake-form').waitFor();
    await fillIntake(page, { channel: '移动端（App）', text: '银龙路广场晚上音响太吵，孩子无法入睡', name: '王先生', phone: '13900000001', address: '虎门镇银龙路广场' });
    const second = await submitIntake(page);
    const duplicateRow = page.locator('#intake-duplicates tbody tr');
    await expect(duplicateRow.count()).resolves.toBe(1);
    await expect(duplicateRow.first().innerText()).resolves.toMatch(new RegExp(`${businessKey}[\\s\\S]*虎门镇[\\s\\S]*广场舞音响噪声扰民`));
    await expectReadable(page, '#intake-duplicates');
    await centre.screenshot('hotline-walk-01c-duplicate-offered');
    await duplicateRow.first().locator('button.merge-into').click();
    await expect(page.locator('#intake-merged').innerText()).resolves.toContain(businessKey);
    // The closed ticket's card no longer leads to it: it says where the appeal went and links there.
    await expect(page.locator('#intake-result h3').innerText()).resolves.toContain(`已合并至 ${businessKey}`);
    await expect(page.locator('#intake-case-link').getAttribute('href')).resolves.toBe(`#/monitor/${ticketId}`);
    const merged = (await call('rx12345', 'GET', `/process-instances/${second.instance.id}/intake`)).body.intake;
    expect(merged).toMatchObject({ mergedInto: ticketId, status: 'canceled' });
    await centre.screenshot('hotline-walk-01d-merged');

    // The ticket's case page says how it came in: by phone, when and by whom (China time), the citizen's own words,
    // the place, 诉求人 with the phone masked, the picture (the stored attachment, full size on a click) and the
    // neighbour's call merged into it, as a link.
    await page.goto(`/#/monitor/${ticketId}`);
    await page.locator('#case-intake').waitFor();
    await expect(page.locator('#intake-channel-shown').innerText()).resolves.toBe('电话');
    await expect(page.locator('#intake-received').innerText()).resolves.toBe(`${chinaTime(taken.intake.receivedAt)} · 12345热线 话务员 ${JIANG_LI}`);
    await expect(page.locator('#intake-citizen').innerText()).resolves.toBe('李女士（联系电话：138****0000）');
    await expect(page.locator('#intake-text-shown').innerText()).resolves.toBe('虎门镇银龙路广场每晚十点后广场舞音响噪声扰民');
    await expect(page.locator('#intake-place').innerText()).resolves.toBe('虎门镇 · 东莞市虎门镇银龙路');
    const thumbnail = page.locator('#intake-pictures-shown a.picture-thumbnail[data-loaded="true"]');
    await thumbnail.waitFor();
    await expect(thumbnail.getAttribute('href')).resolves.toMatch(/^blob:/);
    await expect(thumbnail.locator('img').evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(480);
    const mergedRow = page.locator(`#intake-merged-tickets tr[data-merged="${second.instance.businessKey}"]`);
    await expect(mergedRow.innerText()).resolves.toMatch(/移动端（App）[\s\S]*孩子无法入睡[\s\S]*同一地点同一诉求，并案处理/);
    await expect(mergedRow.locator('a').getAttribute('href')).resolves.toBe(`#/monitor/${second.instance.id}`);
    await expectReadable(page, '#case-intake');
    await page.locator('#case-intake').scrollIntoViewIfNeeded();
    await notesGone(page);
    await centre.screenshot('hotline-walk-01e-case-intake');
    // The duplicate's page leads to the ticket that carries the appeal now.
    await mergedRow.locator('a').click();
    await page.locator('#intake-merged-into').waitFor();
    await expect(page.locator('#intake-master-shown').innerText()).resolves.toBe(businessKey);
    await expect(page.locator('#intake-merged-into').innerText()).resolves.toContain(`已合并至 ${businessKey}`);
    await expectReadable(page, '#case-intake');
    await centre.screenshot('hotline-walk-01f-merged-case-intake');

    await openTask(page, '派单');
    await expectReadable(page, '#task-detail');
    await centre.screenshot('hotline-walk-01g-to-dispatch');
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

  test('蒋丽 visits the citizen (回访) and records 不满意 on the case page, which reopens the ticket (重办)', async () => {
    const { page } = centre;
    await openTask(page, '回访评价');
    await claim(page);
    await expectReadable(page, '#task-detail');
    // Before calling back, the centre reads the unit's reply and sees the citizen's picture taken in with the call
    // and the unit's before/after photos.
    await expect(page.locator('#opinions-panel').innerText()).resolves.toContain('活动组织者承诺九点半前结束');
    await expect(page.locator('#attachments-panel tbody tr').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/来电人拍摄现场[\s\S]*处置前照片[\s\S]*蒋丽/),
      expect.stringMatching(/处置前照片[\s\S]*刘洋/),
      expect.stringMatching(/处置后照片[\s\S]*刘洋/),
    ]);
    await completeWithOpinion(page, '已电话回访，诉求人表示噪声仍在。');
    await centre.screenshot('hotline-walk-04-visited');
    await recordEvaluation('不满意', '十点后仍有音响声', 'hotline-walk-04a-evaluation-form');
    // 重办 is a new case of the same ticket: its number says so, and the case page links to it.
    const reopenedLink = page.locator('#evaluation-reopened a');
    await expect(reopenedLink.innerText()).resolves.toBe(`${businessKey}-重办`);
    await centre.screenshot('hotline-walk-04b-unsatisfied-reopened');
    const evaluation = (await call('rx12345', 'GET', `/process-instances/${ticketId}/evaluation`)).body;
    expect(evaluation).toMatchObject({ result: '不满意', channel: 'visit', remedy: 'reopen', reopenRequested: true });
    ticketId = evaluation.reopenedInstanceId;
    expect(await reopenedLink.getAttribute('href')).toBe(`#/monitor/${ticketId}`);
    const reopened = (await call('rx12345', 'GET', `/process-instances/${ticketId}`)).body;
    expect(reopened).toMatchObject({ businessKey: `${businessKey}-重办`, status: 'active' });
    const original = businessKey;
    businessKey = reopened.businessKey;

    // The reopened ticket is the same appeal: its page shows the original's intake, and the citizen's picture came
    // along as a before-photo of the new case (not the unit's photos of the first round).
    await reopenedLink.click();
    await page.locator('#intake-from-original').waitFor();
    await expect(page.locator('#intake-original-link').innerText()).resolves.toBe(original);
    await expect(page.locator('#intake-text-shown').innerText()).resolves.toBe('虎门镇银龙路广场每晚十点后广场舞音响噪声扰民');
    await page.locator('#intake-pictures-shown a.picture-thumbnail[data-loaded="true"]').waitFor();
    await expect(page.locator('#attachments-panel tbody tr').allInnerTexts()).resolves.toEqual([expect.stringMatching(/来电人拍摄现场[\s\S]*处置前照片[\s\S]*蒋丽/)]);
    await expectReadable(page, '#case-intake');
    await expect(page.locator('#intake-merged-tickets h4').innerText()).resolves.toBe('并入原工单的重复工单（1）');
    await page.locator('#case-intake').scrollIntoViewIfNeeded();
    await notesGone(page);
    await centre.screenshot('hotline-walk-04c-reopened-intake');
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
    // The evaluation is the centre's to record: 刘洋 of the handling unit sees the finished ticket without the form.
    await unit.page.goto(`/#/monitor/${ticketId}`);
    await unit.page.locator('#evaluation-none').waitFor();
    await expect(unit.page.locator('#evaluation-form').count()).resolves.toBe(0);
    await unit.screenshot('hotline-walk-05d-unit-sees-no-evaluation-form');
    await recordEvaluation('满意', '问题已解决', 'hotline-walk-06a-evaluation-form');
    await expect(page.locator('#evaluation-reopened').count()).resolves.toBe(0);
    await centre.screenshot('hotline-walk-06b-satisfied');
    const evaluation = (await call('rx12345', 'GET', `/process-instances/${ticketId}/evaluation`)).body;
    expect(evaluation).toMatchObject({ result: '满意', remedy: null, reopenedInstanceId: null });
    await page.locator('.timeline').first().scrollIntoViewIfNeeded();
    await centre.screenshot('hotline-walk-07-case-trail');
    expect(centre.failures).toEqual([]);
    expect(unit.failures).toEqual([]);
  });

  test('刘洋 of the unit holds no intake post: no 集中受理 in his menu, but the ticket he handled shows how it came in', async () => {
    const { page } = unit;
    await page.goto('/#/inbox');
    await page.locator('.app-nav a[data-page="inbox"]').waitFor();
    await expect(page.locator('.app-nav a[data-page="intake"]').count()).resolves.toBe(0);
    await page.goto('/#/intake');
    await expect(page.locator('#intake-not-allowed').innerText()).resolves.toBe('集中受理仅限持有“热线受理”岗位的工作人员使用');
    await expect(page.locator('#intake-form').count()).resolves.toBe(0);
    // The API says the same to him (403, in Chinese).
    const refused = await call('gaj.hm', 'POST', '/hotline/tickets', { channel: 'phone', matterCode: '4419R050201000', text: '试图受理', regionCode: '441900121', reporter: { name: '某' } });
    expect(refused).toMatchObject({ status: 403, body: { titleZh: expect.stringContaining('热线受理') } });
    await page.goto(`/#/monitor/${ticketId}`);
    await page.locator('#intake-pictures-shown a.picture-thumbnail[data-loaded="true"]').waitFor();
    await expect(page.locator('#intake-citizen').innerText()).resolves.toBe('李女士（联系电话：138****0000）');
    // The original ticket (his unit handled it) is a link; the neighbour's call, closed in the centre, is its number only.
    await expect(page.locator('#intake-original-link').getAttribute('href')).resolves.toMatch(/^#\/monitor\//);
    const mergedCell = page.locator('#intake-merged-tickets tbody tr td').first();
    await expect(mergedCell.locator('a').count()).resolves.toBe(0);
    await expect(mergedCell.locator('.intake-unreadable').innerText()).resolves.toMatch(/^12345-\d{8}-\d{4}$/);
    // His walk left six passing notes (已认领任务, 附件已上传 …); at most three stay in the corner at once.
    await expect(page.locator('.notification:not(.notification-error)').count()).resolves.toBeLessThanOrEqual(3);
    await notesGone(page);
    await unit.screenshot('hotline-walk-08-unit-reads-intake');
    expect(unit.failures).toEqual([]);
  });

  test('a supervisor, who may not take in tickets nor record evaluations, sees neither screen', async () => {
    await server.context.tokens.upsertUser({ id: 'duban', name: '政数局 督查员 许静', department: 'ZSJ', roles: ['supervisor'], groups: [] });
    const viewer = await PersonSession.open(browser, server.url);
    try {
      await viewer.signIn(await server.context.tokens.createToken('duban'));
      await expect(viewer.page.locator('.app-nav a[data-page="intake"]').count()).resolves.toBe(0);
      await viewer.page.goto('/#/intake');
      await viewer.page.locator('#intake-not-allowed').waitFor();
      await expect(viewer.page.locator('#intake-form').count()).resolves.toBe(0);
      // The evaluation is read, not recorded.
      await viewer.page.goto(`/#/monitor/${ticketId}`);
      await expect(viewer.page.locator('#evaluation-shown-result').innerText()).resolves.toBe('满意');
      await expect(viewer.page.locator('#evaluation-form').count()).resolves.toBe(0);
      expect(viewer.failures).toEqual([]);
    } finally {
      await viewer.close();
    }
  });
});
