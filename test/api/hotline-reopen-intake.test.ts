import { as, createTestApp, type TestApp } from '../support/context.js';

const NOISE = '4419R050201000';
const HUMEN = '441900121';
// Two pictures the attachment store recognises by their content: a 1×1 PNG and a 2×1 one.
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const WIDE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR42mP8z8DwnwEIGGEMACjTBP/0DcmuAAAAAElFTkSuQmCC', 'base64');

type Task = { id: string; name: string };
type Attachment = { id: string; name: string; kind: string; taskId: string | null; uploadedBy: string; size: number };

/**
 * 不满意重办 of a ticket taken in through 集中受理: the reopened case is the same appeal, so it reads the same intake
 * (channel, the citizen's words, the place) and starts with copies of the citizen's pictures as its own before-photos,
 * each on its trail; the unit's photos taken at a step stay with the round they belong to. A 重办 of the 重办 reads
 * the intake of the ticket the chain started from.
 */
describe('12345 重办 carries the intake and the citizen\'s pictures', () => {
  let t: TestApp;
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    const users = [
      { id: 'hotline', name: '蒋丽', department: 'RX12345', roles: ['staff'], groups: ['热线受理', '热线派单', '热线回访'] },
      { id: 'gaj.hm', name: '刘洋', department: 'GAJ', regionCode: HUMEN, roles: ['staff'], groups: ['承办人员'] },
    ];
    for (const user of users) token[user.id] = await t.userToken(user);
  });
  afterAll(() => t.close());

  const api = (user: string) => as(t.app, token[user]);
  const next = async (user: string, caseId: string): Promise<Task> => (await api(user).get(`/api/v1/user-tasks?processInstanceId=${caseId}`)).body.items[0];
  const attachments = async (caseId: string): Promise<Attachment[]> => (await api('hotline').get(`/api/v1/process-instances/${caseId}/attachments`)).body.items;
  const bytes = async (id: string): Promise<Buffer> =>
    (
      await api('hotline')
        .get(`/api/v1/attachments/${id}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
    ).body as Buffer;

  /** 派单 → 签收处置 (the unit photographs the scene at the step) → 答复 → 回访评价 → 不满意: answers the 重办. */
  async function handleAndReopen(caseId: string, round: string): Promise<string> {
    expect((await api('hotline').post(`/api/v1/user-tasks/${(await next('hotline', caseId)).id}/dispatch`).send({})).status).toBe(200);
    const handle = await next('gaj.hm', caseId);
    expect(handle.name).toBe('签收处置');
    for (const kind of ['before', 'after']) {
      const uploaded = await api('gaj.hm').post(`/api/v1/process-instances/${caseId}/attachments?name=${kind}-${round}.png&kind=${kind}&taskId=${handle.id}`).set('Content-Type', 'image/png').send(PHOTO);
      expect(uploaded.status).toBe(201);
    }
    for (const step of ['签收处置', '答复']) {
      const task = await next('gaj.hm', caseId);
      expect(task.name).toBe(step);
      expect((await api('gaj.hm').post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: {} })).status).toBe(200);
    }
    expect((await api('hotline').post(`/api/v1/user-tasks/${(await next('hotline', caseId)).id}/complete`).send({ variables: {} })).status).toBe(200);
    const evaluated = await api('hotline').post(`/api/v1/process-instances/${caseId}/evaluation`).send({ result: '不满意', comment: `第${round}轮：噪声仍在` });
    expect(evaluated.status).toBe(201);
    return evaluated.body.reopened.id as string;
  }

  test('the reopened ticket reads the original intake and starts with copies of the citizen\'s pictures, twice over', async () => {
    const taken = await api('hotline').post('/api/v1/hotline/tickets').send({
      channel: 'phone',
      matterCode: NOISE,
      text: '银龙路广场每晚十点后广场舞音响噪声扰民',
      address: '东莞市虎门镇银龙路',
      reporter: { name: '李女士', phone: '13800000000' },
      pictures: [
        { name: '来电人拍摄现场.png', contentBase64: PHOTO.toString('base64') },
        { name: '广场全景.png', contentBase64: WIDE.toString('base64') },
      ],
    });
    expect(taken.status).toBe(201);
    const ticketId = taken.body.instance.id as string;
    // A neighbour's call about the same noise, merged into it before it is dispatched.
    const neighbour = await api('hotline').post('/api/v1/hotline/tickets').send({ channel: 'app', matterCode: NOISE, text: '银龙路广场音响太吵', address: '东莞市虎门镇银龙路', reporter: { name: '王先生' } });
    const neighbourId = neighbour.body.instance.id as string;
    expect((await api('hotline').post(`/api/v1/process-instances/${neighbourId}/merge`).send({ masterId: ticketId, reason: '同一广场噪声' })).status).toBe(200);
    const originals = await attachments(ticketId);
    expect(originals.map((file) => file.name)).toEqual(['来电人拍摄现场.png', '广场全景.png']);

    const reopenedId = await handleAndReopen(ticketId, '1');
    const reopened = (await api('hotline').get(`/api/v1/process-instances/${reopenedId}`)).body;
    expect(reopened).toMatchObject({ businessKey: `${taken.body.instance.businessKey}-重办`, status: 'active', variables: { intakeChannel: 'phone', reopenOf: ticketId } });

    // Copies of the citizen's two pictures, as before-photos of the case (not of a step), taken in by 蒋丽; the unit's
    // photos of the first round stay on the original.
    const carried = await attachments(reopenedId);
    expect(carried.map((file) => [file.name, file.kind, file.taskId, file.uploadedBy])).toEqual([
      ['来电人拍摄现场.png', 'before', null, 'hotline'],
      ['广场全景.png', 'before', null, 'hotline'],
    ]);
    expect(carried.map((file) => file.id).some((id) => originals.some((original) => original.id === id))).toBe(false);
    expect(Buffer.compare(await bytes(carried[1].id), WIDE)).toBe(0);
    expect((await attachments(ticketId)).map((file) => file.name)).toEqual(['来电人拍摄现场.png', '广场全景.png', 'before-1.png', 'after-1.png']);
    const trail = (await api('hotline').get(`/api/v1/process-instances/${reopenedId}/history`)).body.items as Array<{ type: string; data: Record<string, unknown> }>;
    const added = trail.filter((event) => event.type === 'attachment.added');
    expect(added.map((event) => [event.data.name, event.data.reasonZh, (event.data.carriedFrom as { instanceId: string }).instanceId])).toEqual([
      ['来电人拍摄现场.png', '重办时自原工单带入', ticketId],
      ['广场全景.png', '重办时自原工单带入', ticketId],
    ]);

    // The intake it reads is the original's: the same channel, words and place; the pictures are its own copies.
    const intake = (await api('hotline').get(`/api/v1/process-instances/${reopenedId}/intake`)).body;
    expect(intake).toMatchObject({ intake: { processInstanceId: ticketId, channel: 'phone', text: '银龙路广场每晚十点后广场舞音响噪声扰民', regionName: '虎门镇', readable: true }, master: null, duplicates: [], merged: [{ processInstanceId: neighbourId, readable: true }] });
    expect(intake.pictures.map((file: { id: string }) => file.id)).toEqual(carried.map((file) => file.id));

    // Reopened again: the chain's intake is still the first ticket's, and the pictures come along once more.
    const againId = await handleAndReopen(reopenedId, '2');
    const again = (await api('hotline').get(`/api/v1/process-instances/${againId}/intake`)).body;
    expect(again.intake.processInstanceId).toBe(ticketId);
    expect(again.pictures.map((file: { name: string }) => file.name)).toEqual(['来电人拍摄现场.png', '广场全景.png']);
    expect((await attachments(againId)).map((file) => [file.name, file.taskId])).toEqual([
      ['来电人拍摄现场.png', null],
      ['广场全景.png', null],
    ]);
    // 刘洋's unit, which handled the reopened ticket, reads its intake like the case (without the duplicates).
    const unit = await api('gaj.hm').get(`/api/v1/process-instances/${reopenedId}/intake`);
    expect(unit.status).toBe(200);
    // The original is his to open (his unit handled it); the neighbour's call, closed in the centre, is not.
    expect(unit.body).toMatchObject({ intake: { processInstanceId: ticketId, channel: 'phone', readable: true }, duplicates: [], merged: [{ processInstanceId: neighbourId, readable: false }] });
    expect((await api('gaj.hm').get(`/api/v1/process-instances/${neighbourId}`)).status).toBe(404);
  });
});
