import { flows, processXml } from './support/bpmn.js';
import type { Actor } from '../../engine/index.js';
import { clerk, EngineDriver } from './support/engine-driver.js';

/** The member of staff who holds a post (the candidate group of one 会签 task). */
const signer = (post: string): Actor => ({ ...clerk, userId: `signer-${post}`, groups: [post] });

describe('multi-instance (会签) through the engine', () => {
  let d: EngineDriver;
  beforeAll(async () => {
    d = await EngineDriver.open({ restartEveryStep: true });
    await d.deploy(
      processXml(
        'countersign',
        `<startEvent id="start"/><userTask id="sign" name="会签"><extensionElements><zeebe:assignmentDefinition candidateGroups="=department"/></extensionElements>
          <multiInstanceLoopCharacteristics><extensionElements><zeebe:loopCharacteristics inputCollection="=departments" inputElement="department" outputCollection="opinions" outputElement="=opinion"/></extensionElements>
          <completionCondition>=count(opinions[item = "同意"]) &gt;= 2</completionCondition></multiInstanceLoopCharacteristics></userTask>
          <userTask id="decide"/><endEvent id="end"/>${flows('start', 'sign', 'decide', 'end')}`,
      ),
    );
  });
  afterAll(() => d.close());

  test('Given three departments countersign and two approvals suffice, the third task is canceled after two approvals', async () => {
    const id = await d.start('countersign', { departments: ['市场监管局', '卫健局', '消防救援'] });
    const tasks = await d.engine.listTasks(clerk, { instanceId: id });
    expect(tasks.map((task) => task.candidate_groups[0]).sort()).toEqual(['卫健局', '市场监管局', '消防救援'].sort());
    const byGroup = (group: string) => tasks.find((task) => task.candidate_groups[0] === group)?.id as string;
    // A signer of one department may not sign another's task.
    await expect(d.engine.completeTask(signer('卫健局'), byGroup('市场监管局'), { opinion: '同意' })).rejects.toMatchObject({ kind: 'forbidden' });
    await d.engine.completeTask(signer('市场监管局'), byGroup('市场监管局'), { opinion: '同意' });
    await d.engine.completeTask(signer('消防救援'), byGroup('消防救援'), { opinion: '不同意' });
    expect((await d.openTasks(id)).filter((task) => task === 'sign')).toHaveLength(1);
    await d.engine.completeTask(signer('卫健局'), byGroup('卫健局'), { opinion: '同意' });
    expect(await d.openTasks(id)).toEqual(['decide']);
    expect((await d.variables(id)).opinions).toEqual(['同意', '同意', '不同意']);
  });

  test('Given two approvals come first, the remaining department task is canceled', async () => {
    const id = await d.start('countersign', { departments: ['A', 'B', 'C'] });
    const tasks = await d.engine.listTasks(clerk, { instanceId: id });
    await d.engine.completeTask(signer(tasks[0].candidate_groups[0]), tasks[0].id, { opinion: '同意' });
    await d.engine.completeTask(signer(tasks[1].candidate_groups[0]), tasks[1].id, { opinion: '同意' });
    expect(await d.openTasks(id)).toEqual(['decide']);
    const canceled = await d.engine.listTasks(clerk, { instanceId: id, state: 'canceled' });
    expect(canceled).toHaveLength(1);
  });
});
