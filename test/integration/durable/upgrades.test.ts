import { Engine } from '../../../engine/index.js';
import { clerk, harness, type Harness } from './harness.js';
import { definitions, end, start, userTask } from './models.js';

/**
 * A later release refuses something an earlier one deployed. Simulated by rewriting the stored
 * XML to what today's compiler refuses (a condition that no longer compiles, a timer beyond the
 * horizon) and restarting the engine, which compiles stored models afresh.
 */
const review = (condition: string, timer: string) =>
  definitions(`<bpmn:process id="licence" isExecutable="true">
    ${start()}
    ${userTask('Review', '审核')}
    <bpmn:boundaryEvent id="Remind" attachedToRef="Review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>${timer}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:exclusiveGateway id="Decide" default="No" />
    ${userTask('Issue', '发证')}
    ${end()}
    <bpmn:endEvent id="Refused" />
    <bpmn:endEvent id="Reminded" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Decide" />
    <bpmn:sequenceFlow id="Yes" sourceRef="Decide" targetRef="Issue"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="No" sourceRef="Decide" targetRef="Refused" />
    <bpmn:sequenceFlow id="F3" sourceRef="Issue" targetRef="End" />
    <bpmn:sequenceFlow id="F4" sourceRef="Remind" targetRef="Reminded" />
  </bpmn:process>`);

describe('upgrades: a stricter compiler never stops running instances from loading', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h.close());

  test('an instance whose stored model today refuses loads and runs; what no longer compiles is an incident where it is reached', async () => {
    const { db } = h.context;
    await h.context.engine.deploy({ xml: review('=approved = true', 'P3D'), actor: clerk });
    const instance = await h.context.engine.startInstance({ processId: 'licence', actor: clerk });
    const stricter = review('=approved &gt;&gt; true', 'P9999Y');
    expect(await h.context.engine.deploy({ xml: stricter.replace('id="licence"', 'id="licence2"'), actor: clerk }).catch((error: Error) => error.message)).toMatch(/cannot be deployed/);
    await db.query(`UPDATE deployments SET xml = $1 WHERE id IN (SELECT deployment_id FROM process_definitions WHERE process_id = 'licence')`, [stricter]);

    const restarted = new Engine(db, h.clock);
    const loaded = await restarted.getInstance(clerk, instance.id);
    expect(loaded.status).toBe('active');
    expect((await restarted.elementInfo(loaded.definition_id)).get('Review')?.name).toBe('审核');
    const [task] = await restarted.listTasks(clerk, { instanceId: instance.id });
    await restarted.completeTask(clerk, task.id, { approved: true });
    const [incident] = await restarted.listIncidents(clerk, { instanceId: instance.id });
    expect(incident).toEqual(expect.objectContaining({ element_id: 'Decide', error_type: 'EXPRESSION_FAILED' }));
    expect(incident.message).toMatch(/Yes/);
    // A new instance of the stored model: the timer that today's rules refuse fails where it is armed.
    const second = await restarted.startInstance({ processId: 'licence', actor: clerk });
    expect(await restarted.listIncidents(clerk, { instanceId: second.id })).toEqual([expect.objectContaining({ element_id: 'Review', error_type: 'TIMER_FAILED' })]);
  });
});
