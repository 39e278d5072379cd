import { as, createTestApp, type TestApp } from '../support/context.js';

const NOISE = '4419R050201000';
const BEICHA = '441900121904'; // 虎门镇 北栅社区
// A 1×1 PNG: a picture the attachment store recognises by its content.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** 集中受理: every channel, addresses normalised against the region tree, likely duplicates merged into their master. */
describe('12345 intake (集中受理)', () => {
  let t: TestApp;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    const users = [
      // The app channel's account holds the intake post like a clerk.
      { id: 'portal', department: 'RX12345', roles: ['integrator'], groups: ['热线受理'] },
      { id: 'hotline', department: 'RX12345', roles: ['staff'], groups: ['热线受理', '热线派单', '热线回访'] },
      { id: 'dispatcher', department: 'RX12345', roles: ['staff', 'integrator'], groups: ['热线派单', '热线回访'] },
      { id: 'zjj', department: 'ZJJ', roles: ['staff'] },
      { id: 'zjj.intake', department: 'ZJJ', roles: ['staff'], groups: ['热线受理'] },
      { id: 'root', department: 'ZSJ', roles: ['admin'] },
      { id: 'hotline.dc', department: 'RX12345', regionCode: '441900003', roles: ['staff'], groups: ['热线受理'] },
    ];
    for (const user of users) token[user.id] = await t.userToken(user);
  });
  afterAll(() => t.close());

  const api = (user: string) => as(t.app, token[user]);
  const normalise = async (address: string) => (await api('hotline').get('/api/v1/hotline/addresses/normalise').query({ address })).body;
  const intake = (user: string, body: Record<string, unknown>) => api(user).post('/api/v1/hotline/tickets').send(body);

  test('an address is normalised to the deepest region it names consistently, saying what was recognised', async () => {
    const full = await normalise('广东省东莞市虎门镇北栅社区银龙路12号');
    expect(full).toMatchObject({ regionCode: BEICHA, regionName: '北栅社区', level: 'village', ambiguous: [] });
    expect(full.recognised.map((part: { term: string }) => part.term)).toEqual(['东莞市', '虎门镇', '北栅社区']);
    expect(full.path.map((step: { code: string }) => step.code)).toEqual(['441900', '441900121', BEICHA]);
    // Short names as people say them; a village whose name contains its town's.
    expect((await normalise('东城主山那边')).regionCode).toBe('441900003901');
    expect((await normalise('虎门寨社区市场')).regionCode).toBe('441900121903');
    expect((await normalise('虎门镇银龙路')).regionCode).toBe('441900121');
    expect(await normalise('火星基地一号')).toMatchObject({ regionCode: null, recognised: [] });
  });

  test('tickets from phone and web: text, picture, location; the second is offered as a duplicate and merged', async () => {
    const first = await intake('hotline', {
      channel: 'phone',
      matterCode: NOISE,
      text: '银龙路工地夜间施工噪声扰民',
      address: '虎门北栅社区银龙路12号',
      location: { longitude: 113.67, latitude: 22.82 },
      reporter: { name: '陈先生', phone: '13800000000' },
      pictures: [{ name: '现场.png', contentBase64: PNG }],
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ intake: { channel: 'phone', regionCode: BEICHA, longitude: 113.67, receivedBy: 'hotline' }, address: { regionCode: BEICHA }, duplicates: [] });
    const firstId = first.body.instance.id as string;
    const pictures = (await api('hotline').get(`/api/v1/process-instances/${firstId}/attachments`)).body.items;
    expect(pictures).toEqual([expect.objectContaining({ name: '现场.png', kind: 'before', contentType: 'image/png' })]);

    const second = await intake('portal', { channel: 'app', matterCode: NOISE, text: '北栅银龙路工地半夜还在打桩', address: '东莞市虎门镇北栅社区', reporter: { name: '李女士' } });
    expect(second.status).toBe(201);
    expect(second.body.duplicates.map((row: { processInstanceId: string }) => row.processInstanceId)).toEqual([firstId]);
    const secondId = second.body.instance.id as string;

    // Reported in the neighbouring village but from a location about 100 m away: the same place.
    const near = await intake('portal', { channel: 'app', matterCode: NOISE, text: '工地噪声', regionCode: '441900121902', location: { longitude: 113.6709, latitude: 22.8205 }, reporter: { name: '赵先生' } });
    expect(near.body.duplicates.map((row: { processInstanceId: string }) => row.processInstanceId)).toEqual([firstId]);
    const far = await intake('portal', { channel: 'app', matterCode: NOISE, text: '工地噪声', regionCode: '441900121902', location: { longitude: 113.70, latitude: 22.85 }, reporter: { name: '钱女士' } });
    expect(far.body.duplicates.map((row: { processInstanceId: string }) => row.processInstanceId)).toEqual([near.body.instance.id]);

    // A window clerk picking the region directly; another matter at the same place is no duplicate.
    const other = await intake('hotline', { channel: 'window', matterCode: '4419R010101000', text: '银龙路占道经营', regionCode: BEICHA, reporter: { name: '王先生' } });
    expect(other.status).toBe(201);
    expect(other.body).toMatchObject({ intake: { channel: 'window', recognised: [] }, address: null, duplicates: [] });

    // Refusals name the field.
    const lost = await intake('hotline', { channel: 'web', matterCode: NOISE, text: '噪声', address: '火星基地一号', reporter: { name: '某' } });
    expect(lost.status).toBe(422);
    expect(lost.body.errors[0]).toMatchObject({ field: '/address', code: 'address-unrecognised' });
    expect((await intake('hotline', { channel: 'fax', matterCode: NOISE, text: '噪声', regionCode: BEICHA, reporter: { name: '某' } })).status).toBe(400);
    expect((await intake('hotline', { channel: 'web', matterCode: NOISE, text: '噪声', regionCode: BEICHA, reporter: { name: '某' }, priority: 1 })).status).toBe(400);

    // Merge: the duplicate is linked and closed with the reason; only the owner department merges.
    expect((await api('zjj').post(`/api/v1/process-instances/${secondId}/merge`).send({ masterId: firstId, reason: '同一工地噪声' })).status).toBe(404);
    expect((await api('hotline').post(`/api/v1/process-instances/${secondId}/merge`).send({ masterId: secondId, reason: '同一工地噪声' })).status).toBe(422);
    const merged = await api('hotline').post(`/api/v1/process-instances/${secondId}/merge`).send({ masterId: firstId, reason: '同一工地噪声，并案处理' });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ mergedInto: firstId, mergeReason: '同一工地噪声，并案处理', mergedBy: 'hotline', status: 'canceled' });
    expect((await api('hotline').post(`/api/v1/process-instances/${secondId}/merge`).send({ masterId: firstId, reason: '再次合并' })).status).toBe(409);
    const master = (await api('hotline').get(`/api/v1/process-instances/${firstId}/intake`)).body;
    expect(master.merged.map((row: { processInstanceId: string }) => row.processInstanceId)).toEqual([secondId]);
    // Still offered: the nearby ticket not merged yet (the far one is another place).
    expect(master.duplicates.map((row: { processInstanceId: string }) => row.processInstanceId)).toEqual([near.body.instance.id]);
    const trail = (await api('hotline').get(`/api/v1/process-instances/${secondId}/history`)).body.items;
    expect(JSON.stringify(trail)).toContain('并案处理');
  });

  test('a ticket taken in without a number gets the centre\'s next number of the China day; a number given is kept', async () => {
    const body = (name: string) => ({ channel: 'phone', matterCode: '4419R010104000', text: '小区门口垃圾堆积无人清运', regionCode: BEICHA, reporter: { name } });
    const [one, two] = await Promise.all([intake('hotline', body('甲')), intake('portal', body('乙'))]);
    expect([one.status, two.status]).toEqual([201, 201]);
    const numbers = [one.body.instance.businessKey, two.body.instance.businessKey] as string[];
    // 12345-YYYYMMDD-NNNN, the day in China time of when the ticket came in.
    const day = new Date(new Date(one.body.intake.receivedAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
    for (const number of numbers) expect(number).toMatch(new RegExp(`^12345-${day}-\\d{4}$`));
    expect(new Set(numbers).size).toBe(2);
    expect(one.body.intake.businessKey).toBe(numbers[0]);

    const given = await intake('hotline', { ...body('丙'), businessKey: 'RX-2026-000123' });
    expect(given.body.instance.businessKey).toBe('RX-2026-000123');
    // A number given by hand that the counter reaches later is skipped, not refused.
    const sequence = Math.max(...numbers.map((number) => Number(number.slice(-4))));
    const ahead = `12345-${day}-${String(sequence + 1).padStart(4, '0')}`;
    expect((await intake('hotline', { ...body('丁'), businessKey: ahead })).body.instance.businessKey).toBe(ahead);
    const next = await intake('hotline', body('戊'));
    expect(next.status).toBe(201);
    expect(next.body.instance.businessKey).toBe(`12345-${day}-${String(sequence + 2).padStart(4, '0')}`);
  });
  test('集中受理 is the intake post\'s (热线受理) in the hotline: others are refused in Chinese and English, and nothing starts', async () => {
    const count = async () => (await t.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_intakes'))[0].n;
    const before = await count();
    const body = { channel: 'phone', matterCode: NOISE, text: '南城广场夜间音响扰民', regionCode: '441900004', reporter: { name: '孙女士', phone: '13700000000' } };
    // A dispatcher of the centre without the post, another department's clerk, and a post of the same name elsewhere.
    for (const user of ['dispatcher', 'zjj']) {
      const refused = await intake(user, body);
      expect({ user, status: refused.status, type: refused.headers['content-type'] }).toEqual({ user, status: 403, type: expect.stringContaining('application/problem+json') });
      expect(refused.body.titleZh).toContain('热线受理');
      expect(refused.body.title).toContain('intake post');
    }
    const elsewhere = await intake('zjj.intake', body);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.titleZh).toContain('东莞市12345政务服务便民热线');
    expect(elsewhere.body.title).toContain('not by your department');
    expect(await count()).toBe(before);
    // An administrator may stand in.
    const admin = await intake('root', body);
    expect(admin.status).toBe(201);
    expect(await count()).toBe(before + 1);

    // The likely duplicates (and merging them) are the post's too: a dispatcher of the centre reads the intake without them.
    const second = await intake('hotline', { ...body, text: '南城广场音响声太大' });
    const secondId = second.body.instance.id as string;
    expect(second.body.duplicates.map((row: { processInstanceId: string }) => row.processInstanceId)).toEqual([admin.body.instance.id]);
    expect((await api('hotline').get(`/api/v1/process-instances/${secondId}/intake`)).body.duplicates).toHaveLength(1);
    const read = await api('dispatcher').get(`/api/v1/process-instances/${secondId}/intake`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ intake: { processInstanceId: secondId, channel: 'phone' }, duplicates: [] });
    const merge = await api('dispatcher').post(`/api/v1/process-instances/${secondId}/merge`).send({ masterId: admin.body.instance.id, reason: '同一广场噪声' });
    expect(merge.status).toBe(403);
    expect(merge.body.titleZh).toContain('热线受理');
    expect((await api('hotline').get(`/api/v1/process-instances/${secondId}`)).body.status).toBe('active');
  });

  test('the intake as the case page reads it: names, the citizen\'s pictures, the master of a merged ticket, 404 for a case not taken in', async () => {
    const first = await intake('hotline', { channel: 'window', matterCode: NOISE, text: '东城主山市场凌晨卸货噪声', address: '东城主山市场', reporter: { name: '周先生', phone: '13600000000' }, pictures: [{ name: '卸货现场.png', contentBase64: PNG }] });
    expect(first.status).toBe(201);
    const firstId = first.body.instance.id as string;
    // The case carries the mark the case page asks by (and a 重办 inherits with the other variables).
    expect((await api('hotline').get(`/api/v1/process-instances/${firstId}`)).body.variables.intakeChannel).toBe('window');
    const read = (await api('hotline').get(`/api/v1/process-instances/${firstId}/intake`)).body;
    expect(read).toMatchObject({
      intake: { processInstanceId: firstId, channel: 'window', regionCode: '441900003901', regionName: '主山社区', receivedBy: 'hotline', receivedByName: 'hotline', address: '东城主山市场' },
      master: null,
      merged: [],
      pictures: [{ name: '卸货现场.png', contentType: 'image/png', size: Buffer.from(PNG, 'base64').length }],
    });
    // A picture is the stored attachment.
    const download = await api('hotline').get(`/api/v1/attachments/${read.pictures[0].id}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(Buffer.compare(download.body as Buffer, Buffer.from(PNG, 'base64'))).toBe(0);

    const second = await intake('hotline', { channel: 'phone', matterCode: NOISE, text: '主山市场半夜很吵', address: '东城主山市场', reporter: { name: '吴女士' } });
    const secondId = second.body.instance.id as string;
    expect((await api('hotline').post(`/api/v1/process-instances/${secondId}/merge`).send({ masterId: firstId, reason: '同一市场噪声' })).status).toBe(200);
    const merged = (await api('hotline').get(`/api/v1/process-instances/${secondId}/intake`)).body;
    expect(merged).toMatchObject({ intake: { mergedInto: firstId, mergedByName: 'hotline', status: 'canceled' }, master: { processInstanceId: firstId, businessKey: first.body.instance.businessKey }, duplicates: [], pictures: [] });
    expect((await api('hotline').get(`/api/v1/process-instances/${firstId}/intake`)).body.merged).toEqual([expect.objectContaining({ processInstanceId: secondId, businessKey: second.body.instance.businessKey })]);

    // A case started by the matter's own endpoint did not come in here.
    const started = await api('portal').post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode: BEICHA, applicant: { name: '郑先生' } });
    expect(started.status).toBe(201);
    expect(started.body.instance.variables.intakeChannel).toBeUndefined();
    const none = await api('hotline').get(`/api/v1/process-instances/${started.body.instance.id}/intake`);
    expect(none.status).toBe(404);
    expect(none.body.titleZh).toContain('不是集中受理');
  });
  test('a town clerk is offered as duplicates only tickets they may open: none just across the town border', async () => {
    const humen = await intake('hotline', { channel: 'phone', matterCode: NOISE, text: '镇界路口夜间施工', regionCode: '441900121', location: { longitude: 113.7501, latitude: 22.9001 }, reporter: { name: '孙先生' } });
    expect(humen.status).toBe(201);
    const byTown = await intake('hotline.dc', { channel: 'phone', matterCode: NOISE, text: '镇界路口施工很吵', regionCode: '441900003', location: { longitude: 113.7502, latitude: 22.9002 }, reporter: { name: '周女士' } });
    expect(byTown.status).toBe(201);
    expect(byTown.body.duplicates).toEqual([]);
    expect(JSON.stringify(byTown.body)).not.toContain('孙先生');
    // The city's clerk, who may open both, is offered the 虎门 one.
    const byCity = await intake('hotline', { channel: 'phone', matterCode: NOISE, text: '镇界路口又在施工', regionCode: '441900003', location: { longitude: 113.7501, latitude: 22.9002 }, reporter: { name: '吴先生' } });
    expect(byCity.body.duplicates.map((row: { processInstanceId: string }) => row.processInstanceId)).toEqual(expect.arrayContaining([humen.body.instance.id]));
  });
});
