import { raiseIncident, retryIncident, throwError } from '../../../engine/runtime/index.js';
import { compileOne, definitions, flow, flows, problemsOf, processXml, serviceTask, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

const listeners = (...entries: Array<[string, string, string?]>) =>
  `<zeebe:executionListeners>${entries.map(([eventType, type, retries]) => `<zeebe:executionListener eventType="${eventType}" type="${type}"${retries ? ` retries="${retries}"` : ''}/>`).join('')}</zeebe:executionListeners>`;

/** The job waiting for an element instance, by its job type. */
const jobsOf = (run: PureRunner) => run.of('job.created').map((job) => `${job.elementId}:${job.jobType}${job.listenerEventType ? `(${job.listenerEventType})` : ''}`);

describe('execution listeners run as jobs with Camunda 8 semantics (pure interpreter)', () => {
  test('start listeners run in model order before the element works, end listeners after it before it is left; each waits for its job', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${serviceTask('pay', 'pay', listeners(['start', 'check-limit'], ['start', 'reserve'], ['end', 'receipt']))}${userTask('after')}
        ${flows('start', 'pay', 'after')}`,
      ),
    );
    const run = new PureRunner(model, { roundTrip: true }).start({ amount: 5 });
    expect(jobsOf(run)).toEqual(['pay:check-limit(start)']);
    run.complete('pay', { limit: 10 });
    expect(jobsOf(run)).toEqual(['pay:check-limit(start)', 'pay:reserve(start)']);
    // A start listener's variables are local to the element: its job sees them, the process does not.
    run.complete('pay', {});
    const work = run.of('job.created')[2];
    expect(work).toEqual(expect.objectContaining({ jobType: 'pay', variables: expect.objectContaining({ limit: 10, amount: 5 }) }));
    expect(work.listenerEventType).toBeUndefined();
    expect(run.variables).not.toHaveProperty('limit');
    run.complete('pay', { paid: true });
    expect(jobsOf(run).at(-1)).toBe('pay:receipt(end)');
    expect(run.waitingIds()).toEqual(['pay']);
    // An end listener's variables go to the scope, like output mappings.
    run.complete('pay', { receiptNo: 'R1' });
    expect(run.waitingIds()).toEqual(['after']);
    expect(run.variables).toEqual(expect.objectContaining({ paid: true, receiptNo: 'R1' }));
  });

  test('a user task waits for its start listener before it is created, and for its end listener after it is completed', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/>${userTask('review', listeners(['start', 'prefill'], ['end', 'archive']))}<endEvent id="end"/>${flows('start', 'review', 'end')}`));
    const run = new PureRunner(model).start();
    expect(run.of('userTask.created')).toEqual([]);
    run.complete('review', { suggestion: '同意' });
    expect(run.of('userTask.created')).toHaveLength(1);
    run.complete('review', { decision: '同意' });
    expect(jobsOf(run)).toEqual(['review:prefill(start)', 'review:archive(end)']);
    expect(run.status).toBe('active');
    run.complete('review');
    expect(run.status).toBe('completed');
  });

  test('a catch event, a gateway and each run of a multi-instance activity run their listeners; the gateway decides after its start listener', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/><exclusiveGateway id="route" default="route-b"><extensionElements>${listeners(['start', 'score'])}</extensionElements></exclusiveGateway>
        <userTask id="a"><extensionElements>${listeners(['end', 'log'])}</extensionElements><multiInstanceLoopCharacteristics><extensionElements><zeebe:loopCharacteristics inputCollection="=[1, 2]" inputElement="n"/></extensionElements></multiInstanceLoopCharacteristics></userTask>
        ${userTask('b')}
        ${flows('start', 'route')}${flow('route', 'a', '=score > 5')}${flow('route', 'b')}`,
      ),
    );
    const run = new PureRunner(model).start();
    run.complete('route', { score: 9 });
    const runs = run.state.waiting.filter((entry) => entry.elementId === 'a').map((entry) => entry.id);
    expect(runs).toHaveLength(2);
    for (const id of runs) run.completeAt(id);
    expect(jobsOf(run).filter((job) => job === 'a:log(end)')).toHaveLength(2);
  });

  test('a listener job that runs out of retries is an incident on the element; the retry waits for the same listener; a BPMN error from it is refused', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/>${serviceTask('pay', 'pay', listeners(['start', 'check']))}${userTask('after')}${flows('start', 'pay', 'after')}`));
    const run = new PureRunner(model).start();
    const id = run.waiting('pay');
    const refused = throwError(model, run.state, id, 'E', '', {}, run.now);
    expect(refused).toEqual(expect.objectContaining({ ok: false, reason: 'listener-job' }));
    run.apply(raiseIncident(model, run.state, id, 'JOB_NO_RETRIES', 'no retries', '无重试', run.now));
    expect(run.state.waiting).toEqual([expect.objectContaining({ elementId: 'pay', state: 'incident' })]);
    run.apply(retryIncident(model, run.state, id, run.now));
    run.complete('pay');
    expect(jobsOf(run)).toEqual(['pay:check(start)', 'pay:pay']);
  });

  test('an element left while it waits for a listener job withdraws the job', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${serviceTask('pay', 'pay', listeners(['start', 'check']))}<boundaryEvent id="late" attachedToRef="pay"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition></boundaryEvent>${userTask('after')}${userTask('timeout')}
        ${flows('start', 'pay', 'after')}${flows('late', 'timeout')}`,
      ),
    );
    const run = new PureRunner(model).start();
    // Start listeners run before the element subscribes to its boundary events (Camunda 8).
    expect(run.openSubscriptions('timer')).toEqual([]);
    run.cancel();
    expect(run.of('job.canceled')).toEqual([expect.objectContaining({ elementId: 'pay' })]);
  });

  test('listeners Camunda 8 does not run are refused at deployment, naming the element', async () => {
    const problems = await problemsOf(
      processXml(
        'p',
        `<extensionElements>${listeners(['start', 'audit'])}</extensionElements>
        <startEvent id="start"><extensionElements>${listeners(['start', 'x'])}</extensionElements></startEvent>
        <exclusiveGateway id="gw"><extensionElements>${listeners(['end', 'y'])}</extensionElements></exclusiveGateway>
        ${serviceTask('twice', 'twice', listeners(['start', 'same'], ['start', 'same']))}
        <endEvent id="end"><extensionElements>${listeners(['middle', 'z'])}</extensionElements></endEvent>
        ${flows('start', 'gw', 'twice', 'end')}`,
      ),
    );
    expect(problems.map((entry) => [entry.code, entry.elementId])).toEqual(
      expect.arrayContaining([
        ['listener.process', 'p'],
        ['listener.placement', 'start'],
        ['listener.placement', 'gw'],
        ['listener.duplicate', 'twice'],
        ['listener.eventType', 'end'],
      ]),
    );
  });
});

describe('nothing in a model is silently ignored', () => {
  test('task listeners, Camunda 7 extensions and attributes, job types where no job runs, and unexecuted zeebe options are refused by name', async () => {
    const problems = await problemsOf(
      definitions(`<process id="p" isExecutable="true" xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
        <startEvent id="start"/>
        <userTask id="withListener"><extensionElements><zeebe:taskListeners><zeebe:taskListener eventType="completing" type="check"/></zeebe:taskListeners></extensionElements></userTask>
        <userTask id="c7" camunda:assignee="demo"/>
        <serviceTask id="c7listener"><extensionElements><zeebe:taskDefinition type="x"/><camunda:executionListener event="start" class="Foo"/></extensionElements></serviceTask>
        <userTask id="jobUserTask"><extensionElements><zeebe:taskDefinition type="legacy"/></extensionElements></userTask>
        <endEvent id="end"><extensionElements><zeebe:taskDefinition type="ignored"/></extensionElements></endEvent>
        <callActivity id="call"><extensionElements><zeebe:calledElement processId="child" businessId="=applicationNo"/></extensionElements></callActivity>
        ${flows('start', 'withListener', 'c7', 'c7listener', 'jobUserTask', 'call', 'end')}
      </process>`),
    );
    const codesOf = (id: string) => problems.filter((entry) => entry.elementId === id).map((entry) => entry.code);
    expect(codesOf('withListener')).toEqual(['extension.unsupported']);
    expect(problems.find((entry) => entry.elementId === 'withListener')?.message).toMatch(/task listeners/);
    expect(codesOf('c7')).toEqual(['extension.unsupported']);
    expect(problems.find((entry) => entry.elementId === 'c7')?.message).toContain('camunda:assignee');
    expect(codesOf('c7listener')).toEqual(['extension.unsupported']);
    expect(codesOf('jobUserTask')).toContain('extension.unsupported');
    expect(codesOf('end')).toEqual(['extension.unsupported']);
    expect(codesOf('call')).toEqual(['extension.unsupported']);
  });

  test('zeebe:properties reach the task and the job; priority and follow-up date reach the task; task headers too', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>
        ${userTask('review', '<zeebe:properties><zeebe:property name="channel" value="窗口"/></zeebe:properties><zeebe:priorityDefinition priority="=if urgent then 90 else 30"/><zeebe:taskSchedule followUpDate="=&quot;2025-10-08T09:00:00+08:00&quot;"/><zeebe:taskHeaders><zeebe:header key="template" value="A4"/></zeebe:taskHeaders>')}
        ${serviceTask('notify', 'notify', '<zeebe:properties><zeebe:property name="sms" value="yes"/></zeebe:properties>')}<endEvent id="end"/>
        ${flows('start', 'review', 'notify', 'end')}`,
      ),
    );
    const run = new PureRunner(model).start({ urgent: true });
    expect(run.of('userTask.created')[0]).toEqual(
      expect.objectContaining({ priority: 90, properties: { channel: '窗口' }, headers: { template: 'A4' }, followUpDate: '2025-10-08T01:00:00.000Z' }),
    );
    run.complete('review');
    expect(run.of('job.created')[0]).toEqual(expect.objectContaining({ properties: { sms: 'yes' } }));
    expect(new PureRunner(model).start({ urgent: false }).of('userTask.created')[0].priority).toBe(30);
    expect(new PureRunner(await compileOne(processXml('p', `<startEvent id="start"/>${userTask('plain')}${flows('start', 'plain')}`))).start().of('userTask.created')[0].priority).toBe(50);
  });

  test('a priority outside 0–100 is refused at deployment, or an incident when FEEL computes it', async () => {
    const problems = await problemsOf(processXml('p', `<startEvent id="start"/>${userTask('review', '<zeebe:priorityDefinition priority="101"/>')}${flows('start', 'review')}`));
    expect(problems).toEqual([expect.objectContaining({ code: 'userTask.priority', elementId: 'review' })]);
    const model = await compileOne(processXml('p', `<startEvent id="start"/>${userTask('review', '<zeebe:priorityDefinition priority="=p"/>')}${flows('start', 'review')}`));
    expect(new PureRunner(model).start({ p: 'high' }).of('incident.created')).toEqual([expect.objectContaining({ elementId: 'review', errorType: 'EXPRESSION_FAILED' })]);
  });

  test('a due date FEEL computes in its zoned form (now() + duration) is an instant, and one that is no date is an incident', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/>${userTask('review', '<zeebe:taskSchedule dueDate="=due"/>')}${flows('start', 'review')}`));
    const zoned = new PureRunner(model).start({ due: '2025-10-01T09:00:00@Asia/Shanghai' });
    expect(zoned.of('userTask.created')[0].dueDate).toBe('2025-10-01T01:00:00.000Z');
    expect(new PureRunner(model).start({ due: 'next week' }).of('incident.created')).toEqual([expect.objectContaining({ elementId: 'review' })]);
  });
});
