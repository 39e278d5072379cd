import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';

const model = (timerXml: string, slaXml = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="http://matterflow.dev/schema/gov/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="D" targetNamespace="t">
  <bpmn:process id="wait-two-working-days" isExecutable="true">
    <bpmn:startEvent id="s" />
    <bpmn:intermediateCatchEvent id="wait" name="等待两个工作日">
      ${timerXml}
    </bpmn:intermediateCatchEvent>
    <bpmn:userTask id="after" name="期满后办理">${slaXml}</bpmn:userTask>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
  </bpmn:process>
</bpmn:definitions>`;

const workingDayTimer = `<bpmn:extensionElements><gov:calendar name="working" /></bpmn:extensionElements>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P2D</bpmn:timeDuration></bpmn:timerEventDefinition>`;

describe('the server gives timers the business calendar', () => {
  let t: TestApp;
  let token: string;
  const clock = new FakeClock(new Date('2025-09-30T02:00:00Z')); // 10:00 in Shanghai, the day before National Day

  beforeAll(async () => {
    t = await createTestApp({ clock });
    token = await t.userToken({ id: 'clerk', department: 'SCJGJ', roles: ['designer', 'integrator', 'staff'] });
  });
  afterAll(() => t.close());

  test('P2D in working days across the National Day holiday falls due at the end of 10 October, not on 2 October', async () => {
    expect((await as(t.app, token).post('/api/v1/deployments').send({ xml: model(workingDayTimer) })).status).toBe(201);
    const started = await as(t.app, token).post('/api/v1/process-instances').send({ processId: 'wait-two-working-days' });
    expect(started.status).toBe(201);
    const [timer] = await t.context.db.query<{ due_at: Date }>(`SELECT due_at FROM jobs WHERE instance_id = $1 AND kind = 'timer'`, [started.body.id]);
    // Working-day periods end at 24:00 (Asia/Shanghai) of their last day: 10-09 and 10-10 are the two working days.
    expect(new Date(timer.due_at).toISOString()).toBe('2025-10-10T16:00:00.000Z');
    const incidents = await t.context.db.query('SELECT * FROM incidents WHERE instance_id = $1', [started.body.id]);
    expect(incidents).toEqual([]);
  });

  test('a gov:sla limit that is not a duration is refused at deploy, naming the element', async () => {
    const response = await as(t.app, token)
      .post('/api/v1/deployments')
      .send({ xml: model(workingDayTimer, '<bpmn:extensionElements><gov:sla statutory="twenty days" /></bpmn:extensionElements>') });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ code: 'gov.sla', elementId: 'after' })]);
  });
});
