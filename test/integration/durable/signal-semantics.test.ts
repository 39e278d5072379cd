import { clerk, harness, type Harness } from './harness.js';
import { definitions, end, start, userTask } from './models.js';

const SIGNAL = '<bpmn:signal id="Go" name="go" />';
const throwGo = (id: string) => `<bpmn:intermediateThrowEvent id="${id}"><bpmn:signalEventDefinition signalRef="Go" /></bpmn:intermediateThrowEvent>`;
const catchGo = (id: string) => `<bpmn:intermediateCatchEvent id="${id}"><bpmn:signalEventDefinition signalRef="Go" /></bpmn:intermediateCatchEvent>`;

// Throws `go`, then waits for `go`: the signal it threw is gone by then.
const throwThenCatch = definitions(
  `<bpmn:process id="throw-then-catch" isExecutable="true">
    ${start()}${throwGo('Throw')}${catchGo('Catch')}${userTask('After')}${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Throw" />
    <bpmn:sequenceFlow id="F2" sourceRef="Throw" targetRef="Catch" />
    <bpmn:sequenceFlow id="F3" sourceRef="Catch" targetRef="After" />
    <bpmn:sequenceFlow id="F4" sourceRef="After" targetRef="End" />
  </bpmn:process>`,
  SIGNAL,
);

// One branch waits for `go`, the other throws it: the waiting branch gets it, in the same command.
const forkedCatchAndThrow = definitions(
  `<bpmn:process id="forked" isExecutable="true">
    ${start()}<bpmn:parallelGateway id="Fork" />${catchGo('Catch')}${throwGo('Throw')}<bpmn:parallelGateway id="Join" />${userTask('After')}${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Fork" />
    <bpmn:sequenceFlow id="F2" sourceRef="Fork" targetRef="Catch" />
    <bpmn:sequenceFlow id="F3" sourceRef="Fork" targetRef="Throw" />
    <bpmn:sequenceFlow id="F4" sourceRef="Catch" targetRef="Join" />
    <bpmn:sequenceFlow id="F5" sourceRef="Throw" targetRef="Join" />
    <bpmn:sequenceFlow id="F6" sourceRef="Join" targetRef="After" />
    <bpmn:sequenceFlow id="F7" sourceRef="After" targetRef="End" />
  </bpmn:process>`,
  SIGNAL,
);

const waiter = definitions(
  `<bpmn:process id="waiter" isExecutable="true">
    ${start()}${catchGo('Catch')}${userTask('After')}${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Catch" />
    <bpmn:sequenceFlow id="F2" sourceRef="Catch" targetRef="After" />
    <bpmn:sequenceFlow id="F3" sourceRef="After" targetRef="End" />
  </bpmn:process>`,
  SIGNAL,
);

describe('signals are not stored: a thrown signal reaches only the catch events waiting when it is thrown', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    for (const xml of [throwThenCatch, forkedCatchAndThrow, waiter]) await h.context.engine.deploy({ xml, actor: clerk });
  });
  afterAll(() => h.close());

  test('a catch event entered after the throw, in the same command, does not get the signal', async () => {
    const { engine } = h.context;
    const instance = await engine.startInstance({ processId: 'throw-then-catch', actor: clerk });
    expect(instance.state.waiting.map((entry) => entry.elementId)).toEqual(['Catch']);
    expect((await engine.getInstance(clerk, instance.id)).state.waiting.map((entry) => entry.elementId)).toEqual(['Catch']);
    // The next signal does reach it.
    await engine.broadcastSignal(clerk, { name: 'go' });
    expect((await engine.getInstance(clerk, instance.id)).state.waiting.map((entry) => entry.elementId)).toEqual(['After']);
  });

  test('a catch event already waiting gets it (other instances and a parallel branch of the thrower), one started later does not', async () => {
    const { engine } = h.context;
    const before = await engine.startInstance({ processId: 'waiter', actor: clerk });
    const thrower = await engine.startInstance({ processId: 'forked', actor: clerk });
    // The start answer shows the instance after the whole command: the branch got the signal and the join fired.
    expect(thrower.state.waiting.map((entry) => entry.elementId)).toEqual(['After']);
    expect(thrower.revision).toBe((await engine.getInstance(clerk, thrower.id)).revision);
    expect((await engine.getInstance(clerk, before.id)).state.waiting.map((entry) => entry.elementId)).toEqual(['After']);
    const after = await engine.startInstance({ processId: 'waiter', actor: clerk });
    expect((await engine.getInstance(clerk, after.id)).state.waiting.map((entry) => entry.elementId)).toEqual(['Catch']);
  });
});
