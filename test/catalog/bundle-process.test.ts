import { bundleProcessId, bundleProcessXml, type BundleProcessInput } from '../../catalog/bundles/bundle-process.js';
import { compileDeployment, type Actor, type ProcessModel, type UserTaskRow } from '../../engine/index.js';
import { parseBpmn, type ModdleElement } from '../../engine/model/parse-bpmn.js';
import { harness, type Harness } from '../integration/durable/harness.js';

// 开办餐饮店：营业执照 first; 食品经营许可 and 户外招牌 (optional) need it; 排水许可 needs it and 消防检查.
const LEAD = 'ZWFWJ';
const matters: BundleProcessInput['matters'] = new Map([
  ['YYZZ', { code: 'YYZZ', name: '营业执照', competentDept: 'SCJGJ', legalTimeLimit: { value: 15, unit: 'workingDay' }, promisedTimeLimit: { value: 3, unit: 'workingDay' } }],
  ['SPJY', { code: 'SPJY', name: '食品经营许可', competentDept: 'SCJGJ', legalTimeLimit: { value: 20, unit: 'workingDay' }, promisedTimeLimit: { value: 10, unit: 'workingDay' } }],
  ['XFJC', { code: 'XFJC', name: '公众聚集场所投入使用、营业前消防安全检查', competentDept: 'XFJY', promisedTimeLimit: { value: 10, unit: 'workingDay' } }],
  ['HWZP', { code: 'HWZP', name: '户外招牌设置', competentDept: 'CGJ' }],
  ['PSXK', { code: 'PSXK', name: '城镇污水排入排水管网许可', competentDept: 'SWJ', legalTimeLimit: { value: 1, unit: 'month' } }],
]);
const restaurant: BundleProcessInput = {
  bundle: {
    code: 'YJS-KBCYD',
    name: '开办餐饮店',
    leadDept: LEAD,
    promisedTimeLimit: { value: 5, unit: 'workingDay' },
    components: [
      { matterCode: 'YYZZ' },
      { matterCode: 'SPJY', dependsOn: ['YYZZ'] },
      { matterCode: 'XFJC' },
      { matterCode: 'HWZP', optional: true, dependsOn: ['YYZZ'] },
      { matterCode: 'PSXK', dependsOn: ['YYZZ', 'XFJC'] },
    ],
  },
  matters,
  leadUnitName: '市政务服务中心',
};

// The lead department deploys and starts the process; an administrator sees every department's tasks;
// each task is worked by a member of staff of the department it was routed to, holding its post.
const frontDesk: Actor = { userId: 'front-desk', department: LEAD, roles: ['designer', 'staff'] };
const admin: Actor = { userId: 'admin', department: LEAD, roles: ['admin'] };
const staffOf = (task: UserTaskRow): Actor => ({ userId: `staff-${task.department}`, department: task.department, roles: ['staff'], groups: task.candidate_groups });

/** Task ids are Task_<position in components>, so the prerequisites of each task follow from dependsOn. */
function prerequisiteTasks(input: BundleProcessInput): Map<string, string[]> {
  const taskOf = new Map(input.bundle.components.map((component, index) => [component.matterCode, `Task_${index + 1}`]));
  return new Map(input.bundle.components.map((component) => [taskOf.get(component.matterCode) as string, (component.dependsOn ?? []).map((code) => taskOf.get(code) as string)]));
}

async function compileOne(xml: string): Promise<ProcessModel> {
  const result = await compileDeployment(xml);
  expect(result.ok ? [] : result.problems).toEqual([]);
  if (!result.ok) throw new Error('does not compile');
  return result.processes[0];
}

describe('bundleProcessXml: a 一件事 as one BPMN process', () => {
  test('the process id keeps only characters an XML id may hold', () => {
    expect(bundleProcessId('YJS-KBCYD.1')).toBe('bundle-YJS-KBCYD.1');
    expect(bundleProcessId('BJ/开办 餐饮')).toBe('bundle-BJ______');
  });

  test('the model compiles without problems, and the diagram has a shape for every node and an edge for every flow', async () => {
    const xml = bundleProcessXml(restaurant);
    const model = await compileOne(xml);
    expect(model.id).toBe('bundle-YJS-KBCYD');
    expect(model.name).toBe('开办餐饮店（一件事）');
    expect(model.gov).toEqual({ department: LEAD, unit: '市政务服务中心', sla: { committed: 'P5D', calendar: 'working', warnAt: 0.8 } });
    expect(model.elements.get('Task_1')?.gov).toEqual({ matterCode: 'YYZZ', sla: { statutory: 'P15D', committed: 'P3D', calendar: 'working' } });
    // Routed by region: the component's handling unit there, else the matter's competent department (SCJGJ).
    const routing = model.elements.get('Task_1')?.userTask?.handling?.department;
    expect(routing && 'expression' in routing ? routing.expression.source : routing).toContain('"SCJGJ"');
    // Parallel gateways only where needed: after 综合受理 and 营业执照 (forks), before 排水许可 and 统一出件 (joins).
    const parallel = [...model.elements.values()].filter((node) => node.kind === 'parallelGateway').map((node) => node.id);
    expect(parallel.sort()).toEqual(['Gateway_Fork_1', 'Gateway_Fork_Accept', 'Gateway_Join_5', 'Gateway_Join_Deliver']);
    expect(model.elements.get('Gateway_Select_4')?.defaultFlowId).toBeDefined();

    const parsed = await parseBpmn(xml);
    if (!parsed.ok) throw new Error('does not parse');
    const diagram = (parsed.definitions.diagrams as ModdleElement[])[0];
    const drawn = ((diagram.plane as ModdleElement).planeElement as ModdleElement[]).map((element) => ({
      type: element.$type,
      id: (element.bpmnElement as ModdleElement).id as string,
      bounds: element.bounds as { x: number; y: number; width: number; height: number } | undefined,
      waypoints: (element.waypoint as Array<{ x: number; y: number }> | undefined) ?? [],
    }));
    const shapes = drawn.filter((element) => element.type === 'bpmndi:BPMNShape');
    const edges = drawn.filter((element) => element.type === 'bpmndi:BPMNEdge');
    expect(shapes.map((shape) => shape.id).sort()).toEqual([...model.elements.keys()].sort());
    expect(edges.map((edge) => edge.id).sort()).toEqual([...model.flows.keys()].sort());

    // Tidy: no two shapes overlap, and every edge runs orthogonally.
    for (const a of shapes) {
      for (const b of shapes) {
        if (a === b || !a.bounds || !b.bounds) continue;
        const overlap = a.bounds.x < b.bounds.x + b.bounds.width && b.bounds.x < a.bounds.x + a.bounds.width && a.bounds.y < b.bounds.y + b.bounds.height && b.bounds.y < a.bounds.y + a.bounds.height;
        expect({ a: a.id, b: b.id, overlap }).toEqual({ a: a.id, b: b.id, overlap: false });
      }
    }
    for (const edge of edges) {
      expect(edge.waypoints.length).toBeGreaterThanOrEqual(2);
      edge.waypoints.slice(1).forEach((point, index) => expect(point.x === edge.waypoints[index].x || point.y === edge.waypoints[index].y).toBe(true));
    }
  });

  test('time limits become gov:sla where days or hours express them, in one calendar', async () => {
    const limits: BundleProcessInput['matters'] = new Map([
      ['H', { code: 'H', name: '按小时', competentDept: 'A', promisedTimeLimit: { value: 48, unit: 'hour' } }],
      ['N', { code: 'N', name: '自然日', competentDept: 'A', legalTimeLimit: { value: 20, unit: 'workingDay' }, promisedTimeLimit: { value: 10, unit: 'naturalDay' } }],
      ['M', { code: 'M', name: '按月', competentDept: 'A', legalTimeLimit: { value: 1, unit: 'month' } }],
    ]);
    const xml = bundleProcessXml({
      bundle: { code: 'T', name: '时限', leadDept: 'A', promisedTimeLimit: { value: 1, unit: 'month' }, components: [{ matterCode: 'H' }, { matterCode: 'N' }, { matterCode: 'M' }] },
      matters: limits,
    });
    const model = await compileOne(xml);
    expect(model.gov).toEqual({ department: 'A', unit: 'A' });
    expect(model.elements.get('Task_1')?.gov.sla).toEqual({ committed: 'PT48H', calendar: 'working' });
    // The statutory 20 working days cannot share the natural calendar of the promise: left out.
    expect(model.elements.get('Task_2')?.gov.sla).toEqual({ committed: 'P10D', calendar: 'natural' });
    expect(model.elements.get('Task_3')?.gov.sla).toBeUndefined();
  });

  test('names are escaped in the XML', async () => {
    const odd = 'A&B <"C">';
    const xml = bundleProcessXml({
      bundle: { code: 'odd', name: odd, leadDept: 'D&E', components: [{ matterCode: 'X"1', optional: true }] },
      matters: new Map([['X"1', { code: 'X"1', name: odd, competentDept: 'F<G' }]]),
    });
    const model = await compileOne(xml);
    expect(model.name).toBe(`${odd}（一件事）`);
    expect(model.elements.get('Task_1')).toMatchObject({ name: `办理：${odd}`, gov: { matterCode: 'X"1' } });
    const routing = model.elements.get('Task_1')?.userTask?.handling?.department;
    expect(routing && 'expression' in routing ? routing.expression.source : routing).toContain('"F<G"');
    const condition = model.flows.get(model.elements.get('Gateway_Select_1')?.outgoing.find((id) => id !== model.elements.get('Gateway_Select_1')?.defaultFlowId) as string)?.condition;
    expect(condition?.source).toContain('list contains(selectedMatters, "X\\"1")');
  });

  test('dependsOn naming a matter outside the bundle, or going round in a cycle, is refused', () => {
    const bundle = (components: BundleProcessInput['bundle']['components']): BundleProcessInput => ({ bundle: { ...restaurant.bundle, components }, matters });
    expect(() => bundleProcessXml(bundle([{ matterCode: 'YYZZ', dependsOn: ['NOPE'] }]))).toThrow(/YYZZ depends on NOPE, which is not one of its components/);
    expect(() =>
      bundleProcessXml(
        bundle([
          { matterCode: 'YYZZ', dependsOn: ['PSXK'] },
          { matterCode: 'SPJY', dependsOn: ['YYZZ'] },
          { matterCode: 'PSXK', dependsOn: ['SPJY'] },
        ]),
      ),
    ).toThrow(/cycle \(YYZZ → PSXK → SPJY → YYZZ\)/);
    expect(() => bundleProcessXml(bundle([{ matterCode: 'YYZZ', dependsOn: ['YYZZ'] }]))).toThrow(/cycle/);
  });
});

describe('a 一件事 process on the engine', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    // The departments tasks are routed to (the catalog registers them from its organisations).
    const departments = new Set([LEAD, 'WJW', 'GAJ', 'RSJ', ...[...restaurant.matters.values()].map((matter) => matter.competentDept)]);
    await h.context.engine.staff.registerDepartments([...departments].map((code) => ({ code, name: code })));
  });
  afterAll(async () => {
    await h.close();
  });

  interface Run {
    /** Element ids of the tasks in the order they were completed. */
    completed: string[];
    /** Element ids open after each completion, starting with the first. */
    rounds: string[][];
    tasks: Map<string, UserTaskRow>;
  }

  /**
   * Starts the bundle and works the open tasks one at a time until the instance ends, checking at
   * every step that no task is open before everything it depends on was done (or left out).
   */
  async function runBundle(input: BundleProcessInput, selectedMatters: string[]): Promise<Run> {
    const { engine } = h.context;
    await engine.deploy({ xml: bundleProcessXml(input), actor: frontDesk });
    // The variables startBundleCase always sets (here without a region: no units to add to the groups).
    const variables = { selectedMatters, acceptingUnit: null, components: selectedMatters.map((matterCode) => ({ matterCode, handlingUnit: null })) };
    const instance = await engine.startInstance({ processId: bundleProcessId(input.bundle.code), variables, actor: frontDesk });
    const prerequisites = prerequisiteTasks(input);
    const leftOut = new Set(input.bundle.components.flatMap((component, index) => (component.optional && !selectedMatters.includes(component.matterCode) ? [`Task_${index + 1}`] : [])));
    const run: Run = { completed: [], rounds: [], tasks: new Map() };
    for (let round = 0; round < 20; round++) {
      const open = await engine.listTasks(admin, { instanceId: instance.id });
      if (open.length === 0) break;
      run.rounds.push(open.map((task) => task.element_id).sort());
      for (const task of open) {
        run.tasks.set(task.element_id, task);
        for (const prerequisite of prerequisites.get(task.element_id) ?? []) {
          expect({ task: task.element_id, prerequisiteDone: run.completed.includes(prerequisite) || leftOut.has(prerequisite) }).toEqual({ task: task.element_id, prerequisiteDone: true });
        }
        if (task.element_id === 'Task_Deliver') expect(open).toHaveLength(1);
      }
      await engine.completeTask(staffOf(open[0]), open[0].id, {});
      run.completed.push(open[0].element_id);
    }
    expect((await engine.getInstance(admin, instance.id)).status).toBe('completed');
    return run;
  }

  function expectDepartments(run: Run, input: BundleProcessInput): void {
    input.bundle.components.forEach((component, index) => {
      const task = run.tasks.get(`Task_${index + 1}`);
      if (task) expect({ task: task.element_id, department: task.department }).toEqual({ task: task.element_id, department: input.matters.get(component.matterCode)?.competentDept });
    });
    expect(run.tasks.get('Task_Accept')?.department).toBe(LEAD);
    expect(run.tasks.get('Task_Deliver')?.department).toBe(LEAD);
  }

  test('with 户外招牌 selected, every component is handled in its department, in dependency order, and the case completes', async () => {
    const run = await runBundle(restaurant, ['HWZP']);

    expect(run.rounds[0]).toEqual(['Task_Accept']);
    // After 综合受理 the two components without prerequisites are open side by side.
    expect(run.rounds[1]).toEqual(['Task_1', 'Task_3']);
    expect([...run.completed].sort()).toEqual(['Task_1', 'Task_2', 'Task_3', 'Task_4', 'Task_5', 'Task_Accept', 'Task_Deliver']);
    expect(run.completed.at(-1)).toBe('Task_Deliver');
    expect(run.tasks.get('Task_4')?.name).toBe('办理：户外招牌设置');
    expect(run.tasks.get('Task_2')?.candidate_groups).toEqual(['审查科室']);
    expect(run.tasks.get('Task_Accept')?.candidate_groups).toEqual(['综合窗口']);
    expectDepartments(run, restaurant);
  });

  test('without 户外招牌, it never opens and the rest still completes', async () => {
    const run = await runBundle(restaurant, []);

    expect(run.tasks.has('Task_4')).toBe(false);
    expect([...run.completed].sort()).toEqual(['Task_1', 'Task_2', 'Task_3', 'Task_5', 'Task_Accept', 'Task_Deliver']);
    expectDepartments(run, restaurant);
  });

  test('a component routed to a department nobody registered raises an incident naming the task and the value', async () => {
    const { engine } = h.context;
    const input: BundleProcessInput = {
      bundle: { code: 'YJS-UNKNOWN', name: '未知部门', leadDept: LEAD, components: [{ matterCode: 'Q' }] },
      matters: new Map([['Q', { code: 'Q', name: '某事项', competentDept: 'NOBODY' }]]),
    };
    await engine.deploy({ xml: bundleProcessXml(input), actor: frontDesk });
    const instance = await engine.startInstance({ processId: bundleProcessId('YJS-UNKNOWN'), variables: { selectedMatters: [], acceptingUnit: null, components: [] }, actor: frontDesk });
    const [accept] = await engine.listTasks(admin, { instanceId: instance.id });
    await engine.completeTask(staffOf(accept), accept.id, {});
    const [incident] = await engine.listIncidents(admin, { instanceId: instance.id });
    expect(incident).toMatchObject({ element_id: 'Task_1', error_type: 'ROUTING_FAILED' });
    expect(incident.message).toContain("'NOBODY'");
    expect(incident.message_zh).toContain('办理：某事项');
    expect(await engine.listTasks(admin, { instanceId: instance.id })).toEqual([]);
  });

  test('a component waiting for an optional one that was not selected still runs', async () => {
    const birth: BundleProcessInput = {
      bundle: {
        code: 'YJS-CSYJS',
        name: '出生一件事',
        leadDept: LEAD,
        components: [{ matterCode: 'CSZM' }, { matterCode: 'HKDJ', optional: true, dependsOn: ['CSZM'] }, { matterCode: 'SBK', dependsOn: ['HKDJ', 'CSZM'] }],
      },
      matters: new Map([
        ['CSZM', { code: 'CSZM', name: '出生医学证明', competentDept: 'WJW' }],
        ['HKDJ', { code: 'HKDJ', name: '户口登记', competentDept: 'GAJ' }],
        ['SBK', { code: 'SBK', name: '社会保障卡申领', competentDept: 'RSJ' }],
      ]),
    };

    const run = await runBundle(birth, []);

    expect(run.completed).toEqual(['Task_Accept', 'Task_1', 'Task_3', 'Task_Deliver']);
    expectDepartments(run, birth);
  });
});
