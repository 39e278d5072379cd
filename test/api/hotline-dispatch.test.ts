import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';

// 12345 噪声扰民类诉求: the catalog's entry (city level) sends it to 公安局; 虎门 has no entry of its own.
const NOISE = '4419R050201000';
const HUMEN = '441900121';

type Task = { id: string; name: string; department: string; regionCode: string | null; candidateGroups?: string[] };

/**
 * 分拨 by rules: category × region → handling unit from the catalog, overrides versioned with who and
 * why, the rule in force recorded on the ticket, and the loop 分拨 → 退单 → 改派 by the next rule → 人工分拨.
 */
describe('12345 dispatch (分拨) by rules', () => {
  let t: TestApp;
  const clock = new FakeClock(new Date('2026-03-02T01:00:00Z'));
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock, sampleCatalog: true });
    const users = [
      { id: 'portal', department: 'RX12345', roles: ['integrator'] },
      { id: 'hotline', department: 'RX12345', roles: ['staff'], groups: ['热线派单', '热线回访'] },
      { id: 'command', department: 'RX12345', roles: ['staff'], groups: ['指挥中心'] },
      { id: 'gaj.hm', department: 'GAJ', regionCode: HUMEN, roles: ['staff'], groups: ['承办人员'] },
      { id: 'scj.hm', department: 'SCJGJ', regionCode: HUMEN, roles: ['staff'], groups: ['承办人员'] },
      { id: 'editor', department: 'ZSJ', roles: ['catalog-admin'] },
    ];
    for (const user of users) token[user.id] = await t.userToken(user);
  });
  afterAll(() => t.close());

  const api = (user: string) => as(t.app, token[user]);
  const rulePath = `/api/v1/hotline/dispatch-rules/${NOISE}/${HUMEN}`;
  const openTasks = async (user: string, instanceId: string): Promise<Task[]> => (await api(user).get(`/api/v1/user-tasks?processInstanceId=${instanceId}`)).body.items;

  test('by default the rule is the catalog’s implementation entry, nearest region first', async () => {
    const rule = await api('hotline').get(rulePath);
    expect(rule.status).toBe(200);
    // The town's own entry first (虎门分局), then the city's.
    expect(rule.body.items).toEqual([
      expect.objectContaining({ unit: 'GAJ-441900121', unitName: '东莞市公安局虎门分局', source: 'catalog', ruleRegion: '441900121', implCode: expect.stringContaining(NOISE) }),
      expect.objectContaining({ unit: 'GAJ', unitName: '东莞市公安局', source: 'catalog', ruleRegion: '441900', implCode: expect.stringContaining(NOISE) }),
    ]);
    // A matter or region that does not exist is a 404 naming it, not an empty rule (nor an empty list of versions).
    for (const path of [`/api/v1/hotline/dispatch-rules/${NOISE}/999999`, `/api/v1/hotline/dispatch-rules/${NOISE}/999999/versions`, `/api/v1/hotline/dispatch-rules/NO-SUCH-MATTER/${HUMEN}`, `/api/v1/hotline/dispatch-rules/NO-SUCH-MATTER/${HUMEN}/versions`]) {
      const missing = await api('hotline').get(path);
      expect([path, missing.status, missing.type]).toEqual([path, 404, 'application/problem+json']);
      expect(missing.body.detail ?? missing.body.title).toMatch(path.includes('NO-SUCH-MATTER') ? /NO-SUCH-MATTER/ : /999999/);
    }
    // A matter that exists with no override in the region: no versions, as before.
    expect((await api('hotline').get(`${rulePath}/versions`)).body.items).toEqual([]);
  });

  test('an override is a new version with who and why; only catalog administrators write it; bad units are named', async () => {
    expect((await api('hotline').put(rulePath).send({ units: ['GAJ-441900121'], reason: '试图修改' })).status).toBe(403);
    const bad = await api('editor').put(rulePath).send({ units: ['GAJ-441900121', 'NOPE-1'], reason: '调整' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: '/units/1', messageZh: expect.stringContaining('NOPE-1') })]);
    expect((await api('editor').put(rulePath).send({ units: ['GAJ-441900121'], reason: '调整', extra: 1 })).status).toBe(400);

    const first = await api('editor').put(rulePath).send({ units: ['GAJ-441900121'], reason: '虎门噪声诉求由虎门分局处置' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, changedBy: 'editor', units: ['GAJ-441900121'] });
    const second = await api('editor').put(rulePath).send({ units: ['GAJ-441900121', 'SCJGJ-441900121'], reason: '经营场所噪声由市场监管所协办' });
    expect(second.body).toMatchObject({ version: 2 });
    const versions = (await api('hotline').get(`${rulePath}/versions`)).body.items;
    expect(versions.map((row: { version: number; reason: string }) => [row.version, row.reason])).toEqual([
      [1, '虎门噪声诉求由虎门分局处置'],
      [2, '经营场所噪声由市场监管所协办'],
    ]);
    const rule = (await api('hotline').get(rulePath)).body.items;
    expect(rule.map((item: { unit: string; source: string }) => [item.unit, item.source])).toEqual([
      ['GAJ-441900121', 'override'],
      ['SCJGJ-441900121', 'override'],
      ['GAJ', 'catalog'],
    ]);
  });

  test('分拨 → 退单 within the limit → the next rule → … → the command centre’s manual dispatch', async () => {
    const started = await api('portal').post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode: HUMEN, businessKey: '12345-D-0001', applicant: { name: '陈先生' }, data: { content: '夜间施工噪声扰民' } });
    expect(started.status).toBe(201);
    const caseId = started.body.instance.id as string;

    const [dispatchStep] = await openTasks('hotline', caseId);
    expect(dispatchStep.name).toBe('派单');
    expect((await api('gaj.hm').post(`/api/v1/user-tasks/${dispatchStep.id}/dispatch`).send({})).status).toBe(404);
    const first = await api('hotline').post(`/api/v1/user-tasks/${dispatchStep.id}/dispatch`).send({});
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ dispatched: true, dispatch: { unit: 'GAJ-441900121', source: 'override', ruleRegion: HUMEN, ruleVersion: 2, rank: 1, decidedBy: 'hotline' }, task: { state: 'completed' } });
    const [handle] = await openTasks('gaj.hm', caseId);
    expect(handle).toMatchObject({ name: '签收处置', department: 'GAJ', regionCode: HUMEN });

    // 退单 with a reason; the dispatch step opens again for the dispatcher, who 改派s by the next rule.
    expect((await api('gaj.hm').post(`/api/v1/user-tasks/${handle.id}/send-back`).send({})).status).toBe(400);
    expect((await api('gaj.hm').post(`/api/v1/user-tasks/${handle.id}/send-back`).send({ reason: '系经营场所噪声，属市场监管职责' })).status).toBe(200);
    const [again] = await openTasks('hotline', caseId);
    expect(again.name).toBe('派单');
    const second = await api('hotline').post(`/api/v1/user-tasks/${again.id}/dispatch`).send({});
    expect(second.body.dispatch).toMatchObject({ unit: 'SCJGJ-441900121', rank: 2, source: 'override' });
    const [scjTask] = await openTasks('scj.hm', caseId);
    expect(scjTask).toMatchObject({ name: '签收处置', department: 'SCJGJ', regionCode: HUMEN });

    // Past the limit (24 hours) the unit can no longer send it back.
    clock.advance(25 * 3_600_000);
    const late = await api('scj.hm').post(`/api/v1/user-tasks/${scjTask.id}/send-back`).send({ reason: '不属于本单位' });
    expect(late.status).toBe(409);
    expect(late.body.titleZh).toContain('退单时限');
    clock.advance(-25 * 3_600_000);
    expect((await api('scj.hm').post(`/api/v1/user-tasks/${scjTask.id}/send-back`).send({ reason: '不属于本单位' })).status).toBe(200);

    // The third unit (the city bureau by the catalog), then none left: the command centre decides.
    const [third] = await openTasks('hotline', caseId);
    expect((await api('hotline').post(`/api/v1/user-tasks/${third.id}/dispatch`).send({})).body.dispatch).toMatchObject({ unit: 'GAJ', source: 'catalog', rank: 3 });
    const [cityTask] = await openTasks('hotline', caseId);
    expect(cityTask.department).toBe('GAJ');
    const cityOfficer = await t.userToken({ id: 'gaj.city', department: 'GAJ', roles: ['staff'], groups: ['承办人员'] });
    expect((await as(t.app, cityOfficer).post(`/api/v1/user-tasks/${cityTask.id}/send-back`).send({ reason: '应由属地处置' })).status).toBe(200);

    const [fourth] = await openTasks('hotline', caseId);
    const exhausted = await api('hotline').post(`/api/v1/user-tasks/${fourth.id}/dispatch`).send({});
    expect(exhausted.status).toBe(200);
    expect(exhausted.body).toMatchObject({ dispatched: false, dispatch: { unit: null, source: 'none' }, task: { state: 'created', candidateGroups: ['指挥中心'] } });
    expect((await api('hotline').post(`/api/v1/user-tasks/${fourth.id}/dispatch`).send({ unit: 'GAJ-441900121', reason: '试图越权' })).status).toBe(403);
    expect((await api('command').post(`/api/v1/user-tasks/${fourth.id}/dispatch`).send({ unit: 'GAJ-441900121' })).status).toBe(422);
    const manual = await api('command').post(`/api/v1/user-tasks/${fourth.id}/dispatch`).send({ unit: 'GAJ-441900121', reason: '快处快裁：属地公安先行处置' });
    expect(manual.body).toMatchObject({ dispatched: true, dispatch: { unit: 'GAJ-441900121', source: 'manual', reason: '快处快裁：属地公安先行处置' } });

    // The ticket keeps every dispatch and the rule in force at each; in the order they were made.
    const record = (await api('hotline').get(`/api/v1/process-instances/${caseId}/dispatches`)).body.items;
    expect(record.map((row: { unit: string | null; source: string; ruleVersion: number | null }) => [row.unit, row.source, row.ruleVersion])).toEqual([
      ['GAJ-441900121', 'override', 2],
      ['SCJGJ-441900121', 'override', 2],
      ['GAJ', 'catalog', expect.any(Number)],
      [null, 'none', null],
      ['GAJ-441900121', 'manual', null],
    ]);
    const outsider = await t.userToken({ id: 'zjj', department: 'ZJJ', roles: ['staff'] });
    expect((await as(t.app, outsider).get(`/api/v1/process-instances/${caseId}/dispatches`)).status).toBe(404);
  });
});
