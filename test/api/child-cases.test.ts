import { end, process as bpmnProcess, start, userTask } from '../integration/durable/models.js';
import { as, createTestApp, type TestApp } from '../support/context.js';

const child = bpmnProcess('site-inspection', [start(), userTask('Inspect', '现场核查'), end()].join('\n'), [
  ['F1', 'Start', 'Inspect'],
  ['F2', 'Inspect', 'End'],
]);
const parent = bpmnProcess(
  'food-licence',
  [start(), '<bpmn:callActivity id="Inspection" name="现场核查"><bpmn:extensionElements><zeebe:calledElement processId="site-inspection" /></bpmn:extensionElements></bpmn:callActivity>', end()].join('\n'),
  [
    ['F1', 'Start', 'Inspection'],
    ['F2', 'Inspection', 'End'],
  ],
);

/** A case's children are cases of their own: listed under the parent only to those who may read each of them. */
describe('child cases of a call activity', () => {
  let t: TestApp;
  let owner: string;
  let reader: string;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.userToken({ id: 'scj.clerk', department: 'SCJGJ', roles: ['staff', 'designer'] });
    reader = await t.userToken({ id: 'zjj.reader', department: 'ZJJ', roles: ['staff'] });
    for (const xml of [child, parent]) await as(t.app, owner).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(xml).expect(201);
  });
  afterAll(() => t.close());

  test('a reader of the parent (抄送) who may not read the child gets an empty list, as reading the child by id gets 404', async () => {
    const parentId = (await as(t.app, owner).post('/api/v1/process-instances').send({ processId: 'food-licence', variables: { applicant: '张三' } }).expect(201)).body.id as string;
    const children = (await as(t.app, owner).get(`/api/v1/process-instances/${parentId}/children`).expect(200)).body.items as Array<{ id: string }>;
    expect(children).toHaveLength(1);
    await as(t.app, owner).post(`/api/v1/process-instances/${parentId}/cc`).send({ users: ['zjj.reader'], reason: '请知悉' }).expect(200);
    await as(t.app, reader).get(`/api/v1/process-instances/${parentId}`).expect(200);
    await as(t.app, reader).get(`/api/v1/process-instances/${children[0].id}`).expect(404);
    const seen = await as(t.app, reader).get(`/api/v1/process-instances/${parentId}/children`).expect(200);
    expect(seen.body.items).toEqual([]);
    expect(JSON.stringify(seen.body)).not.toContain('张三');
  });
});
