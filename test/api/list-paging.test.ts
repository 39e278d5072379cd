import request from 'supertest';
import { as, createTestApp, type TestApp } from '../support/context.js';
import { end, process, start } from '../integration/durable/models.js';

/**
 * Every list pages alike: `limit` items, the `total` that match, and a `nextCursor` to pass back as
 * `cursor` (null on the last page). Walking a list page by page gives each item once, in order, and
 * another department's user sees none of it.
 */
const taskProcess = (id: string) =>
  process(id, [start(), '<bpmn:userTask id="Check" name="核查" />', end()].join('\n'), [
    ['F1', 'Start', 'Check'],
    ['F2', 'Check', 'End'],
  ]);

let t: TestApp;
let designer: string;
let outsider: string;

beforeAll(async () => {
  t = await createTestApp();
  designer = await t.userToken({ id: 'designer', department: 'SCJGJ', roles: ['designer', 'integrator', 'staff'] });
  outsider = await t.userToken({ id: 'other', department: 'ZJJ', roles: ['designer', 'integrator', 'staff'] });
  // Five processes, the last one in two versions; three forms.
  for (const id of ['p-a', 'p-b', 'p-c', 'p-d', 'p-e']) await as(t.app, designer).post('/api/v1/deployments').send({ xml: taskProcess(id) }).expect(201);
  await as(t.app, designer).post('/api/v1/deployments').send({ xml: taskProcess('p-e').replace('name="核查"', 'name="复核"') }).expect(201);
  for (const id of ['form-a', 'form-b', 'form-c']) {
    await as(t.app, designer).post('/api/v1/forms').send({ id, components: [{ type: 'textfield', key: 'note', label: '备注' }] }).expect(201);
  }
});
afterAll(async () => {
  await t.close();
});

/** Every item of a list, a page of `limit` at a time, checking each page's total and cursor. */
async function walk(token: string, path: string, limit: number): Promise<{ items: Array<Record<string, unknown>>; pages: number; total: number }> {
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  let pages = 0;
  let total = -1;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const url: string = `/api/v1${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await as(t.app, token).get(url).expect(200);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    if (total === -1) total = page.body.total;
    expect(page.body.total).toBe(total);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor !== null && pages < 50);
  return { items, pages, total };
}

describe('paging with a cursor', () => {
  test('process definitions: every version once, by process id then newest version, in pages', async () => {
    const walked = await walk(designer, '/process-definitions', 2);
    expect(walked.total).toBe(6);
    expect(walked.pages).toBe(3);
    expect(walked.items.map((item) => `${item.processId} v${item.version}`)).toEqual(['p-a v1', 'p-b v1', 'p-c v1', 'p-d v1', 'p-e v2', 'p-e v1']);
    const whole = await as(t.app, designer).get('/api/v1/process-definitions').expect(200);
    expect(whole.body).toMatchObject({ total: 6, nextCursor: null });
    expect(whole.body.items.map((item: { id: string }) => item.id)).toEqual(walked.items.map((item) => item.id));
  });

  test('forms: the latest version of each, in pages', async () => {
    const walked = await walk(designer, '/forms', 2);
    expect(walked).toMatchObject({ total: 3, pages: 2 });
    expect(walked.items.map((item) => item.formId)).toEqual(['form-a', 'form-b', 'form-c']);
  });

  test("a case's history: page by page it is the whole trail, in order", async () => {
    const started = await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'p-a', variables: { a: 1 } }).expect(201);
    const whole = await as(t.app, designer).get(`/api/v1/process-instances/${started.body.id}/history`).expect(200);
    expect(whole.body.nextCursor).toBeNull();
    expect(whole.body.total).toBe(whole.body.items.length);
    expect(whole.body.total).toBeGreaterThan(3);
    const walked = await walk(designer, `/process-instances/${started.body.id}/history`, 2);
    expect(walked.items.map((event) => event.id)).toEqual(whole.body.items.map((event: { id: number }) => event.id));
  });

  test("another department sees none of it, and its totals say so", async () => {
    expect((await as(t.app, outsider).get('/api/v1/process-definitions').expect(200)).body).toEqual({ items: [], total: 0, nextCursor: null });
    expect((await as(t.app, outsider).get('/api/v1/forms').expect(200)).body).toEqual({ items: [], total: 0, nextCursor: null });
    expect((await as(t.app, outsider).get('/api/v1/incidents').expect(200)).body).toEqual({ items: [], total: 0, nextCursor: null });
  });

  test('a cursor the server did not issue is refused with a problem naming it', async () => {
    const refused = await as(t.app, designer).get('/api/v1/forms?cursor=bm90LWEtY3Vyc29y');
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: '/cursor', code: 'invalid-cursor' })]);
  });
});

describe('the shape of every list', () => {
  test('every GET that answers a list says items, total and nextCursor in the OpenAPI document', async () => {
    const document = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body;
    const resolve = (schema: { $ref?: string }) => (schema.$ref ? document.components.schemas[schema.$ref.split('/').pop()!] : schema);
    const lists: string[] = [];
    const unpaged: string[] = [];
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>)) {
      const get = operations.get;
      const schema = get?.responses['200']?.content?.['application/json']?.schema;
      const properties = schema ? resolve(schema).properties : undefined;
      // A batch is one thing that carries its items, not a list.
      if (!properties?.items || properties.items.type !== 'array' || path === '/catalog/batches/{id}') continue;
      lists.push(path);
      if (!properties.total || !properties.nextCursor) unpaged.push(path);
    }
    expect(lists.length).toBeGreaterThan(35);
    expect(unpaged).toEqual([]);
  });
});
