import { fillTemplate, templateByKey, type ProcessTemplate } from '../../catalog/binding/process-templates.js';
import { as, createTestApp, type TestApp } from '../support/context.js';

const FOOD = '4419A21012000'; // 食品经营许可: the permit template in 市场监管局 (SCJGJ)
const NOISE = '4419R050201000'; // 噪声扰民: the 12345 template in the hotline (RX12345)
const HUMEN = '441900121';

/**
 * A department's template process follows the template this build ships: a new clock or step rule reaches its new
 * cases without anyone redeploying, running cases keep their version, and a version a person deployed (the
 * department took the template over) is never replaced.
 */
describe('template processes are upgraded when the shipped template changes', () => {
  let t: TestApp;
  let portal: string;

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    portal = await t.userToken({ id: 'portal', department: 'ZSJ', roles: ['integrator'] });
  });
  afterAll(() => t.close());

  const versions = async (processId: string, department: string) =>
    t.context.db.query<{ version: number; created_by: string }>(
      `SELECT d.version, x.created_by FROM process_definitions d JOIN deployments x ON x.id = d.deployment_id WHERE d.process_id = $1 AND d.department = $2 ORDER BY d.version`,
      [processId, department],
    );
  const versionOf = async (instanceId: string) => (await t.context.db.query<{ version: number }>('SELECT version FROM process_instances WHERE id = $1', [instanceId]))[0].version;
  const edited = (key: string, department: string, unitName: string, from: string, to: string) => {
    const xml = fillTemplate(templateByKey(key) as ProcessTemplate, { department, unitName });
    expect(xml).toContain(from);
    return xml.replace(from, to);
  };

  test('an older shipped version is replaced on the next case; the case before keeps it', async () => {
    // What an earlier build deployed for 市场监管局: the same template with another task name.
    const older = edited('administrative-permit', 'SCJGJ', '东莞市市场监督管理局', 'name="受理"', 'name="受理（旧版）"');
    await t.context.engine.deploy({ xml: older, name: 'tpl-administrative-permit.bpmn', actor: { userId: 'catalog', department: 'SCJGJ', roles: ['designer'] } });
    expect(await versions('tpl-administrative-permit', 'SCJGJ')).toEqual([{ version: 1, created_by: 'catalog' }]);

    const start = () => as(t.app, portal).post(`/api/v1/matters/${FOOD}/cases`).send({ regionCode: '441900003', applicant: { name: '东莞某餐饮有限公司' }, data: { shopName: '某某小馆' } });
    const first = await start();
    expect(first.status).toBe(201);
    expect(await versions('tpl-administrative-permit', 'SCJGJ')).toEqual([{ version: 1, created_by: 'catalog' }, { version: 2, created_by: 'catalog' }]);
    expect(await versionOf(first.body.instance.id)).toBe(2);
    const [task] = await t.context.db.query<{ name: string }>('SELECT name FROM user_tasks WHERE instance_id = $1', [first.body.instance.id]);
    expect(task.name).toBe('受理');

    // Current now: the next case deploys nothing.
    const second = await start();
    expect(await versionOf(second.body.instance.id)).toBe(2);
    expect(await versions('tpl-administrative-permit', 'SCJGJ')).toHaveLength(2);
  });

  test('a version the department deployed itself is its own: cases run on it and nothing is deployed over it', async () => {
    const designer = await t.userToken({ id: 'rx-designer', department: 'RX12345', roles: ['designer'] });
    const own = edited('appeal-ticket', 'RX12345', '东莞市12345政务服务便民热线', 'name="派单"', 'name="派单（本中心）"');
    expect((await as(t.app, designer).post('/api/v1/deployments').send({ xml: own, name: 'tpl-appeal-ticket.bpmn' })).status).toBe(201);

    const started = await as(t.app, portal).post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode: HUMEN, applicant: { name: '李女士' }, data: { content: '广场舞噪声' } });
    expect(started.status).toBe(201);
    expect(started.body.process).toMatchObject({ processId: 'tpl-appeal-ticket', department: 'RX12345' });
    expect(await versions('tpl-appeal-ticket', 'RX12345')).toEqual([{ version: 1, created_by: 'rx-designer' }]);
    const [task] = await t.context.db.query<{ name: string }>('SELECT name FROM user_tasks WHERE instance_id = $1', [started.body.instance.id]);
    expect(task.name).toBe('派单（本中心）');
  });
});
