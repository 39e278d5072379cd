import { loadSampleCatalog } from '../../catalog/index.js';
import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';

// 12345 噪声扰民类诉求: 虎门 → 虎门分局 first, then the city bureau (the catalog's implementation entries).
const NOISE = '4419R050201000';
const HUMEN = '441900121';

type Task = { id: string; name: string; department: string; regionCode: string | null; candidateGroups?: string[] };

/**
 * 快处快裁: a dispute between units (a unit contests its assignment, or every unit of the rule sent the ticket
 * back) goes to the command centre, whose decision names the unit that must handle it; that unit can then no
 * longer send the ticket back, and the decision is on the ticket's trail.
 */
describe('12345 快处快裁: the command centre’s binding decision', () => {
  let t: TestApp;
  const clock = new FakeClock(new Date('2026-03-02T01:00:00Z'));
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await loadSampleCatalog(t.context.db, t.context.engine);
    const users = [
      { id: 'portal', department: 'RX12345', roles: ['integrator'] },
      { id: 'hotline', department: 'RX12345', roles: ['staff'], groups: ['热线派单', '热线回访'] },
      { id: 'command', department: 'RX12345', roles: ['staff'], groups: ['指挥中心'] },
      { id: 'gaj.hm', department: 'GAJ', regionCode: HUMEN, roles: ['staff'], groups: ['承办人员'] },
      { id: 'gaj.city', department: 'GAJ', roles: ['staff'], groups: ['承办人员'] },
    ];
    for (const user of users) token[user.id] = await t.userToken(user);
  });
  afterAll(() => t.close());

  const api = (user: string) => as(t.app, token[user]);
  const openTasks = async (user: string, instanceId: string): Promise<Task[]> => (await api(user).get(`/api/v1/user-tasks?processInstanceId=${instanceId}`)).body.items;
  const newTicket = async (key: string) => {
    const started = await api('portal').post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode: HUMEN, businessKey: key, applicant: { name: '陈先生' }, data: { content: '夜间施工噪声扰民' } });
    expect(started.status).toBe(201);
    const caseId = started.body.instance.id as string;
    const [step] = await openTasks('hotline', caseId);
    expect((await api('hotline').post(`/api/v1/user-tasks/${step.id}/dispatch`).send({})).body.dispatch.unit).toBe('GAJ-441900121');
    return caseId;
  };

  test('a unit contests its assignment: the ticket waits for the command centre, which decides; the unit cannot send it back again', async () => {
    const caseId = await newTicket('12345-R-0001');
    // Nothing to decide before a dispute.
    const early = await api('command').post(`/api/v1/process-instances/${caseId}/quick-ruling`).send({ unit: 'GAJ-441900121', reason: '属地先行处置' });
    expect(early.status).toBe(409);
    expect(early.body.titleZh).toContain('没有提请指挥中心裁定');

    const [handle] = await openTasks('gaj.hm', caseId);
    expect(handle.name).toBe('签收处置');
    expect((await api('gaj.hm').post(`/api/v1/user-tasks/${handle.id}/contest`).send({})).status).toBe(400);
    const contested = await api('gaj.hm').post(`/api/v1/user-tasks/${handle.id}/contest`).send({ reason: '工地噪声属住建部门监管' });
    expect(contested.status).toBe(200);
    // Not to the next unit of the rule: to the command centre's post.
    expect(contested.body).toMatchObject({ name: '派单', state: 'created', department: 'RX12345', candidateGroups: ['指挥中心'] });
    expect(contested.body.assignee ?? null).toBeNull();

    // On the trail as the system's move on the unit's request, under its own type: not a 转办 by a user who holds no dispatch post.
    const trail = (await api('hotline').get(`/api/v1/process-instances/${caseId}/history?limit=500`)).body.items as Array<{ type: string; actor: string; elementName?: string; data?: Record<string, unknown> }>;
    const escalated = trail.filter((event) => event.type === 'userTask.escalatedToCommandCentre');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({
      actor: 'gaj.hm',
      elementName: '派单',
      data: expect.objectContaining({ toPost: '指挥中心', fromPosts: ['热线派单'], contestedTaskId: handle.id, taskId: contested.body.id, reason: '承办单位对分派有异议，提请指挥中心快处快裁：工地噪声属住建部门监管' }),
    });
    expect(trail.filter((event) => event.type === 'userTask.transferred' && event.actor === 'gaj.hm')).toEqual([]);
    // The engine command itself holds the line: only whoever sent the contested task back asks, and only once.
    const engine = t.context.engine;
    const cityUser = { userId: 'gaj.city', department: 'GAJ', roles: ['staff'], groups: ['承办人员'] };
    const hmUser = { userId: 'gaj.hm', department: 'GAJ', roles: ['staff'], groups: ['承办人员'], regionPath: engine.staff.directory.regionPath(HUMEN) };
    await expect(engine.operations.escalateToCommandCentre(cityUser, contested.body.id, { contestedTaskId: handle.id, toPost: '指挥中心', reason: '代为提请' })).rejects.toMatchObject({ kind: expect.stringMatching(/forbidden|not-found/) });
    await expect(engine.operations.escalateToCommandCentre(hmUser, contested.body.id, { contestedTaskId: handle.id, toPost: '指挥中心', reason: '再提一次' })).rejects.toMatchObject({ kind: 'conflict' });

    // Only the owner's command centre decides: the dispatcher holds no such post, the unit does not own the ticket.
    expect((await api('hotline').post(`/api/v1/process-instances/${caseId}/quick-ruling`).send({ unit: 'GAJ-441900121', reason: '属地先行处置' })).status).toBe(403);
    expect((await api('gaj.hm').post(`/api/v1/process-instances/${caseId}/quick-ruling`).send({ unit: 'GAJ-441900121', reason: '属地先行处置' })).status).toBe(403);
    expect((await api('command').post(`/api/v1/process-instances/${caseId}/quick-ruling`).send({ unit: 'GAJ-441900121' })).status).toBe(400);
    const unknown = await api('command').post(`/api/v1/process-instances/${caseId}/quick-ruling`).send({ unit: 'NOPE-1', reason: '属地先行处置' });
    expect(unknown.status).toBe(422);

    clock.advance(3_600_000);
    const decided = await api('command').post(`/api/v1/process-instances/${caseId}/quick-ruling`).send({ unit: 'GAJ-441900121', reason: '噪声扰民由属地公安先行处置，住建配合' });
    expect(decided.status).toBe(201);
    expect(decided.body.ruling).toMatchObject({
      processInstanceId: caseId,
      unit: 'GAJ-441900121',
      unitName: '东莞市公安局虎门分局',
      disputedBy: ['GAJ-441900121'],
      reason: '噪声扰民由属地公安先行处置，住建配合',
      decidedBy: 'command',
      decidedAt: clock.now().toISOString(),
    });
    expect(decided.body.dispatch).toMatchObject({ unit: 'GAJ-441900121', source: 'manual', reason: '快处快裁：噪声扰民由属地公安先行处置，住建配合' });

    // Bound: 退单 and a second contest are refused, saying why in Chinese and English; the task stays.
    const [again] = await openTasks('gaj.hm', caseId);
    expect(again).toMatchObject({ name: '签收处置', department: 'GAJ', regionCode: HUMEN });
    const refused = await api('gaj.hm').post(`/api/v1/user-tasks/${again.id}/send-back`).send({ reason: '仍认为不属于本单位' });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.titleZh).toContain('快处快裁');
    expect(refused.body.titleZh).toContain('不能再退单');
    expect(refused.body.title).toContain('cannot be sent back');
    expect((await api('gaj.hm').post(`/api/v1/user-tasks/${again.id}/contest`).send({ reason: '再次异议' })).status).toBe(409);
    expect((await openTasks('gaj.hm', caseId)).map((task) => task.id)).toEqual([again.id]);

    // On the ticket and its trail.
    const rulings = await api('hotline').get(`/api/v1/process-instances/${caseId}/quick-rulings`);
    expect(rulings.body).toMatchObject({ total: 1, items: [{ unit: 'GAJ-441900121', decidedBy: 'command' }] });
    const history = (await api('hotline').get(`/api/v1/process-instances/${caseId}/history?limit=500`)).body.items as Array<{ type: string; data?: Record<string, unknown> }>;
    expect(history.find((event) => event.type === 'case.ruling.decided')).toMatchObject({ data: expect.objectContaining({ unit: 'GAJ-441900121', reason: '噪声扰民由属地公安先行处置，住建配合' }) });
    const outsider = await t.userToken({ id: 'zjj', department: 'ZJJ', roles: ['staff'] });
    expect((await as(t.app, outsider).get(`/api/v1/process-instances/${caseId}/quick-rulings`)).status).toBe(404);
  });

  test('both units send it back: no rule is left, the command centre binds the city bureau, which then cannot send it back', async () => {
    const caseId = await newTicket('12345-R-0002');
    const [town] = await openTasks('gaj.hm', caseId);
    expect((await api('gaj.hm').post(`/api/v1/user-tasks/${town.id}/send-back`).send({ reason: '应由市局统筹' })).status).toBe(200);
    const [step] = await openTasks('hotline', caseId);
    expect((await api('hotline').post(`/api/v1/user-tasks/${step.id}/dispatch`).send({})).body.dispatch.unit).toBe('GAJ');
    const [city] = await openTasks('gaj.city', caseId);
    expect((await api('gaj.city').post(`/api/v1/user-tasks/${city.id}/send-back`).send({ reason: '应由属地处置' })).status).toBe(200);
    const [last] = await openTasks('hotline', caseId);
    expect((await api('hotline').post(`/api/v1/user-tasks/${last.id}/dispatch`).send({})).body).toMatchObject({ dispatched: false, task: { candidateGroups: ['指挥中心'] } });

    const decided = await api('command').post(`/api/v1/process-instances/${caseId}/quick-ruling`).send({ unit: 'GAJ', reason: '跨镇街噪声源，由市局统筹处置' });
    expect(decided.status).toBe(201);
    expect(decided.body.ruling).toMatchObject({ unit: 'GAJ', disputedBy: ['GAJ-441900121', 'GAJ'], disputedByNames: ['东莞市公安局虎门分局', '东莞市公安局'] });
    const [bound] = await openTasks('gaj.city', caseId);
    expect(bound.department).toBe('GAJ');
    const refused = await api('gaj.city').post(`/api/v1/user-tasks/${bound.id}/send-back`).send({ reason: '应由属地处置' });
    expect(refused.status).toBe(409);
    expect(refused.body.titleZh).toContain('快处快裁');
  });
});
