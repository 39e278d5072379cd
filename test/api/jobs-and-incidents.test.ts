import { as, createTestApp, type TestApp } from '../support/context.js';
import { definitions, end, serviceTask, start } from '../integration/durable/models.js';

const payFee = definitions(`<bpmn:process id="pay-fee" isExecutable="true">
    ${start()}
    ${serviceTask('Pay', 'pay-fee', 1)}
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Pay" />
    <bpmn:sequenceFlow id="F2" sourceRef="Pay" targetRef="End" />
  </bpmn:process>`);

describe('jobs and incidents over HTTP', () => {
  let t: TestApp;
  let worker: string;
  let supervisor: string;
  let otherWorker: string;
  beforeAll(async () => {
    t = await createTestApp();
    const designer = await t.userToken({ id: 'designer', department: 'SCJGJ', roles: ['designer'] });
    worker = await t.userToken({ id: 'payment-worker', department: 'SCJGJ', roles: ['integrator'] });
    supervisor = await t.userToken({ id: 'ops', department: 'SCJGJ', roles: ['supervisor'] });
    otherWorker = await t.userToken({ id: 'zjj-worker', department: 'ZJJ', roles: ['integrator'] });
    expect((await as(t.app, designer).post('/api/v1/deployments').send({ xml: payFee })).status).toBe(201);
  });
  afterAll(() => t.close());

  test('fail with no retries → incident naming the job type and message → resolve with retries → activate again → complete', async () => {
    const started = await as(t.app, worker).post('/api/v1/process-instances').send({ processId: 'pay-fee' });
    expect(started.status).toBe(201);
    const activated = await as(t.app, worker).post('/api/v1/jobs/activate').send({ type: 'pay-fee', worker: 'w1', maxJobs: 5 });
    const [job] = activated.body.items;
    expect(job).toMatchObject({ processInstanceId: started.body.id, retries: 1 });

    expect((await as(t.app, otherWorker).post(`/api/v1/jobs/${job.id}/fail`).send({ retries: 0 })).status).toBe(404);
    const failed = await as(t.app, worker).post(`/api/v1/jobs/${job.id}/fail`).send({ retries: 0, errorMessage: '银行接口返回 502' });
    expect(failed.status).toBe(200);

    const incidents = await as(t.app, supervisor).get(`/api/v1/incidents?processInstanceId=${started.body.id}`);
    expect(incidents.body.items).toHaveLength(1);
    const [incident] = incidents.body.items;
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', jobId: job.id, elementId: 'Pay', state: 'active', cause: { jobType: 'pay-fee', worker: 'w1', errorMessage: '银行接口返回 502' } });
    expect(incident.message).toContain('银行接口返回 502');
    expect((await as(t.app, otherWorker).get(`/api/v1/incidents/${incident.id}`)).status).toBe(404);
    expect((await as(t.app, otherWorker).get('/api/v1/incidents')).body.items).toEqual([]);

    const resolved = await as(t.app, supervisor).post(`/api/v1/incidents/${incident.id}/resolve`).send({ retries: 3 });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'resolved', resolvedBy: 'ops' });
    expect((await as(t.app, supervisor).post(`/api/v1/incidents/${incident.id}/resolve`).send({})).status).toBe(409);

    const [again] = (await as(t.app, worker).post('/api/v1/jobs/activate').send({ type: 'pay-fee', worker: 'w2' })).body.items;
    expect(again).toMatchObject({ processInstanceId: started.body.id, retries: 3 });
    expect((await as(t.app, worker).post(`/api/v1/jobs/${again.id}/complete`).send({ variables: { receipt: 'R-1' } })).status).toBe(204);
    expect((await as(t.app, worker).get(`/api/v1/process-instances/${started.body.id}`)).body).toMatchObject({ status: 'completed', variables: { receipt: 'R-1' } });
  });

  test('bad input is a precise problem, and nothing is written', async () => {
    const started = await as(t.app, worker).post('/api/v1/process-instances').send({ processId: 'pay-fee' });
    const [job] = (await as(t.app, worker).post('/api/v1/jobs/activate').send({ type: 'pay-fee', worker: 'w1' })).body.items;
    const noRetries = await as(t.app, worker).post(`/api/v1/jobs/${job.id}/fail`).send({ retryBackoffMs: -1 });
    expect(noRetries.status).toBe(400);
    expect(noRetries.headers['content-type']).toMatch(/problem\+json/);
    expect(noRetries.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(['/body/retries', '/body/retryBackoffMs']);
    const noCode = await as(t.app, worker).post(`/api/v1/jobs/${job.id}/throw-error`).send({ errorMessage: 'x' });
    expect(noCode.status).toBe(400);
    expect(noCode.body.errors[0].pointer).toBe('/body/errorCode');
    expect((await as(t.app, worker).post('/api/v1/jobs/not-a-job/complete').send({})).status).toBe(404);
    expect((await as(t.app, worker).get(`/api/v1/incidents?processInstanceId=${started.body.id}&state=open`)).body.errors[0].pointer).toBe('/query/state');
    // The job is untouched: still activated by w1, completable.
    expect((await as(t.app, worker).post(`/api/v1/jobs/${job.id}/complete`).send({})).status).toBe(204);
  });

  test('throw-error with no catching boundary raises an incident; the OpenAPI document lists the job routes', async () => {
    await as(t.app, worker).post('/api/v1/process-instances').send({ processId: 'pay-fee' });
    const [job] = (await as(t.app, worker).post('/api/v1/jobs/activate').send({ type: 'pay-fee', worker: 'w1' })).body.items;
    expect((await as(t.app, worker).post(`/api/v1/jobs/${job.id}/throw-error`).send({ errorCode: 'FEE_WAIVED' })).status).toBe(204);
    const incidents = (await as(t.app, supervisor).get(`/api/v1/incidents?processInstanceId=${job.processInstanceId}`)).body.items;
    expect(incidents[0]).toMatchObject({ errorType: 'UNHANDLED_ERROR' });
    const doc = await as(t.app, worker).get('/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/jobs/{id}/fail', '/jobs/{id}/throw-error', '/jobs/{id}/retries', '/incidents', '/incidents/{id}/resolve']));
  });
});
