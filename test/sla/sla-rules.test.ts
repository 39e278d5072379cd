import { compileDeployment, EngineError, type ProcessModel } from '../../engine/index.js';
import { planCaseSla, planTaskSla, slaModelProblems, slaProfiles } from '../../engine/sla/index.js';

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
