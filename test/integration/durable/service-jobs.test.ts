import { EngineError } from '../../../engine/index.js';
import { clerk, harness, outsider, type Harness } from './harness.js';
import { definitions, end, process, serviceTask, start, userTask } from './models.js';

const withRetries = process('with-retries', [start(), serviceTask('Charge', 'charge-fee', 2), end()].join('\n'), [
  ['F1', 'Start', 'Charge'],
  ['F2', 'Charge', 'End'],
]);

const errorCaught = definitions(
  `<bpmn:process id="error-caught" isExecutable="true">
    ${start()}
    ${serviceTask('Verify', 'verify-licence')}
    <bpmn:boundaryEvent id="Invalid" attachedToRef="Verify"><bpmn:errorEventDefinition errorRef="Err_Invalid" /></bpmn:boundaryEvent>
    ${userTask('Reject', '不予许可')}
    ${end()}
    <bpmn:endEvent id="EndRejected" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Verify" />
    <bpmn:sequenceFlow id="F2" sourceRef="Verify" targetRef="End" />
    <bpmn:sequenceFlow id="F3" sourceRef="Invalid" targetRef="Reject" />
    <bpmn:sequenceFlow id="F4" sourceRef="Reject" targetRef="EndRejected" />
  </bpmn:process>`,
  '<bpmn:error id="Err_Invalid" name="Licence invalid" errorCode="LICENCE_INVALID" />',
);

const expressionGateway = process(
  'expression-gateway',
  [start(), '<bpmn:exclusiveGateway id="Route" default="FDefault" />', userTask('Big'), userTask('Small'), end('End1'), end('End2')].join('\n'),
  [
    ['F1', 'Start', 'Route'],
    ['FBig', 'Route', 'Big', '=amount &gt; limit'],
    ['FDefault', 'Route', 'Small'],
    ['F2', 'Big', 'End1'],
    ['F3', 'Small', 'End2'],
  ],
);

describe('service-task jobs: retries with backoff, incidents, BPMN errors', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    for (const xml of [withRetries, errorCaught, expressionGateway]) await h.context.engine.deploy({ xml, actor: clerk });
  });
  afterAll(() => h.close());

  test('a failed job is retried after its backoff; with no retries left it raises an incident naming the job type and the message; resolving it makes the job activatable again', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'with-retries', actor: clerk });
    const [job] = await engine.activateJobs(clerk, { type: 'charge-fee', worker: 'w1', max: 5, lockMs: 60_000 });
    expect(job).toMatchObject({ instance_id: instance.id, retries: 2 });

    await engine.failJob(clerk, job.id, { retries: 1, retryBackoffMs: 30_000, errorMessage: '缴费系统超时' });
    expect(await engine.activateJobs(clerk, { type: 'charge-fee', worker: 'w1', max: 5, lockMs: 60_000 })).toHaveLength(0);
    h.clock.advance(30_000);
    const [again] = await engine.activateJobs(clerk, { type: 'charge-fee', worker: 'w2', max: 5, lockMs: 60_000 });
    expect(again).toMatchObject({ id: job.id, retries: 1, error_message: '缴费系统超时' });

    await engine.failJob(clerk, job.id, { retries: 0, errorMessage: 'payment gateway refused' });
    const [incident] = await engine.listIncidents(clerk, { instanceId: instance.id });
    expect(incident).toMatchObject({ error_type: 'JOB_NO_RETRIES', job_id: job.id, state: 'active' });
    expect(incident.message).toContain("'charge-fee'");
    expect(incident.message).toContain('payment gateway refused');
    expect(incident.message_zh).toContain('重试次数已用完');
    expect(incident.data).toMatchObject({ jobType: 'charge-fee', worker: 'w2' });
    expect((await engine.getInstance(clerk, instance.id)).state.waiting).toEqual([expect.objectContaining({ elementId: 'Charge', state: 'incident' })]);
    expect(await engine.activateJobs(clerk, { type: 'charge-fee', worker: 'w1', max: 5, lockMs: 60_000 })).toHaveLength(0);

    await expect(engine.resolveIncident(outsider, incident.id)).rejects.toMatchObject({ kind: 'not-found' });
    const resolved = await engine.resolveIncident(clerk, incident.id, { retries: 2 });
    expect(resolved).toMatchObject({ state: 'resolved', resolved_by: 'clerk' });
    const [third] = await engine.activateJobs(clerk, { type: 'charge-fee', worker: 'w3', max: 5, lockMs: 60_000 });
    expect(third).toMatchObject({ instance_id: instance.id, retries: 2 });
    await engine.completeJob(clerk, third.id, { paid: true });
    const done = await engine.getInstance(clerk, instance.id);
    expect(done.status).toBe('completed');
    expect(done.state.variables).toEqual({ paid: true });
    const types = (await engine.history(clerk, instance.id)).map((event) => event.type);
    expect(types.filter((type) => type === 'job.failed')).toHaveLength(1);
    expect(types).toEqual(expect.arrayContaining(['incident.created', 'instance.completed']));
  });

  test('a completed job cannot be completed, failed or thrown again', async () => {
    const { engine } = h.context;
    await engine.startInstance({ processId: 'with-retries', actor: clerk });
    const [job] = await engine.activateJobs(clerk, { type: 'charge-fee', worker: 'w1', max: 1, lockMs: 60_000 });
    await engine.completeJob(clerk, job.id, {});
    // The tombstone tells a worker retrying after a lost answer that its completion did commit.
    await expect(engine.completeJob(clerk, job.id, {})).rejects.toMatchObject({ kind: 'conflict', message: expect.stringMatching(/already completed by worker w1 at /) });
    await expect(engine.failJob(clerk, job.id, { retries: 0 })).rejects.toBeInstanceOf(EngineError);
  });

  test('a BPMN error thrown by a worker is caught by the error boundary event; the job is gone', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'error-caught', actor: clerk });
    const [job] = await engine.activateJobs(clerk, { type: 'verify-licence', worker: 'w1', max: 1, lockMs: 60_000 });
    await engine.throwJobError(clerk, job.id, { errorCode: 'LICENCE_INVALID', errorMessage: '许可证已吊销', variables: { reason: 'revoked' } });
    const [task] = await engine.listTasks(clerk, { instanceId: instance.id });
    expect(task.name).toBe('不予许可');
    expect((await engine.getInstance(clerk, instance.id)).state.variables).toMatchObject({ reason: 'revoked' });
    await expect(engine.completeJob(clerk, job.id, {})).rejects.toMatchObject({ kind: 'conflict', message: expect.stringMatching(/already ended with a BPMN error/) });
  });

  test('an error code nobody catches becomes an UNHANDLED_ERROR incident', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'error-caught', actor: clerk });
    const [job] = await engine.activateJobs(clerk, { type: 'verify-licence', worker: 'w1', max: 1, lockMs: 60_000 });
    await engine.throwJobError(clerk, job.id, { errorCode: 'SOMETHING_ELSE' });
    const [incident] = await engine.listIncidents(clerk, { instanceId: instance.id });
    expect(incident.error_type).toBe('UNHANDLED_ERROR');
    expect(incident.message).toContain('SOMETHING_ELSE');
  });

  test('a FEEL condition that fails is an incident with the expression; after the variables are set, resolving it takes the right flow', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'expression-gateway', variables: { amount: 5 }, actor: clerk });
    const [incident] = await engine.listIncidents(clerk, { instanceId: instance.id });
    expect(incident).toMatchObject({ error_type: 'EXPRESSION_FAILED', element_id: 'Route' });
    expect(await engine.listTasks(clerk, { instanceId: instance.id })).toEqual([]);
    await engine.setVariables(clerk, instance.id, { limit: 3 });
    await engine.resolveIncident(clerk, incident.id);
    const [task] = await engine.listTasks(clerk, { instanceId: instance.id });
    expect(task.element_id).toBe('Big');
    expect(await engine.listIncidents(clerk, { instanceId: instance.id })).toEqual([]);
  });
});
