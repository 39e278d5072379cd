import { as, createTestApp, type TestApp } from '../support/context.js';

/** 常用语 by kind of case: a permit's 审批 phrases, a 12345 handler's 处置 phrases; one's own phrases with either. */
describe('GET /opinion-phrases?kind=', () => {
  let t: TestApp;
  let token = '';

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.userToken({ id: 'liu', department: 'GAJ', roles: ['staff'] });
  });
  afterAll(() => t.close());

  const texts = async (url: string) => ((await as(t.app, token).get(url)).body.items as Array<{ text: string; scope: string }>).map((phrase) => `${phrase.scope}:${phrase.text}`);

  test('a permit gets the 审批 phrases (the default), a 12345 ticket the 处置 phrases, and both the user\'s own', async () => {
    expect((await as(t.app, token).post('/api/v1/opinion-phrases').send({ text: '已约谈组织者。' })).status).toBe(201);
    const approval = await texts('/api/v1/opinion-phrases');
    expect(approval).toEqual(expect.arrayContaining(['system:材料齐全，符合法定形式，予以受理。', 'mine:已约谈组织者。']));
    expect(approval).not.toContain('system:非本单位职责，申请退单。');
    expect(await texts('/api/v1/opinion-phrases?kind=approval')).toEqual(approval);
    const appeal = await texts('/api/v1/opinion-phrases?kind=appeal');
    expect(appeal).toEqual(expect.arrayContaining(['system:已联系诉求人，现场核实。', 'system:已完成处置，拍照存档。', 'system:非本单位职责，申请退单。', 'mine:已约谈组织者。']));
    expect(appeal).not.toContain('system:材料齐全，符合法定形式，予以受理。');
  });

  test('an unknown kind is refused with a problem in English and Chinese', async () => {
    const refused = await as(t.app, token).get('/api/v1/opinion-phrases?kind=permit');
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.titleZh).toMatch(/[\u4e00-\u9fff]/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ pointer: '/query/kind', messageZh: expect.stringContaining('appeal') })]);
  });
});
