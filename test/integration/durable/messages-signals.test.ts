import { clerk, harness, outsider, type Harness } from './harness.js';
import { definitions, end, start, userTask } from './models.js';

const MESSAGES = `<bpmn:message id="Msg_Supplement" name="materials-supplemented"><bpmn:extensionElements><zeebe:subscription correlationKey="=applicationNo" /></bpmn:extensionElements></bpmn:message>
  <bpmn:message id="Msg_Apply" name="application-received" />
  <bpmn:signal id="Sig_Policy" name="policy-changed" />`;

// 补正: wait for the applicant's supplement (a receive task), then review.
const supplement = definitions(
  `<bpmn:process id="supplement" isExecutable="true">
    ${start()}
    <bpmn:receiveTask id="AwaitSupplement" messageRef="Msg_Supplement" />
    ${userTask('Review')}
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="AwaitSupplement" />
    <bpmn:sequenceFlow id="F2" sourceRef="AwaitSupplement" targetRef="Review" />
    <bpmn:sequenceFlow id="F3" sourceRef="Review" targetRef="End" />
  </bpmn:process>`,
  MESSAGES,
);

const byMessage = definitions(
  `<bpmn:process id="by-message" isExecutable="true">
    <bpmn:startEvent id="Received"><bpmn:messageEventDefinition messageRef="Msg_Apply" /></bpmn:startEvent>
    ${userTask('Accept')}
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Received" targetRef="Accept" />
    <bpmn:sequenceFlow id="F2" sourceRef="Accept" targetRef="End" />
  </bpmn:process>`,
  MESSAGES,
);

const policyWatch = definitions(
  `<bpmn:process id="policy-watch" isExecutable="true">
    ${start()}
    <bpmn:intermediateCatchEvent id="AwaitPolicy"><bpmn:signalEventDefinition signalRef="Sig_Policy" /></bpmn:intermediateCatchEvent>
    ${userTask('Recheck')}
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="AwaitPolicy" />
    <bpmn:sequenceFlow id="F2" sourceRef="AwaitPolicy" targetRef="Recheck" />
    <bpmn:sequenceFlow id="F3" sourceRef="Recheck" targetRef="End" />
  </bpmn:process>`,
  MESSAGES,
);

const policyStart = definitions(
  `<bpmn:process id="policy-start" isExecutable="true">
    <bpmn:startEvent id="OnPolicy"><bpmn:signalEventDefinition signalRef="Sig_Policy" /></bpmn:startEvent>
    ${userTask('Notify')}
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="OnPolicy" targetRef="Notify" />
    <bpmn:sequenceFlow id="F2" sourceRef="Notify" targetRef="End" />
  </bpmn:process>`,
  MESSAGES,
);

async function waitingAt(h: Harness, instanceId: string): Promise<string[]> {
  return (await h.context.engine.getInstance(clerk, instanceId)).state.waiting.map((element) => element.elementId);
}

// The payment office tells the waiting case: a message thrown by one process, taken by another.
const notifyPaid = definitions(
  `<bpmn:process id="notify-paid" isExecutable="true">
    ${start()}
    <bpmn:intermediateThrowEvent id="Tell"><bpmn:messageEventDefinition messageRef="Msg_Supplement" /></bpmn:intermediateThrowEvent>
    ${userTask('Archive')}
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Tell" />
    <bpmn:sequenceFlow id="F2" sourceRef="Tell" targetRef="Archive" />
    <bpmn:sequenceFlow id="F3" sourceRef="Archive" targetRef="End" />
  </bpmn:process>`,
  MESSAGES,
);

const announcePolicy = definitions(
  `<bpmn:process id="announce-policy" isExecutable="true">
    ${start()}
    <bpmn:intermediateThrowEvent id="Announce"><bpmn:signalEventDefinition signalRef="Sig_Policy" /></bpmn:intermediateThrowEvent>
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Announce" />
    <bpmn:sequenceFlow id="F2" sourceRef="Announce" targetRef="End" />
  </bpmn:process>`,
  MESSAGES,
);

describe('messages and signals, within a department', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    for (const xml of [supplement, byMessage, policyWatch, policyStart, notifyPaid, announcePolicy]) await h.context.engine.deploy({ xml, actor: clerk });
    await h.context.engine.deploy({ xml: policyWatch, actor: outsider });
  });
  afterAll(() => h.close());

  test('a message correlates by name and the FEEL correlation key to the waiting instance only', async () => {
    const { engine } = h.context;
    const mine = await engine.startInstance({ processId: 'supplement', variables: { applicationNo: 'SQ-1' }, actor: clerk });
    const other = await engine.startInstance({ processId: 'supplement', variables: { applicationNo: 'SQ-2' }, actor: clerk });
    const result = await engine.publishMessage(clerk, { name: 'materials-supplemented', correlationKey: 'SQ-1', variables: { pages: 3 } });
    expect(result).toMatchObject({ correlated: [{ processInstanceId: mine.id, elementId: 'AwaitSupplement' }], started: [], buffered: null, duplicate: false });
    expect(await waitingAt(h, mine.id)).toEqual(['Review']);
    expect((await engine.getInstance(clerk, mine.id)).state.variables).toMatchObject({ pages: 3 });
    expect(await waitingAt(h, other.id)).toEqual(['AwaitSupplement']);
  });

  test('a message nobody waits for and without a time to live is refused, naming it; nothing is kept', async () => {
    const { engine } = h.context;
    await expect(engine.publishMessage(clerk, { name: 'materials-supplemented', correlationKey: 'NOBODY' })).rejects.toMatchObject({ kind: 'not-found', message: expect.stringContaining('NOBODY') });
    const [{ count }] = await h.context.db.query<{ count: number }>('SELECT count(*)::int AS count FROM message_buffer');
    expect(count).toBe(0);
  });

  test('a message with a time to live waits in the buffer; the instance that subscribes later takes it; an expired one is gone', async () => {
    const { engine } = h.context;
    const early = await engine.publishMessage(clerk, { name: 'materials-supplemented', correlationKey: 'SQ-3', variables: { early: true }, timeToLiveMs: 60_000 });
    expect(early.buffered).not.toBeNull();
    const instance = await engine.startInstance({ processId: 'supplement', variables: { applicationNo: 'SQ-3' }, actor: clerk });
    expect(await waitingAt(h, instance.id)).toEqual(['Review']);
    expect((await engine.getInstance(clerk, instance.id)).state.variables).toMatchObject({ early: true });

    await engine.publishMessage(clerk, { name: 'materials-supplemented', correlationKey: 'SQ-4', timeToLiveMs: 60_000 });
    h.clock.advance(61_000);
    expect((await h.executor.runOnce()).expiredMessages).toBe(1);
    const late = await engine.startInstance({ processId: 'supplement', variables: { applicationNo: 'SQ-4' }, actor: clerk });
    expect(await waitingAt(h, late.id)).toEqual(['AwaitSupplement']);
  });

  test('publishing twice with one messageId correlates once and returns the first result', async () => {
    const { engine } = h.context;
    const first = await engine.startInstance({ processId: 'supplement', variables: { applicationNo: 'SQ-5' }, actor: clerk });
    const once = await engine.publishMessage(clerk, { name: 'materials-supplemented', correlationKey: 'SQ-5', messageId: 'msg-5' });
    const twice = await engine.publishMessage(clerk, { name: 'materials-supplemented', correlationKey: 'SQ-5', messageId: 'msg-5' });
    expect(once.correlated.map((entry) => entry.processInstanceId)).toEqual([first.id]);
    expect(twice).toEqual({ ...once, duplicate: true });
    const correlations = await h.context.db.query("SELECT id FROM history WHERE type = 'message.correlated' AND instance_id = $1", [first.id]);
    expect(correlations).toHaveLength(1);
  });

  test('a message is correlated once per process (Camunda 8): of two cases waiting with one key, the one that waited first takes it', async () => {
    const { engine } = h.context;
    const first = await engine.startInstance({ processId: 'supplement', variables: { applicationNo: 'SQ-6' }, actor: clerk });
    const second = await engine.startInstance({ processId: 'supplement', variables: { applicationNo: 'SQ-6' }, actor: clerk });
    const one = await engine.publishMessage(clerk, { name: 'materials-supplemented', correlationKey: 'SQ-6' });
    expect(one.correlated.map((entry) => entry.processInstanceId)).toEqual([first.id]);
    expect(await waitingAt(h, second.id)).toEqual(['AwaitSupplement']);
    const next = await engine.publishMessage(clerk, { name: 'materials-supplemented', correlationKey: 'SQ-6' });
    expect(next.correlated.map((entry) => entry.processInstanceId)).toEqual([second.id]);
  });

  test('a message start event starts the latest version of its process', async () => {
    const { engine } = h.context;
    const result = await engine.publishMessage(clerk, { name: 'application-received', correlationKey: '', variables: { applicant: '某公司' } });
    expect(result.started).toEqual([{ processInstanceId: expect.any(String), processId: 'by-message' }]);
    expect(await waitingAt(h, result.started[0].processInstanceId)).toEqual(['Accept']);
    await expect(engine.publishMessage(outsider, { name: 'application-received', correlationKey: '' })).rejects.toMatchObject({ kind: 'not-found' });
  });

  test('a message thrown by a process reaches the waiting instance in the same command; one nobody takes is noted on the thrower, which moves on', async () => {
    const { engine } = h.context;
    const waiting = await engine.startInstance({ processId: 'supplement', variables: { applicationNo: 'SQ-7' }, actor: clerk });
    const thrower = await engine.startInstance({ processId: 'notify-paid', variables: { applicationNo: 'SQ-7' }, actor: clerk });
    expect(await waitingAt(h, waiting.id)).toEqual(['Review']);
    expect(await waitingAt(h, thrower.id)).toEqual(['Archive']);

    const lonely = await engine.startInstance({ processId: 'notify-paid', variables: { applicationNo: 'SQ-NONE' }, actor: clerk });
    expect(await waitingAt(h, lonely.id)).toEqual(['Archive']);
    const unclaimed = (await engine.history(clerk, lonely.id)).find((event) => event.type === 'message.unclaimed');
    expect(unclaimed?.data).toMatchObject({ messageName: 'materials-supplemented', correlationKey: 'SQ-NONE' });
  });

  test("a signal reaches its department's catch events and signal start events, and no other department's", async () => {
    const { engine } = h.context;
    const watching = await engine.startInstance({ processId: 'policy-watch', actor: clerk });
    const elsewhere = await engine.startInstance({ processId: 'policy-watch', actor: outsider });
    const result = await engine.broadcastSignal(clerk, { name: 'policy-changed', variables: { policy: '2025-10' } });
    expect(result.triggered).toEqual([{ processInstanceId: watching.id, elementId: 'AwaitPolicy' }]);
    expect(result.started).toEqual([{ processInstanceId: expect.any(String), processId: 'policy-start' }]);
    expect(await waitingAt(h, watching.id)).toEqual(['Recheck']);
    expect((await engine.getInstance(outsider, elsewhere.id)).state.waiting.map((element) => element.elementId)).toEqual(['AwaitPolicy']);
  });

  test('a signal thrown by a process is broadcast in the same command', async () => {
    const { engine } = h.context;
    const watching = await engine.startInstance({ processId: 'policy-watch', actor: clerk });
    const announcer = await engine.startInstance({ processId: 'announce-policy', actor: clerk });
    expect(announcer.status).toBe('completed');
    expect(await waitingAt(h, watching.id)).toEqual(['Recheck']);
  });
});
