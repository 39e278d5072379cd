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
      { id: 'portal', department: 'RX12345', roles: ['integrator'] },
      { id: 'hotline', department: 'RX12345', roles: ['staff'], groups: ['热线派单', '热线回访'] },
      { id: 'zjj', department: 'ZJJ', roles: ['staff'] },
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
});
