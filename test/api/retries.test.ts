import { as, createTestApp, type TestApp } from '../support/context.js';
import { end, process, serviceTask, start, userTask } from '../integration/durable/models.js';

const intake = process('intake', [start(), userTask('Check'), end()].join('\n'), [
  ['F1', 'Start', 'Check'],
  ['F2', 'Check', 'End'],
]);
const work = process('work', [start(), serviceTask('Work', 'stamp'), end()].join('\n'), [
  ['F1', 'Start', 'Work'],
  ['F2', 'Work', 'End'],
]);

describe('retries after an unknown outcome: the client learns what happened', () => {
  let t: TestApp;
  let integrator: ReturnType<typeof as>;

  beforeAll(async () => {
    t = await createTestApp();
    integrator = as(t.app, await t.userToken({ id: 'portal', department: 'SCJGJ', roles: ['integrator', 'designer'] }));
    await integrator.post('/api/v1/deployments').set('Content-Type', 'application/xml').send(intake).expect(201);
    await integrator.post('/api/v1/deployments').set('Content-Type', 'application/xml').send(work).expect(201);
  });
  afterAll(() => t.close());

  test('a start repeated with the same business key and request answers 200 with the instance the first one created', async () => {
    const body = { processId: 'intake', businessKey: 'SQ-2026-0001', variables: { applicant: '张三', items: [1, 2], address: { town: '莞城', street: '一路' } } };
    const first = await integrator.post('/api/v1/process-instances').send(body).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same request, keys in another order: the same request.
    const again = await integrator
      .post('/api/v1/process-instances')
      .send({ variables: { address: { street: '一路', town: '莞城' }, items: [1, 2], applicant: '张三' }, businessKey: 'SQ-2026-0001', processId: 'intake' })
      .expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.location).toBe(`/api/v1/process-instances/${first.body.id}`);
    const listed = await integrator.get('/api/v1/process-instances?businessKey=SQ-2026-0001').expect(200);
    expect(listed.body.items).toHaveLength(1);
  });

  test('a different request under a business key in use is a 409 naming the instance that holds it', async () => {
    const first = await integrator.post('/api/v1/process-instances').send({ processId: 'intake', businessKey: 'SQ-2026-0002', variables: { applicant: '张三' } }).expect(201);
    const other = await integrator.post('/api/v1/process-instances').send({ processId: 'intake', businessKey: 'SQ-2026-0002', variables: { applicant: '李四' } }).expect(409);
    expect(other.headers['content-type']).toMatch(/problem\+json/);
    expect(other.body.title).toContain(first.body.id);
    expect(other.body.titleZh).toMatch(/业务编号“SQ-2026-0002”已被/);
    expect(other.body.errors).toEqual([expect.objectContaining({ field: '/businessKey' })]);
    // Asking for a version explicitly is a different request too.
    await integrator.post('/api/v1/process-instances').send({ processId: 'intake', version: 1, businessKey: 'SQ-2026-0002', variables: { applicant: '张三' } }).expect(409);
  });

  test('the OpenAPI document says so', async () => {
    const document = (await integrator.get('/api/v1/openapi.json').expect(200)).body;
    const responses = document.paths['/process-instances'].post.responses;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['200', '201', '409']));
    expect(responses['200'].headers['Idempotent-Replayed']).toBeDefined();
  });

  test('a job completion retried after it committed tells the worker it was completed, by whom and when', async () => {
    const started = await integrator.post('/api/v1/process-instances').send({ processId: 'work' }).expect(201);
    const [job] = (await integrator.post('/api/v1/jobs/activate').send({ type: 'stamp', worker: 'stamp-worker-1' }).expect(200)).body.items;
    await integrator.post(`/api/v1/jobs/${job.id}/complete`).send({ variables: { stamped: true } }).expect(204);
    const retried = await integrator.post(`/api/v1/jobs/${job.id}/complete`).send({ variables: { stamped: true } }).expect(409);
    expect(retried.body.title).toMatch(/already completed by worker stamp-worker-1 at \d{4}-\d\d-\d\dT/);
    expect(retried.body.errors).toEqual([expect.objectContaining({ code: 'job.already-completed' })]);
    // A failure report or a BPMN error after completion is told the same; the instance moved on once.
    await integrator.post(`/api/v1/jobs/${job.id}/fail`).send({ retries: 0 }).expect(409);
    const history = (await integrator.get(`/api/v1/process-instances/${started.body.id}/history`).expect(200)).body.items;
    expect(history.filter((event: { type: string }) => event.type === 'instance.completed')).toHaveLength(1);
    // A job that never existed is still a 404.
    await integrator.post('/api/v1/jobs/00000000-0000-4000-8000-000000000000/complete').send({}).expect(404);
  });

  test("another department's finished job is not revealed", async () => {
    const started = await integrator.post('/api/v1/process-instances').send({ processId: 'work' }).expect(201);
    const [job] = (await integrator.post('/api/v1/jobs/activate').send({ type: 'stamp', worker: 'w' }).expect(200)).body.items;
    await integrator.post(`/api/v1/jobs/${job.id}/complete`).send({}).expect(204);
    const outsider = as(t.app, await t.userToken({ id: 'outsider', department: 'ZJJ', roles: ['integrator'] }));
    await outsider.post(`/api/v1/jobs/${job.id}/complete`).send({}).expect(404);
    expect(started.body.id).toBeDefined();
  });
});
