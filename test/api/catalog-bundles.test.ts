import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';

const RESTAURANT = '4419YJS001'; // 开办餐饮店: lead SCJGJ
const BIRTH = '4419YJS002'; // 新生儿出生: lead WJJ
const LICENCE = '4419A21004000'; // 个体工商户设立登记 (SCJGJ)
const FOOD = '4419A21012000'; // 食品经营许可 (SCJGJ), after the licence
const SIGNBOARD = '4419J23003000'; // 户外招牌设置告知承诺 (CGJ), optional, after the licence
const FIRE = '4419A31001000'; // 消防安全检查 (XFZD), optional

type Task = { id: string; elementId: string; name: string; department: string };

describe('一件事 bundles: browse, start one application across departments, change them by batch', () => {
  let t: TestApp;
  let portal: string;
  let admin: string;
  let catalogAdmin: string;
  let scjgDesigner: string;

  beforeAll(async () => {
    // A Monday in a year the official calendar covers (45 working days from late 2026 reach into 2027, not yet published).
    t = await createTestApp({ clock: new FakeClock(new Date('2026-03-02T01:00:00Z')), sampleCatalog: true });
    portal = await t.userToken({ id: 'portal', department: 'ZSJ', roles: ['integrator'] });
    admin = await t.userToken({ id: 'ops', department: 'ZSJ', roles: ['admin', 'staff'] });
    catalogAdmin = await t.userToken({ id: 'cadmin', department: 'ZSJ', roles: ['catalog-admin'] });
    scjgDesigner = await t.userToken({ id: 'scjg-designer', department: 'SCJGJ', roles: ['designer'] });
  });
  afterAll(() => t.close());

  const openTasks = async (instanceId: string): Promise<Task[]> => (await as(t.app, admin).get(`/api/v1/user-tasks?processInstanceId=${instanceId}`)).body.items;

  // A member of staff of each department (and town) a task is routed to, holding the bundle flows' posts.
  const workers = new Map<string, string>();
  const workerFor = async (task: { department: string; regionCode?: string | null }): Promise<string> => {
    const key = `${task.department}@${task.regionCode ?? ''}`;
    if (!workers.has(key)) {
      const id = `worker-${workers.size}`;
      workers.set(key, await t.userToken({ id, department: task.department, ...(task.regionCode ? { regionCode: task.regionCode } : {}), roles: ['staff'], groups: ['综合窗口', '审查科室'] }));
    }
    return workers.get(key)!;
  };

  test('the sample bundles are listed, and filtered by a matter they contain', async () => {
    const all = await as(t.app, portal).get('/api/v1/catalog/bundles');
    expect(all.status).toBe(200);
    expect(all.body.items.map((bundle: { name: string }) => bundle.name)).toEqual(expect.arrayContaining(['开办餐饮店', '新生儿出生', '企业员工入职', '退休']));
    const withFood = await as(t.app, portal).get(`/api/v1/catalog/bundles?matterCode=${FOOD}`);
    expect(withFood.body.items).toEqual([expect.objectContaining({ code: RESTAURANT, leadDept: 'SCJGJ', departments: ['SCJGJ', 'XFZD', 'CGJ', 'SWUJ'], components: 5 })]);
  });

  test('a bundle shows its component matters with their departments, order and limits', async () => {
    const birth = await as(t.app, portal).get(`/api/v1/catalog/bundles/${BIRTH}`);
    expect(birth.status).toBe(200);
    expect(birth.body).toMatchObject({ name: '新生儿出生', leadDept: 'WJJ', promisedTimeLimit: { value: 5, unit: 'workingDay' }, version: 1, departmentNames: { WJJ: '东莞市卫生健康局' }, processId: `bundle-${BIRTH}` });
    expect(birth.body.componentMatters.map((component: { matterName: string; department: string; dependsOn: string[] }) => [component.matterName, component.department, component.dependsOn.length])).toEqual([
      ['出生医学证明签发', 'WJJ', 0],
      ['出生登记', 'GAJ', 1],
      ['城乡居民基本医疗保险参保登记', 'YBJ', 1],
      ['社会保障卡申领', 'RSJ', 1],
    ]);
    expect((await as(t.app, portal).get('/api/v1/catalog/bundles/NO-SUCH')).status).toBe(404);
  });

  test('one application: the lead department accepts, each matter goes to its own department in order, optional ones only when asked for', async () => {
    const started = await as(t.app, portal).post(`/api/v1/bundles/${RESTAURANT}/cases`).send({ applicant: { name: '东莞某某小馆' }, selectedMatters: [SIGNBOARD], businessKey: 'YJS-2026-0001' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ bundleCode: RESTAURANT, bundleVersion: 1, process: { processId: `bundle-${RESTAURANT}`, department: 'SCJGJ', source: 'generated' } });
    expect(started.body.instance.variables.components.map((component: { matterCode: string }) => component.matterCode)).toEqual([LICENCE, FOOD, SIGNBOARD]);
    const instanceId = started.body.instance.id as string;

    // The bundle's own limits run as the case's clocks, counted from the next day: 45 working days by law
    // (联合办理; across 清明 and 劳动节 2026), 10 promised.
    const clocks = (await as(t.app, admin).get(`/api/v1/process-instances/${instanceId}/sla`)).body.case as Array<{ kind: string }>;
    expect(clocks.find((clock) => clock.kind === 'statutory')).toMatchObject({ unit: 'workingDay', remaining: 45, lastDay: '2026-05-08', error: null });
    expect(clocks.find((clock) => clock.kind === 'committed')).toMatchObject({ unit: 'workingDay', remaining: 10, lastDay: '2026-03-16', principal: true });

    const seen: string[][] = [];
    for (let round = 0; round < 10; round++) {
      const tasks = await openTasks(instanceId);
      if (tasks.length === 0) break;
      seen.push(tasks.map((task) => `${task.name}@${task.department}`).sort());
      for (const task of tasks) expect((await as(t.app, await workerFor(task)).post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: {} })).status).toBe(200);
    }
    expect(seen[0]).toEqual(['综合受理（一表申请）@SCJGJ']);
    expect(seen[1]).toEqual(['办理：个体工商户设立登记@SCJGJ']);
    expect(seen[2]).toEqual(['办理：户外招牌设置告知承诺@CGJ', '办理：食品经营许可@SCJGJ']);
    expect(seen[3]).toEqual(['统一出件@SCJGJ']);
    expect(seen.flat().some((name) => name.includes('消防'))).toBe(false);
    expect((await as(t.app, admin).get(`/api/v1/process-instances/${instanceId}`)).body.status).toBe('completed');

    // The second case uses the deployed process; nothing is generated again.
    const again = await as(t.app, portal).post(`/api/v1/bundles/${RESTAURANT}/cases`).send({ applicant: { name: '乙' } });
    expect(again.body.process.source).toBe('department');

    // The lead department lists its bundle cases; another department sees none of them.
    const scjgStaff = await t.userToken({ id: 'scjg-window', department: 'SCJGJ', roles: ['staff'] });
    const cases = await as(t.app, scjgStaff).get(`/api/v1/bundles/${RESTAURANT}/cases`);
    expect(cases.body.items.map((row: { instanceId: string; bundleVersion: number }) => [row.instanceId, row.bundleVersion]).sort()).toEqual(
      [
        [again.body.instance.id, 1],
        [instanceId, 1],
      ].sort(),
    );
    expect((await as(t.app, portal).get(`/api/v1/bundles/${RESTAURANT}/cases`)).body.items).toEqual([]);
    // A 一件事 that was never published is a 404, not an empty list.
    const missing = await as(t.app, portal).get('/api/v1/bundles/NO-SUCH-BUNDLE/cases');
    expect([missing.status, missing.type]).toEqual([404, 'application/problem+json']);
    expect(JSON.stringify(missing.body)).toMatch(/NO-SUCH-BUNDLE/);
  });

  test("with the applicant's region, the town's window accepts and each matter goes to its implementing unit there", async () => {
    const started = await as(t.app, portal).post(`/api/v1/bundles/${RESTAURANT}/cases`).send({ applicant: { name: '戊' }, regionCode: '441900003901' });
    expect(started.status).toBe(201);
    const { components, acceptingUnit } = started.body.instance.variables as { components: Array<{ matterCode: string; handlingUnit: string; implCode: string }>; acceptingUnit: string };
    expect(acceptingUnit).toBe('ZWFW-441900003');
    expect(components.every((component) => component.implCode.includes('441900003'))).toBe(true);
    // The town's service centre (a unit of 东城街道's government) accepts: the lead department need not staff the window.
    const [accept] = (await openTasks(started.body.instance.id)) as Array<Task & { candidateGroups: string[]; unit: string; regionCode: string }>;
    expect(accept).toMatchObject({ department: 'GOV-441900003', unit: 'ZWFW-441900003', regionCode: '441900003', candidateGroups: ['综合窗口'] });
    expect((await as(t.app, admin).post(`/api/v1/user-tasks/${accept.id}/complete`).send({ variables: {} })).status).toBe(403);
    expect((await as(t.app, await workerFor(accept)).post(`/api/v1/user-tasks/${accept.id}/complete`).send({ variables: {} })).status).toBe(200);
    // Each matter goes to its implementing unit in the town: the licence to the market regulator's 东城 branch.
    const [licence] = (await openTasks(started.body.instance.id)) as Array<Task & { candidateGroups: string[]; unit: string; regionCode: string }>;
    const licenceUnit = components.find((component) => component.matterCode === LICENCE)!.handlingUnit;
    expect(licence).toMatchObject({ department: 'SCJGJ', unit: licenceUnit, regionCode: '441900003', candidateGroups: ['审查科室'] });
  });

  test('bad applications are refused where they are wrong', async () => {
    const notOptional = await as(t.app, portal).post(`/api/v1/bundles/${RESTAURANT}/cases`).send({ applicant: { name: '丙' }, selectedMatters: [FOOD] });
    expect(notOptional.status).toBe(422);
    expect(notOptional.body.errors).toEqual([expect.objectContaining({ code: 'not-optional', field: '/selectedMatters/0' })]);
    expect((await as(t.app, portal).post(`/api/v1/bundles/${RESTAURANT}/cases`).send({})).status).toBe(400);
  });

  test('a bundle whose component matter is not in effect yet is refused at the window and has no flow yet, naming the matter', async () => {
    const { body: food } = await as(t.app, portal).get(`/api/v1/catalog/matters/${FOOD}`);
    const { version: _v, validFrom: _f, validTo: _t, department: _d, departmentName: _n, processId: _p, processDepartment: _pd, ...foodDocument } = food;
    const future = { ...foodDocument, code: '4419A21099000', name: '小餐饮登记（试点）' };
    const later = await as(t.app, catalogAdmin).post('/api/v1/catalog/batches').send({ name: '试点事项', reason: '六月起施行', effectiveDate: '2026-06-01', items: [{ entity: 'matter', action: 'add', code: future.code, document: future }] });
    expect((await as(t.app, catalogAdmin).post(`/api/v1/catalog/batches/${later.body.id}/publish`)).status).toBe(200);
    const bundle = { code: '4419YJS099', name: '开办小餐饮（试点）', lifecycle: '经营主体', leadDept: 'SCJGJ', components: [{ matterCode: LICENCE }, { matterCode: future.code, dependsOn: [LICENCE] }], status: 'active' };
    const now = await as(t.app, catalogAdmin).post('/api/v1/catalog/batches').send({ name: '试点一件事', reason: '试点', effectiveDate: '2026-03-01', items: [{ entity: 'bundle', action: 'add', code: bundle.code, document: bundle }] });
    expect((await as(t.app, catalogAdmin).post(`/api/v1/catalog/batches/${now.body.id}/publish`)).status).toBe(200);
    const refused = await as(t.app, portal).post(`/api/v1/bundles/${bundle.code}/cases`).send({ applicant: { name: '丁' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'matter-not-in-effect', field: '/components/1/matterCode', message: expect.stringContaining(future.code) })]);
    expect((await as(t.app, portal).get(`/api/v1/catalog/bundles/${bundle.code}/process`)).status).toBe(422);
  });

  test('a bundle offered in one town takes applications from its villages, and refuses other towns', async () => {
    const town = { code: '4419YJS098', name: '开办小餐饮（莞城试点）', lifecycle: '经营主体', leadDept: 'SCJGJ', components: [{ matterCode: LICENCE }, { matterCode: FOOD, dependsOn: [LICENCE] }], regions: ['441900003'], status: 'active' };
    const draft = await as(t.app, catalogAdmin).post('/api/v1/catalog/batches').send({ name: '莞城试点', reason: '试点', effectiveDate: '2026-03-01', items: [{ entity: 'bundle', action: 'add', code: town.code, document: town }] });
    expect((await as(t.app, catalogAdmin).post(`/api/v1/catalog/batches/${draft.body.id}/publish`)).status).toBe(200);
    const elsewhere = await as(t.app, portal).post(`/api/v1/bundles/${town.code}/cases`).send({ applicant: { name: '己' }, regionCode: '441900004' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors).toEqual([expect.objectContaining({ code: 'not-offered', field: '/regionCode' })]);
    expect((await as(t.app, portal).post(`/api/v1/bundles/${town.code}/cases`).send({ applicant: { name: '己' } })).status).toBe(422);
    expect((await as(t.app, portal).post(`/api/v1/bundles/${town.code}/cases`).send({ applicant: { name: '己' }, regionCode: '441900003901' })).status).toBe(201);
  });

  test('the generated flow downloads as BPMN with its diagram, ready to adapt in the designer', async () => {
    const flow = await as(t.app, scjgDesigner).get(`/api/v1/catalog/bundles/${RESTAURANT}/process`);
    expect(flow.status).toBe(200);
    expect(flow.headers['content-type']).toMatch(/application\/bpmn\+xml/);
    expect(flow.text).toContain(`<gov:matter code="${FIRE}"`);
    expect(flow.text).toContain('<bpmndi:BPMNDiagram');
  });

  test('bundles change through adjustment batches: every wrong reference is named, and the diff shows the change', async () => {
    const { body: current } = await as(t.app, portal).get(`/api/v1/catalog/bundles/${BIRTH}`);
    const { componentMatters: _components, departmentNames: _names, processId: _process, version: _version, validFrom: _from, ...document } = current;
    const broken = {
      ...document,
      leadDept: 'NO-DEPT',
      components: [
        { matterCode: '4419K18012000', dependsOn: ['4419K22001000'] },
        { matterCode: '4419G05001000', dependsOn: ['4419K18012000'] },
        { matterCode: '4419K22001000', dependsOn: ['4419G05001000'] },
        { matterCode: 'NO-MATTER' },
      ],
      legalTimeLimit: { value: 3, unit: 'workingDay' },
    };
    const refused = await as(t.app, catalogAdmin).post('/api/v1/catalog/batches').send({ name: '调整出生一件事', reason: '测试', effectiveDate: '2026-01-01', items: [{ entity: 'bundle', action: 'modify', code: BIRTH, document: broken }] });
    expect(refused.status).toBe(422);
    const codes = refused.body.errors.map((error: { code: string; field: string; row: number }) => `${error.row} ${error.code} ${error.field}`);
    expect(codes).toEqual(
      expect.arrayContaining(['1 unknown-department /leadDept', '1 unknown-matter /components/3/matterCode', '1 dependency-cycle /components', '1 promise-exceeds-law /promisedTimeLimit']),
    );

    // A department leads only its own bundles.
    const notYours = await as(t.app, scjgDesigner).post('/api/v1/catalog/batches').send({ name: 'x', reason: 'x', effectiveDate: '2026-01-01', items: [{ entity: 'bundle', action: 'modify', code: BIRTH, document: { ...document, name: '出生一件事' } }] });
    expect(notYours.status).toBe(422);
    expect(notYours.body.errors[0]).toMatchObject({ code: 'not-your-department', field: '/leadDept' });

    // A matter that a bundle needs cannot be abolished alone.
    const orphaning = await as(t.app, catalogAdmin).post('/api/v1/catalog/batches').send({ name: 'x', reason: 'x', effectiveDate: '2026-01-01', items: [{ entity: 'matter', action: 'abolish', code: '4419G05001000' }] });
    expect(orphaning.status).toBe(422);
    expect(orphaning.body.errors[0]).toMatchObject({ code: 'matter-in-bundle', message: expect.stringContaining(BIRTH) });

    const renamed = { ...document, name: '新生儿出生一件事', promisedTimeLimit: { value: 3, unit: 'workingDay' } };
    const draft = await as(t.app, catalogAdmin).post('/api/v1/catalog/batches').send({ name: '调整出生一件事', reason: '承诺时限压缩为 3 个工作日', effectiveDate: '2026-01-01', items: [{ entity: 'bundle', action: 'modify', code: BIRTH, document: renamed }] });
    expect(draft.status).toBe(201);
    expect((await as(t.app, catalogAdmin).post(`/api/v1/catalog/batches/${draft.body.id}/publish`)).status).toBe(200);
    const diff = await as(t.app, portal).get(`/api/v1/catalog/batches/${draft.body.id}/diff`);
    expect(diff.body.bundles).toMatchObject({ modified: 1, changes: [expect.objectContaining({ code: BIRTH, fromVersion: 1, toVersion: 2 })] });
    expect((await as(t.app, portal).get(`/api/v1/catalog/bundles/${BIRTH}`)).body).toMatchObject({ name: '新生儿出生一件事', version: 2 });
    expect((await as(t.app, portal).get(`/api/v1/catalog/bundles/${BIRTH}?asOf=2025-06-01`)).body).toMatchObject({ name: '新生儿出生', version: 1 });
  });
});
