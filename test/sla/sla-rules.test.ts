import { compileDeployment, EngineError, type ProcessModel } from '../../engine/index.js';
import { planCaseSla, planResponseSla, planTaskSla, slaModelProblems, slaProfiles } from '../../engine/sla/index.js';

const xml = (processSla: string, taskSla = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="http://matterflow.dev/schema/gov/1.0"
  id="D_Rules" targetNamespace="http://matterflow.dev/tests">
  <bpmn:process id="rules" isExecutable="true">
    <bpmn:extensionElements>${processSla}<gov:supervision unit="ZSJ" /></bpmn:extensionElements>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Review" />
    <bpmn:userTask id="Task_Review" name="审查"><bpmn:extensionElements>${taskSla}</bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Task_Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

async function model(processSla: string, taskSla = ''): Promise<ProcessModel> {
  const compiled = await compileDeployment(xml(processSla, taskSla));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.processes[0];
}

const profiles = slaProfiles();

describe('where a case gets its time limits', () => {
  test('the matter (catalog variables) wins over gov:sla, which wins over the profile, limit by limit', async () => {
    const plan = planCaseSla(await model('<gov:sla statutory="P30D" committed="P15D" profile="行政许可" />'), { legalTimeLimit: { value: 20, unit: 'workingDay' }, promisedTimeLimit: null }, profiles);
    expect(plan.clocks.map((clock) => [clock.kind, clock.source, clock.duration, clock.principal])).toEqual([
      ['statutory', 'matter', { kind: 'workingDays', days: 20 }, false],
      ['committed', 'model', { kind: 'workingDays', days: 15 }, true],
    ]);
    // No legalExtension in the variables: the 行政许可 profile's allowance (once, 10 working days, 第42条).
    expect(plan.clocks[0].extensionRule).toEqual({ maxCount: 1, max: { kind: 'workingDays', days: 10 }, basis: expect.stringContaining('第42条'), approverPost: '审批负责人' });
    expect(plan.supervision).toEqual({ unit: 'ZSJ', intervals: [{ kind: 'workingDays', days: 3 }, { kind: 'workingDays', days: 5 }] });
  });

  test('gov:sla profile="12345" picks the appeal type: 咨询 2 working days and 24 hours to first contact', async () => {
    const plan = planCaseSla(await model('<gov:sla profile="12345" />'), { appealType: '咨询', town: '南城街道', supervisionLevels: ['P1D', { value: 2, unit: 'workingDay' }] }, profiles);
    expect(plan.profileId).toBe('12345-咨询');
    expect(plan.region).toBe('南城街道');
    expect(plan.clocks.map((clock) => [clock.kind, clock.duration])).toEqual([
      ['statutory', { kind: 'workingDays', days: 2 }],
      ['response', { kind: 'elapsed', ms: 24 * 3_600_000, officeHours: true }],
    ]);
    expect(plan.supervision?.intervals).toEqual([{ kind: 'workingDays', days: 1 }, { kind: 'workingDays', days: 2 }]);
  });

  test('natural days when gov:sla says calendar="natural"', async () => {
    const plan = planCaseSla(await model('<gov:sla statutory="P60D" calendar="natural" />'), {}, profiles);
    expect(plan.clocks[0].duration).toEqual({ kind: 'naturalDays', days: 60, lastDayRollover: true });
  });

  test('a limit with an unknown unit or an unknown profile is refused with a 422 that names it', async () => {
    const plain = await model('');
    expect(() => planCaseSla(plain, { legalTimeLimit: { value: 20, unit: 'fortnight' } }, profiles)).toThrow(EngineError);
    expect(() => planCaseSla(plain, { legalTimeLimit: { value: 20, unit: 'fortnight' } }, profiles)).toThrow(/legalTimeLimit.*Unknown time-limit unit "fortnight"/);
    expect(() => planCaseSla(plain, { slaProfile: '无此规则' }, profiles)).toThrow(/Unknown SLA profile "无此规则"/);
    expect(planCaseSla(plain, {}, profiles)).toMatchObject({ clocks: [], supervision: null });
  });

  test("a task's step limit: gov:sla on the task, else the matter's stepLimits, else none", async () => {
    const withTaskSla = await model('', '<gov:sla committed="P3D" warnAt="0.5" />');
    expect(planTaskSla(withTaskSla, 'Task_Review', {}, profiles)).toMatchObject({ kind: 'step', duration: { kind: 'workingDays', days: 3 }, warnAt: 0.5, source: 'model' });
    const plain = await model('');
    expect(planTaskSla(plain, 'Task_Review', { matter: { stepLimits: { Task_Review: { value: 8, unit: 'hour' } } } }, profiles)).toMatchObject({ source: 'matter', duration: { kind: 'elapsed', ms: 8 * 3_600_000 } });
    expect(planTaskSla(plain, 'Task_Review', {}, profiles)).toBeNull();
  });

  test('a step naming a profile (12345 签收处置) runs on the case limit: the matter\'s 2/10/15 working days first, else the profile\'s', async () => {
    const handle = await model('', '<gov:sla profile="12345" />');
    // A 咨询 matter of the catalog: 2 working days, whatever the bare profile says.
    expect(planTaskSla(handle, 'Task_Review', { matter: { type: '诉求工单' }, legalTimeLimit: { value: 2, unit: 'workingDay' } }, profiles)).toMatchObject({ kind: 'step', source: 'matter', duration: { kind: 'workingDays', days: 2 } });
    expect(planTaskSla(handle, 'Task_Review', { legalTimeLimit: { value: 15, unit: 'workingDay' }, promisedTimeLimit: { value: 10, unit: 'workingDay' } }, profiles)).toMatchObject({ duration: { days: 10 } });
    // No limit from the catalog: the appeal type's profile.
    expect(planTaskSla(handle, 'Task_Review', { appealType: '求助', legalTimeLimit: null }, profiles)).toMatchObject({ source: 'profile:12345-求助', duration: { kind: 'workingDays', days: 10 } });
  });

  test('deploy can refuse bad gov:sla attributes up front, naming each element', async () => {
    expect(slaModelProblems(await model('<gov:sla statutory="P20D" profile="12345" />', '<gov:sla committed="P3D" />'), profiles)).toEqual([]);
    const problems = slaModelProblems(await model('<gov:sla statutory="20 days" calendar="lunar" />', '<gov:sla profile="无此规则" />'), profiles);
    expect(problems.map((problem) => problem.elementId)).toEqual(['rules', 'rules', 'Task_Review']);
    expect(problems[1].message).toContain('gov:sla statutory: "20 days" is not an ISO 8601 duration');
  });
});

/** A dispatch step, then the unit's handling step, then a service task: where the response and step markings go. */
const ticketXml = (processSla: string, handleSla: string, serviceSla = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:gov="http://matterflow.dev/schema/gov/1.0"
  id="D_Ticket" targetNamespace="http://matterflow.dev/tests">
  <bpmn:process id="ticket" isExecutable="true">
    <bpmn:extensionElements>${processSla}</bpmn:extensionElements>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Dispatch" />
    <bpmn:userTask id="Task_Dispatch" name="派单"><bpmn:extensionElements><gov:sla statutory="PT2H" step="dispatch" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Task_Dispatch" targetRef="Task_Handle" />
    <bpmn:userTask id="Task_Handle" name="签收处置"><bpmn:extensionElements>${handleSla}</bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="F3" sourceRef="Task_Handle" targetRef="Notify" />
    <bpmn:serviceTask id="Notify" name="短信告知"><bpmn:extensionElements><zeebe:taskDefinition type="sms" />${serviceSla}</bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="F4" sourceRef="Notify" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

async function ticket(processSla: string, handleSla: string, serviceSla = ''): Promise<ProcessModel> {
  const compiled = await compileDeployment(ticketXml(processSla, handleSla, serviceSla));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return compiled.processes[0];
}

describe('the first-response step and the operating-standard step a task names', () => {
  test('a model that marks its first-response step opens no response clock with the case: the step opens it', async () => {
    const marked = await ticket('<gov:sla profile="12345" />', '<gov:sla profile="12345" response="profile" />');
    expect(planCaseSla(marked, { appealType: '投诉' }, profiles).clocks.map((clock) => clock.kind)).toEqual(['statutory']);
    const unmarked = await ticket('<gov:sla profile="12345" />', '<gov:sla profile="12345" />');
    expect(planCaseSla(unmarked, { appealType: '投诉' }, profiles).clocks.map((clock) => clock.kind)).toEqual(['statutory', 'response']);
  });

  test('the response limit: the matter’s, else the marking’s own, else the profile’s; always clock hours, never office hours', async () => {
    const fromProfile = await ticket('<gov:sla profile="12345" />', '<gov:sla response="profile" />');
    expect(planResponseSla(fromProfile, 'Task_Handle', { appealType: '咨询' }, profiles)).toEqual({
      kind: 'response', duration: { kind: 'elapsed', ms: 24 * 3_600_000, officeHours: false }, warnAt: 0.8, source: 'profile:12345-咨询', label: '首次响应时限', principal: false, extensionRule: null,
    });
    expect(planResponseSla(fromProfile, 'Task_Handle', { responseTimeLimit: { value: 12, unit: 'hour' } }, profiles)).toMatchObject({ source: 'matter', duration: { kind: 'elapsed', ms: 12 * 3_600_000, officeHours: false } });
    const own = await ticket('', '<gov:sla response="PT4H" warnAt="0.5" />');
    expect(planResponseSla(own, 'Task_Handle', {}, profiles)).toMatchObject({ source: 'model', warnAt: 0.5, duration: { kind: 'elapsed', ms: 4 * 3_600_000, officeHours: false } });
    expect(planResponseSla(own, 'Task_Dispatch', {}, profiles)).toBeNull();
    // A matter's limit that cannot be read refuses, naming it: already the start, not only the 派单 that opens the clock.
    expect(() => planResponseSla(own, 'Task_Handle', { responseTimeLimit: { value: 1, unit: 'fortnight' } }, profiles)).toThrow(/matter.responseTimeLimit/);
    expect(() => planCaseSla(own, { responseTimeLimit: { value: 1, unit: 'fortnight' } }, profiles)).toThrow(/matter.responseTimeLimit/);
  });

  test('gov:sla step names the operating-standard step: its maxDuration is the limit; a step the matter lacks has none', async () => {
    const handle = await ticket('', '<gov:sla step="handle" />');
    const stepLimits = { dispatch: { value: 1, unit: 'hour' }, handle: { value: 3, unit: 'workingDay' }, Task_Handle: { value: 9, unit: 'workingDay' } };
    expect(planTaskSla(handle, 'Task_Handle', { matter: { stepLimits } }, profiles)).toMatchObject({ kind: 'step', source: 'matter', duration: { kind: 'workingDays', days: 3 } });
    expect(planTaskSla(handle, 'Task_Handle', { matter: { stepLimits: { dispatch: stepLimits.dispatch } } }, profiles)).toBeNull();
    // The model's own limit wins over the catalog's.
    expect(planTaskSla(handle, 'Task_Dispatch', { matter: { stepLimits } }, profiles)).toMatchObject({ source: 'model', duration: { kind: 'elapsed', ms: 2 * 3_600_000 } });
  });

  test('a step limit the process will use that cannot be read refuses the start; one it never uses does not', async () => {
    const handle = await ticket('', '<gov:sla step="handle" />');
    expect(() => planCaseSla(handle, { matter: { stepLimits: { handle: { value: 1.5, unit: 'workingDay' } } } }, profiles)).toThrow(/matter.stepLimits.handle.*whole number/);
    // dispatch is the key of a step whose model sets its own limit, close no step's at all.
    expect(planCaseSla(handle, { matter: { stepLimits: { dispatch: { value: 1, unit: 'fortnight' }, close: 'soon' } } }, profiles).clocks).toEqual([]);
  });

  test('deploy refuses a marking it cannot read or that is out of place, naming the element', async () => {
    expect(slaModelProblems(await ticket('<gov:sla profile="12345" />', '<gov:sla response="profile" step="handle" />'), profiles)).toEqual([]);
    const problems = (model: ProcessModel) => slaModelProblems(model, profiles).map((problem) => [problem.elementId, problem.message]);
    expect(problems(await ticket('<gov:sla response="PT24H" step="x" />', '<gov:sla response="24 小时" step="处置 现场" />', '<gov:sla response="PT1H" />'))).toEqual([
      ['ticket', expect.stringContaining("gov:sla response of 'ticket' belongs on a user task")],
      ['ticket', expect.stringContaining("gov:sla step of 'ticket' belongs on a user task")],
      ['Task_Handle', expect.stringContaining('gov:sla response of \'Task_Handle\' must be an ISO 8601 duration such as PT24H, or "profile"')],
      ['Task_Handle', expect.stringContaining('gov:sla step of \'Task_Handle\' must be an operating-standard step key')],
      ['Notify', expect.stringContaining('not on a serviceTask')],
    ]);
    expect(problems(await ticket('', '<gov:sla response="profile" />'))).toEqual([['Task_Handle', expect.stringContaining('needs an SLA profile')]]);
  });
});
