import { flows, processXml, serviceTask, userTask } from './support/bpmn.js';
import { clerk, EngineDriver } from './support/engine-driver.js';

/**
 * An output mapping that fails when a job completes is an incident the user can fix (Camunda 8: with output
 * mappings the job's variables are local to the task, the mappings read them there; "update the variables, then
 * resolve the incident"). The completion's variables used to be kept with the incident and laid over every fix on
 * retry, so the same incident came back whichever scope was corrected.
 */
describe('retrying a failed output mapping uses the corrected variables', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open({ restartEveryStep: true });
    const output = '<zeebe:ioMapping><zeebe:output source="=&quot;grade &quot; + res" target="grade"/></zeebe:ioMapping>';
    await d.deploy(processXml('rate', `<startEvent id="start"/>${serviceTask('score', 'score', output)}${userTask('next')}<endEvent id="end"/>${flows('start', 'score', 'next', 'end')}`));
  });
  afterAll(() => d.close());

  const incidentOf = async (id: string) => {
    const [incident] = await d.engine.listIncidents(clerk, { instanceId: id });
    expect(incident).toMatchObject({ element_id: 'score', error_type: 'EXPRESSION_FAILED', state: 'active' });
    return incident;
  };

  test('a value the job completed with, corrected on the task, is used on retry; it stays local to the task', async () => {
    const id = await d.start('rate');
    await d.completeJob(id, 'score', { res: 5 });
    const incident = await incidentOf(id);
    await d.engine.setVariables(clerk, id, { res: 'A' }, incident.element_instance_id ?? undefined);
    await d.engine.resolveIncident(clerk, incident.id);
    expect(await d.openTasks(id)).toEqual(['next']);
    expect(await d.variables(id)).toEqual({ grade: 'grade A' });
  });

  test('a value the job did not bring, set on the process, is used on retry', async () => {
    const id = await d.start('rate');
    await d.completeJob(id, 'score', { other: true });
    const incident = await incidentOf(id);
    await d.engine.setVariables(clerk, id, { res: 'B' });
    await d.engine.resolveIncident(clerk, incident.id);
    expect(await d.openTasks(id)).toEqual(['next']);
    expect((await d.variables(id)).grade).toBe('grade B');
  });
});
