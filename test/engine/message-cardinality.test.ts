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
