import request from 'supertest';
import { as, createTestApp, type TestApp } from '../support/context.js';

const FOOD = '4419A21012000'; // 食品经营许可 (SCJGJ)

describe('the matter catalog over HTTP: search, as-of reads, batches, diff', () => {
  let t: TestApp;
  let scjg: string;
  let zjj: string;
  let admin: string;
  let reader: string;

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    scjg = await t.userToken({ id: 'scjg1', department: 'SCJGJ', roles: ['designer'] });
    zjj = await t.userToken({ id: 'zjj1', department: 'ZJJ', roles: ['designer'] });
    admin = await t.userToken({ id: 'cadmin', department: 'ZSJ', roles: ['catalog-admin'] });
    reader = await t.userToken({ id: 'reader', department: 'JYJ', roles: ['integrator'] });
  });
  afterAll(() => t.close());

  const food = async (asOf?: string) => (await as(t.app, reader).get(`/api/v1/catalog/matters/${FOOD}${asOf ? `?asOf=${asOf}` : ''}`)).body;

  test('pinyin initials, Chinese substrings, aliases and legal basis all find 食品经营许可', async () => {
    const byInitials = await as(t.app, reader).get('/api/v1/catalog/matters?q=spjy');
    expect(byInitials.status).toBe(200);
    expect(byInitials.body.items[0]).toMatchObject({ code: FOOD, name: '食品经营许可', department: 'SCJGJ', departmentName: '东莞市市场监督管理局' });
    for (const q of ['食品经营', '餐饮许可证', '食品安全法']) {
      const found = await as(t.app, reader).get(`/api/v1/catalog/matters?q=${encodeURIComponent(q)}&limit=500`);
      expect(found.body.items.map((m: { code: string }) => m.code)).toContain(FOOD);
    }
    const none = await as(t.app, reader).get(`/api/v1/catalog/matters?q=${encodeURIComponent('不存在的事项名称')}`);
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  test('filters narrow the search: department, type, region, classification, service object, channel', async () => {
    const all = (await as(t.app, reader).get('/api/v1/catalog/matters?limit=1')).body.total as number;
    expect(all).toBeGreaterThanOrEqual(300);
    const permits = await as(t.app, reader).get(`/api/v1/catalog/matters?department=SCJGJ&matterType=${encodeURIComponent('行政许可')}&limit=500`);
    expect(permits.body.total).toBeGreaterThan(0);
    expect(permits.body.total).toBeLessThan(all);
    expect(permits.body.items.every((m: { department: string; matterType: string }) => m.department === 'SCJGJ' && m.matterType === '行政许可')).toBe(true);
    const inTown = await as(t.app, reader).get('/api/v1/catalog/matters?region=441900003&q=spjy');
    expect(inTown.body.items.map((m: { code: string }) => m.code)).toContain(FOOD);
    const byNode = await as(t.app, reader).get('/api/v1/catalog/matters?scheme=DEPT&classification=01030101');
    expect(byNode.body.items.map((m: { code: string }) => m.code)).toContain(FOOD);
    const online = await as(t.app, reader).get(`/api/v1/catalog/matters?channel=${encodeURIComponent('网办')}&serviceObject=${encodeURIComponent('法人')}&limit=1`);
    expect(online.body.total).toBeGreaterThan(0);
    expect(online.body.total).toBeLessThanOrEqual(all);
  });

  test('classification trees come with counts; regions and organisations are browsable', async () => {
    const tree = await as(t.app, reader).get('/api/v1/catalog/classifications?scheme=DEPT');
    expect(tree.status).toBe(200);
    const leaf = tree.body.items.find((node: { code: string }) => node.code === '01030101');
    expect(leaf.count).toBeGreaterThanOrEqual(1);
    const root = tree.body.items.find((node: { code: string }) => node.code === '01');
    expect(root.count).toBeGreaterThanOrEqual(leaf.count);
    const towns = await as(t.app, reader).get('/api/v1/catalog/regions?parent=441900&level=town');
    expect(towns.body.items.length).toBe(36);
    const branches = await as(t.app, reader).get('/api/v1/catalog/organisations?parent=SCJGJ');
    expect(branches.body.items.length).toBeGreaterThan(0);
    expect(branches.body.items[0].department).toBe('SCJGJ');
  });

  test('a matter opens with its legal basis and limits; its implementation entries by region; unknown codes are 404', async () => {
    const matter = await food();
    expect(matter.legalBasis[0]).toMatchObject({ lawName: '中华人民共和国食品安全法', level: '法律' });
    // 《食品经营许可和备案管理办法》(2023): 10 working days, not the 20 of the replaced 2015 measures.
    expect(matter.legalTimeLimit).toMatchObject({ value: 10, unit: 'workingDay' });
    expect(matter.version).toBe(1);
    const impls = await as(t.app, reader).get(`/api/v1/catalog/matters/${FOOD}/implementations?region=441900003`);
    expect(impls.body.items).toEqual([expect.objectContaining({ regionCode: '441900003', implementingUnit: 'SCJGJ-441900003' })]);
    for (const path of ['/api/v1/catalog/matters/NO-SUCH', '/api/v1/catalog/implementations/NO-SUCH', '/api/v1/catalog/matters/NO-SUCH/versions', '/api/v1/catalog/batches/00000000-0000-0000-0000-000000000000']) {
      const missing = await as(t.app, reader).get(path);
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await request(t.app).get(`/api/v1/catalog/matters/${FOOD}`)).status).toBe(401);
  });

  test('a batch: the department drafts, only a catalog admin publishes, as-of reads see each version, diff names the field', async () => {
    const before = await food();
    const changed = { ...withoutVersionFields(before), promisedTimeLimit: { ...before.promisedTimeLimit, value: 3 } };
    const draft = await as(t.app, scjg)
      .post('/api/v1/catalog/batches')
      .send({ name: '2026年第1批', reason: '压缩承诺时限', effectiveDate: '2026-03-01', items: [{ entity: 'matter', action: 'modify', code: FOOD, document: changed }] });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', department: 'SCJGJ', itemCount: 1 });

    // A draft is the department's own until it is published: another department cannot read it.
    expect((await as(t.app, reader).get(`/api/v1/catalog/batches/${draft.body.id}/diff`)).status).toBe(404);
    expect((await as(t.app, zjj).get(`/api/v1/catalog/batches/${draft.body.id}`)).status).toBe(404);
    expect((await as(t.app, zjj).get('/api/v1/catalog/batches?status=draft')).body.items.map((b: { id: string }) => b.id)).not.toContain(draft.body.id);
    expect((await as(t.app, admin).get(`/api/v1/catalog/batches/${draft.body.id}`)).status).toBe(200);
    const draftDiff = await as(t.app, scjg).get(`/api/v1/catalog/batches/${draft.body.id}/diff`);
    expect(draftDiff.body.matters.changes).toEqual([expect.objectContaining({ code: FOOD, change: 'modified', fields: [expect.objectContaining({ field: 'promisedTimeLimit' })] })]);

    expect((await as(t.app, scjg).post(`/api/v1/catalog/batches/${draft.body.id}/publish`)).status).toBe(403);
    // A department's own catalog administrator prepares drafts but does not publish: the central one does.
    const scjgCatalogAdmin = await t.userToken({ id: 'scjg-cadmin', department: 'SCJGJ', roles: ['catalog-admin'] });
    const refusedPublish = await as(t.app, scjgCatalogAdmin).post(`/api/v1/catalog/batches/${draft.body.id}/publish`);
    expect(refusedPublish.status).toBe(403);
    expect(refusedPublish.body.titleZh).toContain('ZSJ');
    expect((await food()).promisedTimeLimit.value).toBe(5);

    const published = await as(t.app, admin).post(`/api/v1/catalog/batches/${draft.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', approver: 'cadmin', effectiveDate: '2026-03-01' });
    expect((await as(t.app, admin).post(`/api/v1/catalog/batches/${draft.body.id}/publish`)).status).toBe(409);

    expect(await food('2026-02-28')).toMatchObject({ version: 1, promisedTimeLimit: { value: 5 }, validTo: '2026-03-01' });
    expect(await food('2026-03-01')).toMatchObject({ version: 2, promisedTimeLimit: { value: 3 }, validTo: null });
    expect((await as(t.app, reader).get(`/api/v1/catalog/matters/${FOOD}?version=1`)).body.promisedTimeLimit.value).toBe(5);
    const versions = await as(t.app, reader).get(`/api/v1/catalog/matters/${FOOD}/versions`);
    expect(versions.body.items.map((v: { version: number; batchName: string }) => [v.version, v.batchName])).toEqual([
      [1, '示例事项目录（首批）'],
      [2, '2026年第1批'],
    ]);

    const byDate = await as(t.app, reader).get('/api/v1/catalog/diff?from=2026-02-01&to=2026-04-01');
    expect(byDate.body.matters).toMatchObject({ added: 0, removed: 0, modified: 1 });
    expect(byDate.body.matters.changes[0]).toMatchObject({ code: FOOD, fromVersion: 1, toVersion: 2, fields: [{ field: 'promisedTimeLimit', from: expect.objectContaining({ value: 5 }), to: expect.objectContaining({ value: 3 }) }] });
    const batches = (await as(t.app, reader).get('/api/v1/catalog/batches?status=published')).body.items;
    const first = batches.find((b: { source: string }) => b.source === 'sample');
    const byBatch = await as(t.app, reader).get(`/api/v1/catalog/diff?from=${first.id}&to=${draft.body.id}`);
    expect(byBatch.body.matters.modified).toBe(1);
    expect((await as(t.app, reader).get('/api/v1/catalog/diff?from=2026-02-01&to=not-a-batch')).status).toBe(404);
  });

  test('a department may not change another department’s matter; nothing is written', async () => {
    const matter = withoutVersionFields(await food());
    const refused = await as(t.app, zjj)
      .post('/api/v1/catalog/batches')
      .send({ name: '越权', reason: 'test', effectiveDate: '2026-06-01', items: [{ entity: 'matter', action: 'modify', code: FOOD, document: { ...matter, name: '改名' } }] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { code: string }) => e.code)).toContain('not-your-department');
    const drafts = await as(t.app, reader).get('/api/v1/catalog/batches?status=draft');
    expect(drafts.body.items.filter((b: { name: string }) => b.name === '越权')).toEqual([]);
  });

  test('bad items are each named precisely (row, field, code, Chinese and English) and nothing is written', async () => {
    const base = withoutVersionFields(await food());
    const item = (code: string, patch: Record<string, unknown>) => ({ entity: 'matter', action: 'add', code, document: { ...base, code, ...patch } });
    const impl = { implCode: 'X-OUTSIDE', matterCode: 'T-NEW-1', regionCode: '440103', implementingUnit: 'SCJGJ', status: 'active' };
    const response = await as(t.app, admin)
      .post('/api/v1/catalog/batches')
      .send({
        name: '坏批次',
        reason: 'test',
        effectiveDate: '2026-06-01',
        items: [
          item('T-NEW-1', { competentDept: 'NO-DEPT' }),
          item('T-NEW-2', { category: ['01', '0103', '999999'] }),
          item('T-NEW-3', { legalBasis: [{ kind: '设定依据', level: '法律', article: '第一条' }] }),
          item('T-NEW-4', { legalTimeLimit: { value: 20, unit: 'fortnight' } }),
          item('T-NEW-3', {}),
          item(FOOD, {}),
          { entity: 'implementation', action: 'add', code: 'X-OUTSIDE', document: impl },
        ],
      });
    expect(response.status).toBe(422);
    const errors = response.body.errors as Array<{ row: number; code: string; field: string; message: string; messageZh: string }>;
    const at = (row: number) => errors.filter((e) => e.row === row).map((e) => e.code);
    expect(at(1)).toContain('unknown-department');
    expect(at(2)).toContain('unknown-classification');
    expect(errors.find((e) => e.row === 2 && e.code === 'unknown-classification')?.field).toBe('/category/2');
    expect(at(3)).toContain('legal-basis-without-law');
    expect(at(4)).toContain('unknown-time-unit');
    expect(errors.find((e) => e.code === 'unknown-time-unit')?.field).toBe('/legalTimeLimit/unit');
    expect(at(5)).toContain('duplicate-code');
    expect(at(6)).toContain('code-exists');
    expect(at(7)).toContain('region-outside-city');
    expect(errors.every((e) => e.message && e.messageZh)).toBe(true);
    const drafts = await as(t.app, reader).get('/api/v1/catalog/batches?status=draft');
    expect(drafts.body.items.filter((b: { name: string }) => b.name === '坏批次')).toEqual([]);
  });

  test('abolishing a matter takes its implementation entries with it, from the effective date on', async () => {
    const victim = (await as(t.app, reader).get(`/api/v1/catalog/matters?department=SCJGJ&matterType=${encodeURIComponent('行政检查')}&limit=1`)).body.items[0];
    const implsBefore = (await as(t.app, reader).get(`/api/v1/catalog/matters/${victim.code}/implementations`)).body.total as number;
    expect(implsBefore).toBeGreaterThan(0);
    const draft = await as(t.app, scjg).post('/api/v1/catalog/batches').send({ name: '取消事项', reason: '依法取消', effectiveDate: '2026-07-01', items: [{ entity: 'matter', action: 'abolish', code: victim.code }] });
    expect(draft.status).toBe(201);
    expect((await as(t.app, admin).post(`/api/v1/catalog/batches/${draft.body.id}/publish`)).status).toBe(200);
    expect((await as(t.app, reader).get(`/api/v1/catalog/matters/${victim.code}?asOf=2026-07-01`)).status).toBe(404);
    expect((await as(t.app, reader).get(`/api/v1/catalog/matters/${victim.code}?asOf=2026-06-30`)).status).toBe(200);
    const after = await as(t.app, reader).get(`/api/v1/catalog/implementations?matter=${victim.code}&asOf=2026-07-02`);
    expect(after.body.total).toBe(0);
    const diff = await as(t.app, reader).get(`/api/v1/catalog/batches/${draft.body.id}/diff`);
    expect(diff.body.matters).toMatchObject({ removed: 1 });
    expect(diff.body.implementations.removed).toBe(implsBefore);
  });

  test('reference data: a node closing a cycle is refused with the cycle named; a consistent addition is written', async () => {
    const cyclic = await as(t.app, admin)
      .post('/api/v1/catalog/reference-data')
      .send({ classifications: [{ scheme: 'DEPT', code: '01', name: '市场监管', level: 1, parentCode: '01030101' }] });
    expect(cyclic.status).toBe(422);
    expect(cyclic.body.errors.map((e: { code: string }) => e.code)).toContain('classification-cycle');
    expect(cyclic.body.errors.find((e: { code: string }) => e.code === 'classification-cycle').messageZh).toContain('分类存在循环');
    const tree = (await as(t.app, reader).get('/api/v1/catalog/classifications?scheme=DEPT')).body.items;
    expect(tree.find((node: { code: string }) => node.code === '01').parentCode ?? null).toBeNull();

    const added = await as(t.app, admin)
      .post('/api/v1/catalog/reference-data')
      .send({ regions: [{ code: '441900003901-099', name: '主山社区第99综合网格', level: 'grid', parentCode: '441900003901', kind: '综合网格' }] });
    expect(added.status).toBe(200);
    const grids = await as(t.app, reader).get('/api/v1/catalog/regions?parent=441900003901&level=grid');
    expect(grids.body.items.map((region: { code: string }) => region.code)).toContain('441900003901-099');
    const orphan = await as(t.app, admin).post('/api/v1/catalog/reference-data').send({ regions: [{ code: 'X1', name: 'x', level: 'grid', parentCode: 'NOWHERE', kind: '综合网格' }] });
    expect(orphan.body.errors).toEqual([expect.objectContaining({ code: 'unknown-region', key: 'X1' })]);
    expect((await as(t.app, scjg).post('/api/v1/catalog/reference-data').send({ regions: [] })).status).toBe(403);
  });

  test('the OpenAPI document carries the catalog endpoints with their schemas', async () => {
    const doc = (await request(t.app).get('/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/catalog/matters', '/catalog/matters/{code}', '/catalog/batches/{id}/publish', '/catalog/diff', '/catalog/import/{entity}', '/catalog/export/{entity}', '/matters/{code}/cases', '/catalog/process-templates/{key}', '/catalog/bundles/{code}', '/bundles/{code}/cases', '/catalog/matters/{code}/process-bindings']),
    );
    // A named schema: the operation refers to components.schemas.Matter.
    const matter = doc.paths['/catalog/matters/{code}'].get.responses['200'].content['application/json'].schema;
    expect(matter).toEqual({ $ref: '#/components/schemas/Matter' });
    expect(JSON.stringify(doc.components.schemas.Matter)).toContain('legalTimeLimit');
    expect(doc.paths['/catalog/batches/{id}/publish'].post['x-roles']).toEqual(['catalog-admin']);
    const batchItem = JSON.stringify(doc.paths['/catalog/batches'].post.requestBody.content['application/json'].schema);
    expect(batchItem).toContain('"bundle"');
  });
});

function withoutVersionFields(detail: Record<string, unknown>): Record<string, unknown> {
  const { version: _v, validFrom: _f, validTo: _t, department: _d, departmentName: _n, processId: _p, processDepartment: _pd, ...document } = detail;
  return document;
}
