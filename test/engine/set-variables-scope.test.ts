import { flows, processXml, userTask } from './support/bpmn.js';
import { clerk, EngineDriver } from './support/engine-driver.js';

/**
 * Camunda 8's SetVariables on an element instance: by default each variable goes to the nearest scope from there up
 * that has it, else to the process ("propagated to upper scopes and set at the outermost one"); `local` keeps them
 * on the element. They were always local, so a decision set on a waiting task never reached the gateway after it.
 */
describe('setting variables on an element instance', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open();
    const input = '<zeebe:ioMapping><zeebe:input source="=0" target="attempts"/></zeebe:ioMapping>';
    await d.deploy(processXml('review', `<startEvent id="start"/>${userTask('check', input)}<endEvent id="end"/>${flows('start', 'check', 'end')}`));
  });
  afterAll(() => d.close());

  const taskInstance = async (id: string) => (await d.instance(id)).state.waiting.find((entry) => entry.elementId === 'check')!.id;

  test('by default they reach the process, except a name the element holds itself', async () => {
    const id = await d.start('review', { decision: 'none' });
    await d.engine.setVariables(clerk, id, { decision: '受理', note: 'n', attempts: 2 }, await taskInstance(id));
    expect(await d.variables(id)).toEqual({ decision: '受理', note: 'n' });
    const instance = await d.instance(id);
    expect(Object.values(instance.state.elements).find((element) => element.elementId === 'check')?.variables).toEqual({ attempts: 2 });
  });

  test('local keeps them all on the element', async () => {
    const id = await d.start('review', { decision: 'none' });
    await d.engine.setVariables(clerk, id, { decision: '受理', note: 'n' }, await taskInstance(id), { local: true });
    expect(await d.variables(id)).toEqual({ decision: 'none' });
    await d.completeTask(id, 'check');
    expect(await d.variables(id)).toEqual({ decision: 'none' });
  });
});
