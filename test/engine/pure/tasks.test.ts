import { compileOne, flows, processXml, serviceTask, userTask } from '../support/bpmn.js';
import { PureRunner } from '../support/pure-runner.js';

describe('tasks (pure interpreter)', () => {
  test('Given start → user task → end, when the task is completed, then the instance completes with its variables', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/>${userTask('review', '<zeebe:assignmentDefinition assignee="=applicant" candidateGroups="clerks, heads"/>')}<endEvent id="end"/>${flows('start', 'review', 'end')}`));
    const run = new PureRunner(model).start({ applicant: 'wang' });
    expect(run.of('userTask.created')).toEqual([expect.objectContaining({ elementId: 'review', assignee: 'wang', candidateGroups: ['clerks', 'heads'] })]);
    run.complete('review', { approved: true });
    expect(run.status).toBe('completed');
    expect(run.variables).toEqual({ applicant: 'wang', approved: true });
  });

  test('Given service, send and business-rule tasks, each creates a job with its type and headers and waits for it', async () => {
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${serviceTask('s', 'check-credit', '<zeebe:taskHeaders><zeebe:header key="level" value="city"/></zeebe:taskHeaders>')}
        <sendTask id="send"><extensionElements><zeebe:taskDefinition type="notify" retries="5"/></extensionElements></sendTask>
        <businessRuleTask id="rule"><extensionElements><zeebe:taskDefinition type="=&quot;rule-&quot; + kind"/></extensionElements></businessRuleTask>
        <endEvent id="end"/>${flows('start', 's', 'send', 'rule', 'end')}`,
      ),
    );
    const run = new PureRunner(model).start({ kind: 'fee' });
    expect(run.of('job.created')[0]).toMatchObject({ elementId: 's', jobType: 'check-credit', retries: 3, headers: { level: 'city' }, variables: { kind: 'fee' } });
    run.complete('s', { score: 700 });
    expect(run.of('job.created')[1]).toMatchObject({ elementId: 'send', jobType: 'notify', retries: 5 });
    run.complete('send');
    expect(run.of('job.created')[2]).toMatchObject({ elementId: 'rule', jobType: 'rule-fee' });
    run.complete('rule');
    expect(run.status).toBe('completed');
  });

  test('Given a FEEL script task, its value goes into the result variable; manual and none tasks pass', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><scriptTask id="fee"><extensionElements><zeebe:script expression="=amount * 0.05" resultVariable="fee"/></extensionElements></scriptTask><manualTask id="m"/><task id="t"/><endEvent id="end"/>${flows('start', 'fee', 'm', 't', 'end')}`),
    );
    const run = new PureRunner(model).start({ amount: 200 });
    expect(run.status).toBe('completed');
    expect(run.variables.fee).toBe(10);
    expect(run.completed()).toEqual(['start', 'fee', 'm', 't', 'end']);
  });

  test("Given FEEL's now() and today(), they answer with the command's time in China, so a replay gives the same values", async () => {
    const script = (id: string, expression: string) => `<scriptTask id="${id}"><extensionElements><zeebe:script expression="${expression}" resultVariable="${id}"/></extensionElements></scriptTask>`;
    const model = await compileOne(
      processXml(
        'p',
        `<startEvent id="start"/>${script('at', '=string(now())')}${script('day', '=string(today())')}${script('overdue', '=now() &gt; date and time(deadline)')}${userTask('wait')}<endEvent id="end"/>${flows('start', 'at', 'day', 'overdue', 'wait', 'end')}`,
      ),
    );
    // 17:30 UTC is 01:30 the next day in China.
    const run = new PureRunner(model, { now: new Date('2026-09-30T17:30:00Z') }).start({ deadline: '2026-10-01T00:00:00@Asia/Shanghai' });
    expect(run.variables).toMatchObject({ at: '2026-10-01T01:30:00@Asia/Shanghai', day: '2026-10-01', overdue: true });
    const again = new PureRunner(model, { now: new Date('2026-09-30T17:30:00Z') }).start({ deadline: '2026-10-01T00:00:00@Asia/Shanghai' });
    expect(again.variables).toEqual(run.variables);
    // A process variable named `now` wins over the function, as it would over the built-in.
    const shadowed = await compileOne(processXml('q', `<startEvent id="start"/>${script('copy', '=now')}<endEvent id="end"/>${flows('start', 'copy', 'end')}`));
    expect(new PureRunner(shadowed).start({ now: 'variable' }).variables.copy).toBe('variable');
  });

  test('Given input and output mappings, inputs are local to the task and only outputs reach the process', async () => {
    const mapping = `<zeebe:ioMapping><zeebe:input source="=applicant.name" target="who"/><zeebe:input source="fixed text" target="note"/><zeebe:output source="=result.ok" target="approved"/><zeebe:output source="=who" target="reviewedFor"/></zeebe:ioMapping>`;
    const model = await compileOne(processXml('p', `<startEvent id="start"/>${serviceTask('check', 'check', mapping)}<endEvent id="end"/>${flows('start', 'check', 'end')}`));
    const run = new PureRunner(model).start({ applicant: { name: '李' } });
    expect(run.of('job.created')[0].variables).toMatchObject({ who: '李', note: 'fixed text', applicant: { name: '李' } });
    run.complete('check', { result: { ok: true }, noise: 1 });
    expect(run.variables).toEqual({ applicant: { name: '李' }, approved: true, reviewedFor: '李' });
  });

  test('Given a FEEL expression that fails at run time, then an incident names the element and expression; after a fix, retry goes on', async () => {
    const model = await compileOne(
      processXml('p', `<startEvent id="start"/><scriptTask id="calc"><extensionElements><zeebe:script expression="=amount + 1" resultVariable="total"/></extensionElements></scriptTask><endEvent id="end"/>${flows('start', 'calc', 'end')}`),
    );
    const run = new PureRunner(model, { roundTrip: true }).start({});
    const [incident] = run.of('incident.created');
    expect(incident).toMatchObject({ elementId: 'calc', errorType: 'EXPRESSION_FAILED' });
    expect(incident.message).toContain('amount');
    expect(incident.messageZh).toContain('amount');
    expect(run.state.waiting).toEqual([expect.objectContaining({ elementId: 'calc', state: 'incident' })]);
    run.setVariables({ amount: 41 }).retry('calc');
    expect(run.of('incident.resolved')).toHaveLength(1);
    expect(run.status).toBe('completed');
    expect(run.variables.total).toBe(42);
  });

  test('Given a string where a number is needed, then it is an incident, not a silent null', async () => {
    const model = await compileOne(processXml('p', `<startEvent id="start"/><scriptTask id="calc"><extensionElements><zeebe:script expression="=amount + 1" resultVariable="total"/></extensionElements></scriptTask><endEvent id="end"/>${flows('start', 'calc', 'end')}`));
    const run = new PureRunner(model).start({ amount: 'ten' });
    expect(run.of('incident.created')).toHaveLength(1);
    expect(run.status).toBe('active');
  });
});
