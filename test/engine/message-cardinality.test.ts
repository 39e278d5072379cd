import { flows, processXml, userTask } from './support/bpmn.js';
import { clerk, EngineDriver } from './support/engine-driver.js';

/**
 * Camunda 8's message cardinality: "a message is correlated only once to a process (based on the BPMN process id),
 * across all versions of this process". A process that both waits for a message and starts by it takes a
 * publication once: the waiting case gets it and no new case starts.
 */
describe('a message is correlated once per process', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open();
    await d.deploy(
      processXml(
        'supplement-or-apply',
        `<startEvent id="byMessage"><messageEventDefinition messageRef="m"/></startEvent>${userTask('review')}<endEvent id="end"/>${flows('byMessage', 'review', 'end')}
         <startEvent id="byHand"/><intermediateCatchEvent id="await"><messageEventDefinition messageRef="m"/></intermediateCatchEvent>${userTask('recheck')}<endEvent id="end2"/>${flows('byHand', 'await', 'recheck', 'end2')}`,
        '<message id="m" name="materials"><extensionElements><zeebe:subscription correlationKey="=applicationNo"/></extensionElements></message>',
      ),
    );
  });
  afterAll(() => d.close());

  test('a correlation key that is a boolean is an incident on the waiting event, as in Zeebe (text or number only)', async () => {
    const id = await d.start('supplement-or-apply', { applicationNo: true });
    const [incident] = await d.engine.listIncidents(clerk, { instanceId: id });
    expect(incident).toMatchObject({ element_id: 'await', error_type: 'EXPRESSION_FAILED', message: expect.stringContaining('must be a text or a number, got true') });
  });

  test('the waiting case takes it and the message start event starts no other case; with nobody waiting, it starts one', async () => {
    const waiting = await d.engine.startInstance({ processId: 'supplement-or-apply', variables: { applicationNo: 'A-1' }, actor: clerk });
    const taken = await d.engine.publishMessage(clerk, { name: 'materials', correlationKey: 'A-1' });
    expect(taken.correlated.map((entry) => entry.processInstanceId)).toEqual([waiting.id]);
    expect(taken.started).toEqual([]);
    const started = await d.engine.publishMessage(clerk, { name: 'materials', correlationKey: 'A-2' });
    expect(started.correlated).toEqual([]);
    expect(started.started).toHaveLength(1);
  });
});

/**
 * Camunda 8's message start event with a correlation key: "if an instance of this process is active (independently
 * from its version) and it was triggered by a message with the same correlationKey, the message is not correlated and
 * no new instance is created"; a buffered one starts the next instance when the active one ends.
 */
describe('a message start event starts one case per correlation key at a time', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open();
    await d.deploy(
      processXml('licence-by-message', `<startEvent id="applied"><messageEventDefinition messageRef="m"/></startEvent>${userTask('review')}<endEvent id="end"/>${flows('applied', 'review', 'end')}`, '<message id="m" name="licence-application"/>'),
    );
  });
  afterAll(() => d.close());

  const casesOf = async (key: string) =>
    d.context.db.query<{ id: string; status: string }>(`SELECT id, status FROM process_instances WHERE process_id = 'licence-by-message' AND start_correlation_key = $1 ORDER BY started_at`, [key]);

  test('a second message with the key of an active case starts none (409 without a time to live); another key starts its own', async () => {
    const first = await d.engine.publishMessage(clerk, { name: 'licence-application', correlationKey: 'C-1', variables: { applicant: '甲' } });
    expect(first.started).toHaveLength(1);
    await expect(d.engine.publishMessage(clerk, { name: 'licence-application', correlationKey: 'C-1' })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await casesOf('C-1')).toHaveLength(1);
    expect((await d.engine.publishMessage(clerk, { name: 'licence-application', correlationKey: 'C-2' })).started).toHaveLength(1);
  });

  test('with a time to live it waits, and starts the next case when the active one ends', async () => {
    const waiting = await d.engine.publishMessage(clerk, { name: 'licence-application', correlationKey: 'C-1', variables: { applicant: '乙' }, timeToLiveMs: 3_600_000 });
    expect(waiting.started).toEqual([]);
    expect(waiting.buffered).not.toBeNull();
    const [active] = await casesOf('C-1');
    await d.completeTask(active.id, 'review');
    const cases = await casesOf('C-1');
    expect(cases.map((row) => row.status)).toEqual(['completed', 'active']);
    expect((await d.variables(cases[1].id)).applicant).toBe('乙');
    const [{ left }] = await d.context.db.query<{ left: number }>(`SELECT count(*)::int AS left FROM message_buffer WHERE correlation_key = 'C-1'`);
    expect(left).toBe(0);
  });
});
