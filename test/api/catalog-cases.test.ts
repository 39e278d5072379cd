import { as, createTestApp, type TestApp } from '../support/context.js';

const FOOD = '4419A21012000'; // 食品经营许可 (SCJGJ), implemented in every town by the SCJGJ branch
// 上水井盖问题处置 (城管事件, DJSW city-wide): 作业规范 立案 1 h, 派遣 1 h, 处置 2 h, 核查 4 h, 结案 1 h.
const MANHOLE = '4419S010101000';
// 道路两侧暴露垃圾 (协同事项, 东城 by its town government): 发现上报, 受理分拨 1 h, 签收, 处置 4 h, 反馈, 核查结案 1 working day.
const LITTER = '4419X01010101';
const HOUR = 3_600_000;

describe('binding matters to processes and starting cases', () => {
  let t: TestApp;
  let portal: string;
  let scjgDesigner: string;
  let scjgStaff: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    portal = await t.userToken({ id: 'portal', department: 'ZSJ', roles: ['integrator'] });
    scjgDesigner = await t.userToken({ id: 'scjg-designer', department: 'SCJGJ', roles: ['designer'] });
    scjgStaff = await t.userToken({ id: 'scjg-staff', department: 'SCJGJ', roles: ['staff'] });
    admin = await t.userToken({ id: 'cadmin', department: 'ZSJ', roles: ['catalog-admin'] });
  });
  afterAll(() => t.close());

  const matterDocument = async () => {
    const { version: _v, validFrom: _f, validTo: _t, department: _d, departmentName: _n, processId: _p, processDepartment: _pd, ...document } = (await as(t.app, portal).get(`/api/v1/catalog/matters/${FOOD}`)).body;
    return document as Record<string, unknown>;
  };

  test('templates: one per family of matter types; a copy has the department filled in and deploys', async () => {
    const list = await as(t.app, portal).get('/api/v1/catalog/process-templates');
    expect(list.body.items.map((item: { key: string }) => item.key)).toEqual(expect.arrayContaining(['administrative-permit', 'administrative-penalty', 'appeal-ticket', 'city-management-event', 'general-service']));
    const copy = await as(t.app, scjgDesigner).get(`/api/v1/catalog/process-templates/administrative-permit?matter=${FOOD}&processId=scjg-food-permit`);
    expect(copy.status).toBe(200);
    expect(copy.headers['content-type']).toMatch(/application\/bpmn\+xml/);
    expect(copy.text).toContain('department="SCJGJ"');
    expect(copy.text).toContain('unit="东莞市市场监督管理局"');
    expect(copy.text).toContain(`<gov:matter code="${FOOD}" name="食品经营许可" />`);
    expect(copy.text).toContain('committed="P5D"');
    expect(copy.text).toContain('<bpmndi:BPMNDiagram');
    expect(copy.text).not.toContain('__DEPARTMENT__');
    const deployed = await as(t.app, scjgDesigner).post('/api/v1/deployments').send({ xml: copy.text, name: 'scjg-food-permit.bpmn' });
    expect(deployed.status).toBe(201);
    expect(deployed.body.definitions[0]).toMatchObject({ processId: 'scjg-food-permit', department: 'SCJGJ' });
    expect((await as(t.app, portal).get('/api/v1/catalog/process-templates/no-such')).status).toBe(404);
  });

  test('a case for a village goes to its town’s implementation entry and runs the default template in the implementing department', async () => {
    const started = await as(t.app, portal)
      .post(`/api/v1/matters/${FOOD}/cases`)
      .send({ regionCode: '441900003901', applicant: { name: '东莞某餐饮有限公司', uscc: '91441900MA00000000' }, data: { shopName: '某某小馆' } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ matterCode: FOOD, matterVersion: 1, regionCode: '441900003', process: { processId: 'tpl-administrative-permit', department: 'SCJGJ', source: 'default-template' } });
    expect(started.body.instance.variables).toMatchObject({
      matterCode: FOOD,
      matterVersion: 1,
      implementingUnit: 'SCJGJ-441900003',
      acceptingUnit: 'ZWFW-441900003',
      legalTimeLimit: { value: 10, unit: 'workingDay' },
      promisedTimeLimit: { value: 5, unit: 'workingDay' },
      applicant: { name: '东莞某餐饮有限公司' },
    });
    // 受理 goes to the town's service centre (东城街道政务服务中心, a unit of the town's government), by the entry's acceptingUnit.
    const caseId = started.body.instance.id;
    const tasks = await as(t.app, scjgStaff).get(`/api/v1/user-tasks?processInstanceId=${caseId}`);
    expect(tasks.body.items).toEqual([
      expect.objectContaining({ name: '受理', department: 'GOV-441900003', unit: 'ZWFW-441900003', unitName: '东莞市东城街道政务服务中心', regionCode: '441900003', candidateGroups: ['受理窗口'], mayWork: false }),
    ]);
    const dongchengWindow = await t.userToken({ id: 'dc-window', department: 'GOV-441900003', regionCode: '441900003', roles: ['staff'], groups: ['受理窗口'] });
    const [accept] = (await as(t.app, dongchengWindow).get('/api/v1/user-tasks?mine=true')).body.items;
    expect(accept).toMatchObject({ name: '受理', mayWork: true, case: { processName: '行政许可（一般程序）模板', applicantName: '东莞某餐饮有限公司', department: 'SCJGJ' } });
    expect((await as(t.app, dongchengWindow).post(`/api/v1/user-tasks/${accept.id}/complete`).send({ variables: { acceptance: '受理' } })).status).toBe(200);

    // 审查 goes to the market regulator's 东城 branch: SCJGJ's staff of 东城 or of the city, not of another town.
    const [review] = (await as(t.app, scjgStaff).get(`/api/v1/user-tasks?processInstanceId=${caseId}`)).body.items;
    expect(review).toMatchObject({ name: '审查', department: 'SCJGJ', unit: 'SCJGJ-441900003', regionCode: '441900003', regionName: '东城街道' });
    const nanchengReviewer = await t.userToken({ id: 'nc-review', department: 'SCJGJ', regionCode: '441900004', roles: ['staff'], groups: ['审查科室'] });
    expect((await as(t.app, nanchengReviewer).get('/api/v1/user-tasks')).body.items).toEqual([]);
    expect((await as(t.app, nanchengReviewer).get(`/api/v1/process-instances/${caseId}`)).status).toBe(404);
    expect((await as(t.app, nanchengReviewer).post(`/api/v1/user-tasks/${review.id}/complete`).send({})).status).toBe(404);
    const dongchengReviewer = await t.userToken({ id: 'dc-review', department: 'SCJGJ', regionCode: '441900003', roles: ['staff'], groups: ['审查科室'] });
    expect((await as(t.app, dongchengReviewer).get('/api/v1/user-tasks?mine=true')).body.items.map((task: { id: string }) => task.id)).toEqual([review.id]);
    // The town's window took part in the case: it may read it and its trail, but not act on SCJGJ's task.
    expect((await as(t.app, dongchengWindow).get(`/api/v1/process-instances/${caseId}/history`)).status).toBe(200);
    expect((await as(t.app, dongchengWindow).post(`/api/v1/user-tasks/${review.id}/complete`).send({})).status).toBe(403);
    expect((await as(t.app, dongchengReviewer).post(`/api/v1/user-tasks/${review.id}/complete`).send({})).status).toBe(200);
  });

  test('a bound process is used instead of the template; a running case keeps the matter version it started with', async () => {
    const refused = await as(t.app, scjgDesigner).put(`/api/v1/catalog/matters/${FOOD}/process`).send({ processId: 'not-deployed' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].code).toBe('process-not-deployed');
    const bound = await as(t.app, scjgDesigner).put(`/api/v1/catalog/matters/${FOOD}/process`).send({ processId: 'scjg-food-permit' });
    expect(bound.status).toBe(200);
    expect((await as(t.app, portal).get(`/api/v1/catalog/matters/${FOOD}`)).body.processId).toBe('scjg-food-permit');

    const first = await as(t.app, portal).post(`/api/v1/matters/${FOOD}/cases`).send({ regionCode: '441900004', applicant: { name: '甲' } });
    expect(first.status).toBe(201);
    expect(first.body.process).toEqual({ processId: 'scjg-food-permit', department: 'SCJGJ', source: 'matter-binding' });
    expect(first.body.instance.processId).toBe('scjg-food-permit');

    // A new version takes effect today: a form the applicant's data must match, a shorter committed limit.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const formSchema = { type: 'object', properties: { shopName: { type: 'string', minLength: 1 } }, required: ['shopName'] };
    const document = { ...(await matterDocument()), formSchema, promisedTimeLimit: { value: 3, unit: 'workingDay', startEvent: '受理', endEvent: '作出决定' } };
    const batch = await as(t.app, admin).post('/api/v1/catalog/batches').send({ name: '表单', reason: '增加申请表单', effectiveDate: today, items: [{ entity: 'matter', action: 'modify', code: FOOD, document }] });
    expect((await as(t.app, admin).post(`/api/v1/catalog/batches/${batch.body.id}/publish`)).status).toBe(200);

    const kept = await as(t.app, scjgStaff).get(`/api/v1/process-instances/${first.body.instance.id}`);
    expect(kept.body.variables).toMatchObject({ matterVersion: 1, promisedTimeLimit: { value: 5 } });

    const invalid = await as(t.app, portal).post(`/api/v1/matters/${FOOD}/cases`).send({ regionCode: '441900004', applicant: { name: '乙' }, data: {} });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ code: 'missing-field', field: '/data/shopName' })]);

    const second = await as(t.app, portal).post(`/api/v1/matters/${FOOD}/cases`).send({ regionCode: '441900004', applicant: { name: '乙' }, data: { shopName: '乙记' } });
    expect(second.status).toBe(201);
    expect(second.body.instance.variables).toMatchObject({ matterVersion: 2, promisedTimeLimit: { value: 3 } });
    const cases = await as(t.app, scjgStaff).get(`/api/v1/matters/${FOOD}/cases`);
    const versionOf = (id: string) => cases.body.items.find((row: { instanceId: string }) => row.instanceId === id)?.matterVersion;
    expect([versionOf(first.body.instance.id), versionOf(second.body.instance.id)]).toEqual([1, 2]);
    expect((await as(t.app, portal).get(`/api/v1/matters/${FOOD}/cases`)).body.items).toEqual([]);
    // A matter that was never in the catalog is a 404, not an empty list.
    const missing = await as(t.app, portal).get('/api/v1/matters/NO-SUCH-MATTER/cases');
    expect([missing.status, missing.type]).toEqual([404, 'application/problem+json']);
    expect(JSON.stringify(missing.body)).toMatch(/NO-SUCH-MATTER/);
  });

  test('bindings are listed by region and can be removed by the competent department; cases then start the default template', async () => {
    const outsider = await t.userToken({ id: 'zjj-designer', department: 'ZJJ', roles: ['designer'] });
    expect((await as(t.app, scjgDesigner).put(`/api/v1/catalog/matters/${FOOD}/process`).send({ processId: 'scjg-food-permit', regionCode: '441900005' })).status).toBe(200);
    const listed = await as(t.app, portal).get(`/api/v1/catalog/matters/${FOOD}/process-bindings`);
    expect(listed.body.items.map((binding: { regionCode: string; processId: string }) => [binding.regionCode, binding.processId])).toEqual([
      ['441900005', 'scjg-food-permit'],
      ['', 'scjg-food-permit'],
    ]);

    const forbidden = await as(t.app, outsider).delete(`/api/v1/catalog/matters/${FOOD}/process`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await as(t.app, scjgDesigner).delete(`/api/v1/catalog/matters/${FOOD}/process`)).status).toBe(204);
    const again = await as(t.app, scjgDesigner).delete(`/api/v1/catalog/matters/${FOOD}/process`);
    expect(again.status).toBe(404);
    expect(again.body.titleZh).toContain('全市');

    // The region keeps its own binding; another town falls back to the default template.
    const region = await as(t.app, portal).post(`/api/v1/matters/${FOOD}/cases`).send({ regionCode: '441900005', applicant: { name: '丙' }, data: { shopName: '丙记' } });
    expect(region.body.process).toMatchObject({ processId: 'scjg-food-permit', source: 'region-binding' });
    const elsewhere = await as(t.app, portal).post(`/api/v1/matters/${FOOD}/cases`).send({ regionCode: '441900004', applicant: { name: '丁' }, data: { shopName: '丁记' } });
    expect(elsewhere.body.process).toMatchObject({ processId: 'tpl-administrative-permit', source: 'default-template' });
    expect((await as(t.app, scjgDesigner).delete(`/api/v1/catalog/matters/${FOOD}/process?regionCode=441900005`)).status).toBe(204);
    expect((await as(t.app, portal).get(`/api/v1/catalog/matters/${FOOD}/process-bindings`)).body.items).toEqual([]);
  });

  test('unknown matters are 404, unknown regions and regions without an entry are named', async () => {
    expect((await as(t.app, portal).post('/api/v1/matters/NO-SUCH/cases').send({ regionCode: '441900003', applicant: {} })).status).toBe(404);
    const unknownRegion = await as(t.app, portal).post(`/api/v1/matters/${FOOD}/cases`).send({ regionCode: '999999', applicant: {} });
    expect(unknownRegion.status).toBe(422);
    expect(unknownRegion.body.errors[0]).toMatchObject({ code: 'unknown-region', field: '/regionCode' });
    expect((await as(t.app, scjgStaff).post(`/api/v1/matters/${FOOD}/cases`).send({ regionCode: '441900003' })).status).toBe(400);
  });

  describe('a case of a 城管 or 协同 matter runs each step on its operating standard’s limit (gov:sla step)', () => {
    type Task = { id: string; name: string; createdAt: string; dueDate: string | null };
    const worker = (department: string, regionCode?: string) => t.userToken({ id: `${department}-worker`, department, ...(regionCode ? { regionCode } : {}), roles: ['staff'], groups: ['受理窗口', '派遣员', '承办人员', '监督员'] });
    const documentOf = async (code: string) => {
      const { version: _v, validFrom: _f, validTo: _t, department: _d, departmentName: _n, processId: _p, processDepartment: _pd, ...document } = (await as(t.app, portal).get(`/api/v1/catalog/matters/${code}`)).body;
      return document as { operatingStandard: { steps: Array<{ stepKey: string; maxDuration: { value: number; unit: string } }> } } & Record<string, unknown>;
    };
    const start = async (code: string, regionCode: string) => {
      const started = await as(t.app, portal).post(`/api/v1/matters/${code}/cases`).send({ regionCode, applicant: { name: '网格员' }, data: { place: '东城大道' } });
      expect(started.status).toBe(201);
      return started.body as { instance: { id: string; variables: Record<string, unknown> }; matterVersion: number };
    };
    const openStep = async (token: string, caseId: string) => (await as(t.app, token).get(`/api/v1/user-tasks?processInstanceId=${caseId}`)).body.items[0] as Task;
    /** The step's limit as its due date says it, counted from its creation. */
    const limitOf = (task: Task) => (task.dueDate ? new Date(task.dueDate).getTime() - new Date(task.createdAt).getTime() : null);
    const complete = async (token: string, task: Task) => expect((await as(t.app, token).post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: {} })).status).toBe(200);

    test('城管事件: 立案 due in 1 hour, 派遣 1 hour, 处置 2 hours, 核查 4 hours, each a step clock from the catalog', async () => {
      const djsw = await worker('DJSW');
      const { instance } = await start(MANHOLE, '441900');
      expect(instance.variables.matter).toMatchObject({ stepLimits: { register: { value: 1, unit: 'hour' }, handle: { value: 2, unit: 'hour' }, close: { value: 1, unit: 'hour' } } });
      const expected: Array<[string, number]> = [['立案', 1], ['派遣', 1], ['处置', 2], ['核查', 4]];
      for (const [name, hours] of expected) {
        const task = await openStep(djsw, instance.id);
        expect(task.name).toBe(name);
        expect(limitOf(task)).toBe(hours * HOUR);
        const [clock] = (await as(t.app, djsw).get(`/api/v1/user-tasks/${task.id}/sla`)).body.items;
        expect(clock).toMatchObject({ kind: 'step', source: 'matter', label: `${name}环节时限`, duration: { kind: 'elapsed', ms: hours * HOUR }, dueAt: task.dueDate });
        await complete(djsw, task);
      }
      expect((await as(t.app, djsw).get(`/api/v1/process-instances/${instance.id}`)).body.status).toBe('completed');
    });

    test('协同事项 on the same template: a step its standard lacks (立案) has no limit, the others have theirs', async () => {
      const town = await worker('GOV-441900003', '441900003');
      const { instance } = await start(LITTER, '441900003');
      const register = await openStep(town, instance.id);
      expect(register).toMatchObject({ name: '立案', dueDate: null });
      expect((await as(t.app, town).get(`/api/v1/user-tasks/${register.id}/sla`)).body.items).toEqual([]);
      await complete(town, register);
      const dispatch = await openStep(town, instance.id);
      expect(limitOf(dispatch)).toBe(1 * HOUR);
      await complete(town, dispatch);
      expect(limitOf(await openStep(town, instance.id))).toBe(4 * HOUR);
    });

    test('a new operating standard reaches new cases; a running case keeps the limits it started with; one that cannot be read refuses the start', async () => {
      const djsw = await worker('DJSW');
      const running = await start(MANHOLE, '441900');
      const today = new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);
      const publish = async (limits: Record<string, { value: number; unit: string }>, name: string) => {
        const document = await documentOf(MANHOLE);
        const steps = document.operatingStandard.steps.map((step) => (limits[step.stepKey] ? { ...step, maxDuration: { ...step.maxDuration, ...limits[step.stepKey] } } : step));
        const batch = await as(t.app, admin).post('/api/v1/catalog/batches').send({ name, reason: '调整作业规范时限', effectiveDate: today, items: [{ entity: 'matter', action: 'modify', code: MANHOLE, document: { ...document, operatingStandard: { ...document.operatingStandard, steps } } }] });
        expect(batch.status).toBe(201);
        expect((await as(t.app, admin).post(`/api/v1/catalog/batches/${batch.body.id}/publish`)).status).toBe(200);
      };
      // 立案 within 2 hours and 派遣 within 3 from today.
      await publish({ register: { value: 2, unit: 'hour' }, dispatch: { value: 3, unit: 'hour' } }, '井盖作业规范');

      const fresh = await start(MANHOLE, '441900');
      expect(fresh.matterVersion).toBe(running.matterVersion + 1);
      expect(limitOf(await openStep(djsw, fresh.instance.id))).toBe(2 * HOUR);
      // The running case's 立案 was created under the old standard, and its 派遣, created now, still runs on it.
      const oldRegister = await openStep(djsw, running.instance.id);
      expect(limitOf(oldRegister)).toBe(1 * HOUR);
      await complete(djsw, oldRegister);
      expect(limitOf(await openStep(djsw, running.instance.id))).toBe(1 * HOUR);
      await complete(djsw, await openStep(djsw, fresh.instance.id));
      expect(limitOf(await openStep(djsw, fresh.instance.id))).toBe(3 * HOUR);

      // 1.5 working days passes the catalog's schema but is no limit the calendar can count: no case starts on it.
      await publish({ handle: { value: 1.5, unit: 'workingDay' } }, '井盖处置时限');
      const refused = await as(t.app, portal).post(`/api/v1/matters/${MANHOLE}/cases`).send({ regionCode: '441900', applicant: { name: '网格员' } });
      expect(refused.status).toBe(422);
      expect(refused.body.title).toContain('matter.stepLimits.handle');
      expect(refused.body.titleZh).toContain('整数');
    });
  });
});
