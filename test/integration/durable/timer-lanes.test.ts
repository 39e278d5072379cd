import type { DueTimer } from '../../../engine/index.js';
import { clerk, harness, type Harness } from './harness.js';
import { definitions, end, start, userTask, waitAnHour } from './models.js';

const HOUR = 3_600_000;

const waitAnHourModel = waitAnHour('lanes-wait');

// Two reminders on one task, due at the same moment: the instance's two timers change the same row.
const twoReminders = definitions(`<bpmn:process id="lanes-two-reminders" isExecutable="true">
    ${start()}
    ${userTask('Handle', '办理')}
    <bpmn:boundaryEvent id="RemindClerk" attachedToRef="Handle" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="RemindChief" attachedToRef="Handle" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    ${end()}
    <bpmn:endEvent id="ClerkReminded" />
    <bpmn:endEvent id="ChiefReminded" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Handle" />
    <bpmn:sequenceFlow id="F2" sourceRef="Handle" targetRef="End" />
    <bpmn:sequenceFlow id="F3" sourceRef="RemindClerk" targetRef="ClerkReminded" />
    <bpmn:sequenceFlow id="F4" sourceRef="RemindChief" targetRef="ChiefReminded" />
  </bpmn:process>`);

describe('the job executor fires the timers that fall due together side by side, and an instance’s own one after another', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    for (const xml of [waitAnHourModel, twoReminders]) await h.context.engine.deploy({ xml, actor: clerk });
  });
  afterAll(() => h.close());

  test('twelve instances’ timers overlap; the two reminders of one instance never do; each fires once', async () => {
    const { engine } = h.context;
    const waiting = await Promise.all(Array.from({ length: 12 }, () => engine.startInstance({ processId: 'lanes-wait', actor: clerk })));
    const reminded = await engine.startInstance({ processId: 'lanes-two-reminders', actor: clerk });
    h.clock.advance(HOUR);

    // Watches the real firing (each still runs its command on the database) for how many are under way at once.
    let inFlight = 0;
    let mostInFlight = 0;
    const perInstance = new Map<string, number>();
    let mostForOneInstance = 0;
    const fire = engine.fireTimer.bind(engine);
    engine.fireTimer = async (timer: DueTimer, owner: string) => {
      const instance = timer.instance_id ?? timer.id;
      inFlight++;
      perInstance.set(instance, (perInstance.get(instance) ?? 0) + 1);
      mostInFlight = Math.max(mostInFlight, inFlight);
      mostForOneInstance = Math.max(mostForOneInstance, perInstance.get(instance)!);
      try {
        return await fire(timer, owner);
      } finally {
        inFlight--;
        perInstance.set(instance, perInstance.get(instance)! - 1);
      }
    };
    try {
      const round = await h.executor.runOnce();
      expect(round).toMatchObject({ fired: 14, failed: 0, lostLock: 0, dropped: 0 });
    } finally {
      engine.fireTimer = fire;
    }
    expect(mostInFlight).toBeGreaterThan(1);
    expect(mostInFlight).toBeLessThanOrEqual(4);
    expect(mostForOneInstance).toBe(1);

    for (const instance of waiting) {
      const [task] = await engine.listTasks(clerk, { instanceId: instance.id });
      expect(task.element_id).toBe('After');
    }
    const trail = await h.context.db.query<{ element_id: string }>(
      `SELECT element_id FROM history WHERE instance_id = $1 AND type = 'element.completed' AND element_id IN ('ClerkReminded', 'ChiefReminded') ORDER BY element_id`,
      [reminded.id],
    );
    expect(trail.map((row) => row.element_id)).toEqual(['ChiefReminded', 'ClerkReminded']);
    expect((await h.executor.runOnce()).fired).toBe(0);
  });
});
