import { flows, processXml, serviceTask, userTask } from './support/bpmn.js';
import { clerk, EngineDriver } from './support/engine-driver.js';

const call = (id: string, processId: string) => `<callActivity id="${id}"><extensionElements><zeebe:calledElement processId="${processId}"/></extensionElements></callActivity>`;

/**
 * An error a called instance throws goes up to the call activities that call it; when none of them catches it, it
 * stays where it was thrown, as an incident on the thrower, and the callers wait (Camunda 8: "the incident is
 * attached to the corresponding element where the error was thrown").
 */
describe('errors thrown in a called instance', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open();
    // 一件事: the bundle calls the 卫健 check, which may find the licence invalid.
    await d.deploy(processXml('health-check', `<startEvent id="s"/>${serviceTask('verify')}<endEvent id="e"/>${flows('s', 'verify', 'e')}`));
    await d.deploy(processXml('bundle-uncaught', `<startEvent id="s"/>${call('check', 'health-check')}${userTask('deliver')}<endEvent id="e"/>${flows('s', 'check', 'deliver', 'e')}`));
    await d.deploy(
      processXml(
        'bundle-caught',
        `<startEvent id="s"/>${call('check', 'health-check')}<boundaryEvent id="invalid" attachedToRef="check"><errorEventDefinition errorRef="err"/></boundaryEvent>${userTask('deliver')}${userTask('notifyApplicant')}<endEvent id="e"/><endEvent id="e2"/>
         ${flows('s', 'check', 'deliver', 'e')}${flows('invalid', 'notifyApplicant', 'e2')}`,
        '<error id="err" errorCode="LICENCE_INVALID"/>',
      ),
    );
    // Two levels: the city's bundle catches what its district's bundle passes up.
    await d.deploy(
      processXml(
        'city-bundle',
        `<startEvent id="s"/>${call('district', 'bundle-uncaught')}<boundaryEvent id="invalid" attachedToRef="district"><errorEventDefinition errorRef="err"/></boundaryEvent>${userTask('notifyApplicant')}<endEvent id="e"/><endEvent id="e2"/>
         ${flows('s', 'district', 'e')}${flows('invalid', 'notifyApplicant', 'e2')}`,
        '<error id="err" errorCode="LICENCE_INVALID"/>',
      ),
    );
  });
  afterAll(() => d.close());

  const childOf = async (parentId: string) => (await d.engine.childInstances(clerk, parentId))[0].id;

  test('uncaught by every caller: an incident on the thrower in the child; the child and the caller wait', async () => {
    const parent = await d.start('bundle-uncaught');
    const child = await childOf(parent);
    await d.throwJobError(child, 'verify', 'LICENCE_INVALID');
    expect(await d.status(child)).toBe('active');
    expect(await d.engine.listIncidents(clerk, { instanceId: child })).toEqual([expect.objectContaining({ element_id: 'verify', error_type: 'UNHANDLED_ERROR', state: 'active' })]);
    expect(await d.engine.listIncidents(clerk, { instanceId: parent })).toEqual([]);
    expect(await d.waiting(parent)).toEqual(['check']);
  });

  test('caught by the calling call activity: the child ends and the caller takes the error path', async () => {
    const parent = await d.start('bundle-caught');
    const child = await childOf(parent);
    await d.throwJobError(child, 'verify', 'LICENCE_INVALID');
    expect(await d.status(child)).toBe('terminated');
    expect(await d.openTasks(parent)).toEqual(['notifyApplicant']);
  });

  test('caught two levels up: passed through the district bundle to the city bundle', async () => {
    const city = await d.start('city-bundle');
    const district = await childOf(city);
    const check = await childOf(district);
    await d.throwJobError(check, 'verify', 'LICENCE_INVALID');
    expect(await d.openTasks(city)).toEqual(['notifyApplicant']);
    expect(await d.engine.listIncidents(clerk, { instanceId: check })).toEqual([]);
  });
});
