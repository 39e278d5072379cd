import { loadSampleCatalog } from '../../catalog/index.js';
import { as, createTestApp, type TestApp } from '../support/context.js';

const NOISE = '4419R050201000';

/**
 * Merging a duplicate ticket is one transaction: the duplicate is closed if and only if it is linked to its
 * master. A failure while linking (a fault injected in the real database by a trigger) leaves both tickets as they
 * were; two crossing merges (A into B, B into A) cannot both happen.
 */
describe('12345 merge of duplicates is atomic', () => {
  let t: TestApp;
  let hotline: string;

  beforeAll(async () => {
    t = await createTestApp();
    await loadSampleCatalog(t.context.db, t.context.engine);
    hotline = await t.userToken({ id: 'hotline', department: 'RX12345', roles: ['staff'], groups: ['热线受理', '热线派单', '热线回访'] });
  });
  afterAll(() => t.close());

  const api = () => as(t.app, hotline);
  const ticket = async (text: string) => {
    const response = await api().post('/api/v1/hotline/tickets').send({ channel: 'phone', matterCode: NOISE, text, address: '虎门北栅社区银龙路12号', reporter: { name: '陈先生' } });
    expect(response.status).toBe(201);
    return response.body.instance.id as string;
  };
  /** Everything a merge could change about a ticket. */
  const state = async (id: string) => {
    const [row] = await t.context.db.query<{ status: string; merged_into: string | null; tasks: number; events: number }>(
      `SELECT i.status, n.merged_into, (SELECT count(*)::int FROM user_tasks u WHERE u.instance_id = i.id AND u.state = 'created') AS tasks,
              (SELECT count(*)::int FROM history h WHERE h.instance_id = i.id) AS events
       FROM process_instances i JOIN catalog_intakes n ON n.instance_id = i.id WHERE i.id = $1`,
      [id],
    );
    return row;
  };

  test('a failure while linking leaves both tickets as they were; the merge then succeeds whole', async () => {
    const master = await ticket('银龙路工地夜间施工噪声');
    const duplicate = await ticket('银龙路工地晚上很吵');
    const before = { master: await state(master), duplicate: await state(duplicate) };
    expect(before.duplicate).toMatchObject({ status: 'active', merged_into: null, tasks: 1 });

    // A fault in the database when the link is written (after the cancel has been done in the same transaction).
    await t.context.db.exec(`CREATE FUNCTION refuse_merge() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$;
      CREATE TRIGGER refuse_merge BEFORE UPDATE OF merged_into ON catalog_intakes FOR EACH ROW EXECUTE FUNCTION refuse_merge();`);
    const failed = await api().post(`/api/v1/process-instances/${duplicate}/merge`).send({ masterId: master, reason: '同一工地噪声' });
    expect(failed.status).toBe(500);
    expect({ master: await state(master), duplicate: await state(duplicate) }).toEqual(before);

    await t.context.db.exec('DROP TRIGGER refuse_merge ON catalog_intakes; DROP FUNCTION refuse_merge();');
    const merged = await api().post(`/api/v1/process-instances/${duplicate}/merge`).send({ masterId: master, reason: '同一工地噪声' });
    expect(merged.status).toBe(200);
    expect(await state(duplicate)).toMatchObject({ status: 'canceled', merged_into: master, tasks: 0 });
    expect(await state(master)).toEqual(before.master);
  });

  test('two crossing merges: exactly one happens, the other is refused and changes nothing', async () => {
    const a = await ticket('银龙路工地噪声（甲）');
    const b = await ticket('银龙路工地噪声（乙）');
    const [ab, ba] = await Promise.all([
      api().post(`/api/v1/process-instances/${a}/merge`).send({ masterId: b, reason: '并案（甲入乙）' }),
      api().post(`/api/v1/process-instances/${b}/merge`).send({ masterId: a, reason: '并案（乙入甲）' }),
    ]);
    expect([ab.status, ba.status].sort()).toEqual([200, 409]);
    const states = [await state(a), await state(b)];
    expect(states.map((row) => row.status).sort()).toEqual(['active', 'canceled']);
    const kept = states.find((row) => row.status === 'active')!;
    expect(kept).toMatchObject({ merged_into: null, tasks: 1 });
    const refused = ab.status === 409 ? ab : ba;
    expect(refused.body.titleZh).toMatch(/合并/);
  });
});
