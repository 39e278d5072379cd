import fs from 'node:fs';
import { fromProjectRoot } from '../../engine/index.js';
import { as, createTestApp, type TestApp } from '../support/context.js';

/**
 * Who manages whom, and who writes what every department shares (D10). A department administrator
 * manages only users whose every role they could grant themselves; the catalog's shared data
 * (organisations, regions, classifications, dispatch rules) and a matter's process are written by
 * the central catalog authority (ZSJ), a department only within its own matters and units. Every
 * refusal is 403 naming why, in English and Chinese, and leaves the database as it was.
 */
const NOISE = '4419R050201000'; // 噪声扰民类诉求: competent department 公安局 (GAJ)
const HUMEN = '441900121';
const DONGCHENG = '441900003';
const sampleBpmn = fs.readFileSync(fromProjectRoot('examples', 'individual-business-renewal.bpmn'), 'utf8');
const sampleDmn = fs.readFileSync(fromProjectRoot('examples', 'individual-business-renewal.dmn'), 'utf8');
const processXml = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="http://matterflow.dev/authz">
  <bpmn:process id="${id}" isExecutable="true"><bpmn:startEvent id="S" /><bpmn:userTask id="T" name="办理" /><bpmn:endEvent id="E" />
  <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T" /><bpmn:sequenceFlow id="F2" sourceRef="T" targetRef="E" /></bpmn:process>
</bpmn:definitions>`;

const USERS = {
  root: { id: 'root', department: 'ZSJ', roles: ['admin'] },
  zsjAdmin: { id: 'zsj.da', department: 'ZSJ', roles: ['department-admin'] },
  hotlineAdmin: { id: 'rx.da', department: 'RX12345', roles: ['department-admin'] },
  hotlineSupervisor: { id: 'rx.sup', department: 'RX12345', roles: ['supervisor', 'staff'], groups: ['热线受理'] },
  hotlineCatalogAdmin: { id: 'rx.ca', department: 'RX12345', roles: ['catalog-admin', 'staff'] },
  hotlineStaff: { id: 'rx.staff', department: 'RX12345', roles: ['staff'], groups: ['热线受理'] },
  hotlineColleagueAdmin: { id: 'rx.da2', department: 'RX12345', roles: ['department-admin', 'staff'] },
  authority: { id: 'zsj.ca', department: 'ZSJ', roles: ['catalog-admin'] },
  zjjCatalogAdmin: { id: 'zjj.ca', department: 'ZJJ', roles: ['catalog-admin'] },
  zjjDesigner: { id: 'zjj.designer', department: 'ZJJ', roles: ['designer'] },
  gajCatalogAdmin: { id: 'gaj.ca', department: 'GAJ', roles: ['catalog-admin'] },
  gajDesigner: { id: 'gaj.designer', department: 'GAJ', roles: ['designer'] },
} as const;
type Who = keyof typeof USERS;

describe('who manages whom, and who writes the catalog every department shares', () => {
  let t: TestApp;
  const token = {} as Record<Who, string>;
  const api = (who: Who) => as(t.app, token[who]);
  const rows = <T>(sql: string, params: unknown[] = []) => t.context.db.query<T & Record<string, unknown>>(sql, params);

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    for (const [key, user] of Object.entries(USERS)) token[key as Who] = await t.userToken({ ...user, roles: [...user.roles], groups: 'groups' in user ? [...user.groups] : [] });
    // Processes and a decision deployed in GAJ (the noise matter's department) and in ZJJ (another).
    for (const who of ['gajDesigner', 'zjjDesigner'] as const) {
      const deployed = await api(who).post('/api/v1/deployments').send({ xml: processXml(`${USERS[who].department.toLowerCase()}-noise`) });
      expect(deployed.status).toBe(201);
    }
    expect((await api('zjjDesigner').post('/api/v1/deployments').send({ xml: sampleBpmn, decisions: [sampleDmn], name: 'individual-business-renewal.bpmn' })).status).toBe(201);
    // The sample catalog on PGlite, beside other suites on two cores.
  }, 180_000);
  afterAll(() => t.close());

  const forbidden = (response: { status: number; body: { title?: string; titleZh?: string } }, english: RegExp, chinese: RegExp) => {
    expect(response.status).toBe(403);
    expect(response.body.title).toMatch(english);
    expect(response.body.titleZh).toMatch(chinese);
  };

  describe('staff: a department administrator manages only users whose every role they could grant', () => {
    const userRow = async (id: string) => (await rows<{ department: string; region_code: string | null; roles: string[]; groups: string[]; disabled_at: Date | null }>('SELECT department, region_code, roles, groups, disabled_at FROM users WHERE id = $1', [id]))[0];
    const liveTokens = async (id: string) => Number((await rows<{ n: string }>('SELECT count(*) AS n FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL', [id]))[0].n);

    test('GET /me says what the server would let each of them do, so the designer hides only what it would refuse', async () => {
    const me = async (who: Who) => (await api(who).get('/api/v1/me')).body as { grantableRoles: string[]; catalogAuthority: boolean };
    expect((await me('root')).grantableRoles.sort()).toEqual(['admin', 'catalog-admin', 'department-admin', 'designer', 'integrator', 'staff', 'supervisor']);
    expect((await me('hotlineAdmin')).grantableRoles.sort()).toEqual(['department-admin', 'designer', 'integrator', 'staff']);
    expect((await me('hotlineSupervisor')).grantableRoles).toEqual([]);
    expect(await me('root')).toMatchObject({ catalogAuthority: true });
    expect(await me('authority')).toMatchObject({ catalogAuthority: true });
    expect(await me('zjjCatalogAdmin')).toMatchObject({ catalogAuthority: false });
    expect(await me('zsjAdmin')).toMatchObject({ catalogAuthority: false });
    // The authority is the server's setting, not a name the designer knows.
    process.env.MATTERFLOW_CATALOG_AUTHORITY = 'ZJJ';
    try {
      expect(await me('zjjCatalogAdmin')).toMatchObject({ catalogAuthority: true });
      expect(await me('authority')).toMatchObject({ catalogAuthority: false });
    } finally {
      delete process.env.MATTERFLOW_CATALOG_AUTHORITY;
    }
  });

  test('a department administrator gets no token for the system administrator, nor disables them', async () => {
      const before = { user: await userRow('root'), tokens: await liveTokens('root') };
      forbidden(await api('zsjAdmin').post('/api/v1/users/root/tokens').send({ label: 'probe' }), /'admin'/, /“admin”/);
      forbidden(await api('zsjAdmin').put('/api/v1/users/root').send({ name: 'root', department: 'ZSJ', roles: ['admin'], groups: [], disabled: true }), /'admin'/, /“admin”/);
      expect({ user: await userRow('root'), tokens: await liveTokens('root') }).toEqual(before);
      expect((await api('root').get('/api/v1/me')).status).toBe(200);
    });

    test('nor acts on a colleague holding supervisor or catalog-admin, even keeping the roles they hold', async () => {
      const before = { sup: await userRow('rx.sup'), ca: await userRow('rx.ca'), supTokens: await liveTokens('rx.sup'), caTokens: await liveTokens('rx.ca') };
      forbidden(await api('hotlineAdmin').post('/api/v1/users/rx.sup/tokens').send({}), /'supervisor'/, /“supervisor”/);
      forbidden(
        await api('hotlineAdmin').put('/api/v1/users/rx.sup').send({ name: 'rx.sup', department: 'RX12345', roles: ['supervisor', 'staff'], groups: ['热线受理', '热线派单'], regionCode: DONGCHENG }),
        /'supervisor'/,
        /“supervisor”/,
      );
      forbidden(await api('hotlineAdmin').put('/api/v1/users/rx.sup').send({ name: 'rx.sup', department: 'RX12345', roles: ['staff'], groups: [], disabled: true }), /'supervisor'/, /“supervisor”/);
      forbidden(await api('hotlineAdmin').post('/api/v1/users/rx.ca/tokens').send({}), /'catalog-admin'/, /“catalog-admin”/);
      forbidden(await api('hotlineAdmin').put('/api/v1/users/rx.ca').send({ name: 'rx.ca', department: 'RX12345', roles: ['staff'], groups: [] }), /'catalog-admin'/, /“catalog-admin”/);
      expect({ sup: await userRow('rx.sup'), ca: await userRow('rx.ca'), supTokens: await liveTokens('rx.sup'), caTokens: await liveTokens('rx.ca') }).toEqual(before);
    });

    test('what they could grant they still manage: staff and fellow department administrators; an administrator manages everyone', async () => {
      expect((await api('hotlineAdmin').post('/api/v1/users/rx.staff/tokens').send({})).status).toBe(201);
      const moved = await api('hotlineAdmin').put('/api/v1/users/rx.staff').send({ name: 'rx.staff', department: 'RX12345', roles: ['staff'], groups: ['热线受理'], regionCode: HUMEN });
      expect(moved.status).toBe(200);
      expect(moved.body.regionCode).toBe(HUMEN);
      expect((await api('hotlineAdmin').post('/api/v1/users/rx.da2/tokens').send({})).status).toBe(201);
      expect((await api('root').post('/api/v1/users/rx.sup/tokens').send({})).status).toBe(201);
    });
  });

  describe('reference data: shared by every department, written by the central catalog authority', () => {
    const organisation = async (code: string) => (await rows<{ parent_code: string | null; department: string; name: string }>('SELECT parent_code, department, name FROM catalog_organisations WHERE code = $1', [code]))[0];
    const documentOf = async (code: string) => (await rows<{ document: Record<string, unknown> }>('SELECT document FROM catalog_organisations WHERE code = $1', [code]))[0].document;

    test('another department’s catalog administrator cannot move 虎门分局 under their own department', async () => {
      const before = await organisation('GAJ-441900121');
      const unit = { ...(await documentOf('GAJ-441900121')), parentCode: 'ZJJ' };
      forbidden(await api('zjjCatalogAdmin').post('/api/v1/catalog/reference-data').send({ organisations: [unit] }), /GAJ/, /GAJ/);
      expect(await organisation('GAJ-441900121')).toEqual(before);
      expect(t.context.engine.staff.directory.unit('GAJ-441900121')?.department).toBe('GAJ');
    });

    test('regions and classifications are the authority’s alone', async () => {
      const grid = { code: '441900003901-098', name: '主山社区第98综合网格', level: 'grid', parentCode: '441900003901', kind: '综合网格' };
      forbidden(await api('gajCatalogAdmin').post('/api/v1/catalog/reference-data').send({ regions: [grid] }), /ZSJ/, /ZSJ/);
      const node = { scheme: 'DEPT', code: '99', name: '测试分类', level: 1 };
      forbidden(await api('gajCatalogAdmin').post('/api/v1/catalog/reference-data').send({ classifications: [node] }), /ZSJ/, /ZSJ/);
      expect(await rows('SELECT 1 FROM catalog_regions WHERE code = $1', [grid.code])).toEqual([]);
      expect(await rows("SELECT 1 FROM catalog_classification_nodes WHERE scheme = 'DEPT' AND code = '99'")).toEqual([]);
      expect((await api('authority').post('/api/v1/catalog/reference-data').send({ regions: [grid] })).status).toBe(200);
    });

    test('a department’s catalog administrator edits its own units, as long as they stay its own', async () => {
      const renamed = { ...(await documentOf('GAJ-441900121')), name: '东莞市公安局虎门分局（更名）' };
      expect((await api('gajCatalogAdmin').post('/api/v1/catalog/reference-data').send({ organisations: [renamed] })).status).toBe(200);
      expect((await organisation('GAJ-441900121')).name).toBe('东莞市公安局虎门分局（更名）');
      const newUnit = { ...renamed, code: 'GAJ-441900121-01', name: '虎门分局某派出所', parentCode: 'GAJ-441900121' };
      expect((await api('gajCatalogAdmin').post('/api/v1/catalog/reference-data').send({ organisations: [newUnit] })).status).toBe(200);

      // Taking another department's unit, or making one of its own a department apart, is refused.
      const before = { scjg: await organisation('SCJGJ-441900121'), gaj: await organisation('GAJ-441900121') };
      const taken = { ...(await documentOf('SCJGJ-441900121')), parentCode: 'GAJ' };
      forbidden(await api('gajCatalogAdmin').post('/api/v1/catalog/reference-data').send({ organisations: [taken] }), /SCJGJ/, /SCJGJ/);
      const apart = { ...(await documentOf('GAJ-441900121')), level: '市', parentCode: undefined };
      forbidden(await api('gajCatalogAdmin').post('/api/v1/catalog/reference-data').send({ organisations: [apart] }), /GAJ-441900121/, /GAJ-441900121/);
      expect({ scjg: await organisation('SCJGJ-441900121'), gaj: await organisation('GAJ-441900121') }).toEqual(before);
    });
  });

  describe("a matter's process and 秒批: its own department binds its own processes; the authority any", () => {
    const bindings = () => rows('SELECT process_id, department FROM catalog_process_bindings WHERE matter_code = $1 ORDER BY region_code', [NOISE]);
    const approvals = () => rows('SELECT decision_id, department FROM catalog_instant_approvals WHERE matter_code = $1', [NOISE]);

    test('another department’s catalog administrator cannot bind, unbind or mark 秒批 a matter that is not theirs', async () => {
      forbidden(await api('zjjCatalogAdmin').put(`/api/v1/catalog/matters/${NOISE}/process`).send({ processId: 'zjj-noise', department: 'ZJJ' }), /GAJ/, /GAJ/);
      forbidden(await api('zjjCatalogAdmin').put(`/api/v1/catalog/matters/${NOISE}/instant-approval`).send({ decisionId: 'individual-business-renewal', department: 'ZJJ' }), /GAJ/, /GAJ/);
      expect(await bindings()).toEqual([]);
      expect(await approvals()).toEqual([]);

      expect((await api('gajDesigner').put(`/api/v1/catalog/matters/${NOISE}/process`).send({ processId: 'gaj-noise' })).status).toBe(200);
      forbidden(await api('zjjCatalogAdmin').delete(`/api/v1/catalog/matters/${NOISE}/process`), /GAJ/, /GAJ/);
      expect(await bindings()).toEqual([{ process_id: 'gaj-noise', department: 'GAJ' }]);
    });

    test('the matter’s own department binds only to its own processes; the authority binds to any department', async () => {
      forbidden(await api('gajCatalogAdmin').put(`/api/v1/catalog/matters/${NOISE}/process`).send({ processId: 'zjj-noise', department: 'ZJJ', regionCode: HUMEN }), /ZJJ/, /ZJJ/);
      forbidden(await api('gajDesigner').put(`/api/v1/catalog/matters/${NOISE}/instant-approval`).send({ decisionId: 'individual-business-renewal', department: 'ZJJ' }), /ZJJ/, /ZJJ/);
      expect(await bindings()).toEqual([{ process_id: 'gaj-noise', department: 'GAJ' }]);
      expect(await approvals()).toEqual([]);

      expect((await api('authority').put(`/api/v1/catalog/matters/${NOISE}/process`).send({ processId: 'zjj-noise', department: 'ZJJ', regionCode: HUMEN })).status).toBe(200);
      expect((await api('authority').delete(`/api/v1/catalog/matters/${NOISE}/process?regionCode=${HUMEN}`)).status).toBe(204);
      expect((await api('gajCatalogAdmin').delete(`/api/v1/catalog/matters/${NOISE}/process`)).status).toBe(204);
      expect(await bindings()).toEqual([]);
    });
  });

  describe('dispatch rules (分拨规则): the central catalog authority’s', () => {
    const rulePath = `/api/v1/hotline/dispatch-rules/${NOISE}/${DONGCHENG}`;
    const overrides = () => rows('SELECT version, units FROM catalog_dispatch_rules WHERE matter_code = $1 AND region_code = $2', [NOISE, DONGCHENG]);

    test('a catalog administrator of another department, or of the matter’s own, is refused and nothing is written', async () => {
      forbidden(await api('zjjCatalogAdmin').put(rulePath).send({ units: ['ZJJ'], reason: 'ZJJ改派规则' }), /ZSJ/, /ZSJ/);
      forbidden(await api('gajCatalogAdmin').put(rulePath).send({ units: ['GAJ'], reason: '改由市局处置' }), /ZSJ/, /ZSJ/);
      forbidden(await api('hotlineCatalogAdmin').put(rulePath).send({ units: ['GAJ'], reason: '改由市局处置' }), /ZSJ/, /ZSJ/);
      expect(await overrides()).toEqual([]);
      expect((await api('authority').put(rulePath).send({ units: ['GAJ-441900003'], reason: '东城噪声诉求由东城分局处置' })).status).toBe(201);
      expect(await overrides()).toEqual([{ version: 1, units: ['GAJ-441900003'] }]);
    });
  });
});
