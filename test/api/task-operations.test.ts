import fs from 'node:fs';
import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';

const permitXml = fs.readFileSync(new URL('../../examples/administrative-permit.bpmn', import.meta.url), 'utf8');
// 会签: every signer named in `signers` signs; the step ends when all have.
const countersignXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="t">
  <bpmn:process id="countersign" name="会签" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:userTask id="Task_Sign" name="会签">
      <bpmn:extensionElements><zeebe:assignmentDefinition assignee="=signer" /></bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=signers" inputElement="signer" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:userTask id="Task_After" name="汇总" />
    <bpmn:endEvent id="End" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Sign" />
    <bpmn:sequenceFlow id="F2" sourceRef="Task_Sign" targetRef="Task_After" />
    <bpmn:sequenceFlow id="F3" sourceRef="Task_After" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

type Task = { id: string; elementId: string; name: string; assignee: string | null; department: string; state: string; candidateGroups: string[] };
type Event = { type: string; actor: string; elementId: string | null; data: Record<string, unknown> };

/**
 * 办理操作 (D11) over HTTP on the example permit: each operation, its rule, what it does to the trail, to
 * the clocks and to 会签 counters, and what it refuses.
 */
describe('办理操作: task operations as engine commands', () => {
  let t: TestApp;
  const clock = new FakeClock(new Date('2026-03-02T01:00:00Z'));
  const token: Record<string, string> = {};
  const api = (user: string) => as(t.app, token[user]);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const users = [
      { id: 'designer', department: 'SCJGJ', roles: ['designer', 'integrator', 'staff'] },
      { id: 'window', department: 'SCJGJ', roles: ['staff'], groups: ['受理窗口'] },
      { id: 'reviewer', department: 'SCJGJ', roles: ['staff'], groups: ['审查科室'] },
      { id: 'reviewer2', department: 'SCJGJ', roles: ['staff'], groups: ['审查科室'] },
      { id: 'chief', department: 'SCJGJ', roles: ['staff'], groups: ['审批负责人'] },
      { id: 'chief2', department: 'SCJGJ', roles: ['staff'], groups: ['审批负责人'] },
      { id: 'zjj', department: 'ZJJ', roles: ['staff'], groups: ['审查科室'] },
      { id: 'zjj.reader', department: 'ZJJ', roles: ['staff'] },
    ];
    for (const user of users) token[user.id] = await t.userToken(user);
    expect((await api('designer').post('/api/v1/deployments').send({ xml: permitXml })).status).toBe(201);
    expect((await api('designer').post('/api/v1/deployments').send({ xml: countersignXml })).status).toBe(201);
  });
  afterAll(() => t.close());

  const start = async (variables: Record<string, unknown> = {}) => {
    const started = await api('designer').post('/api/v1/process-instances').send({ processId: 'administrative-permit', variables: { applicant: '某餐饮公司', slaProfile: '行政许可', ...variables } });
    expect(started.status).toBe(201);
    return started.body.id as string;
  };
  const open = async (caseId: string): Promise<Task[]> => (await api('designer').get(`/api/v1/user-tasks?processInstanceId=${caseId}`)).body.items;
  const openTask = async (caseId: string, elementId: string) => (await open(caseId)).find((task) => task.elementId === elementId) as Task;
  const trail = async (caseId: string): Promise<Event[]> => (await api('designer').get(`/api/v1/process-instances/${caseId}/history`)).body.items;
  // Each step a minute after the last, as in an office (steps of one command share its time; others do not).
  const complete = (user: string, taskId: string, body: Record<string, unknown> = {}) => {
    clock.advance(60_000);
    return api(user).post(`/api/v1/user-tasks/${taskId}/complete`).send(body);
  };
  const accept = async (caseId: string) => {
    expect((await complete('window', (await openTask(caseId, 'Task_Accept')).id, { variables: { acceptance: '受理' }, opinion: '材料齐全，予以受理。' })).status).toBe(200);
    return openTask(caseId, 'Task_Review');
  };
  const caseClocks = async (caseId: string) => (await api('designer').get(`/api/v1/process-instances/${caseId}/sla`)).body.case as Array<{ kind: string; state: string; dueAt: string; extensions: unknown[] }>;

  test('退回: back to a step the case passed, with a reason, for whoever did it; the case clock goes on', async () => {
    const caseId = await start();
    const review = await accept(caseId);
    const targets = await api('reviewer').get(`/api/v1/user-tasks/${review.id}/return-targets`);
    expect(targets.body.items).toEqual([expect.objectContaining({ elementId: 'Task_Accept', name: '受理', completedBy: 'window' })]);
    expect((await api('reviewer').post(`/api/v1/user-tasks/${review.id}/return`).send({ targetElementId: 'Task_Accept' })).status).toBe(400);
    const notPassed = await api('reviewer').post(`/api/v1/user-tasks/${review.id}/return`).send({ targetElementId: 'Task_Decide', reason: '试图退回到未经过的环节' });
    expect(notPassed.status).toBe(422);
    expect(notPassed.body.errors[0]).toMatchObject({ code: 'not-a-return-target', field: '/targetElementId' });
    expect((await api('window').post(`/api/v1/user-tasks/${review.id}/return`).send({ targetElementId: 'Task_Accept', reason: '不是我的岗位' })).status).toBe(403);

    const returned = await api('reviewer').post(`/api/v1/user-tasks/${review.id}/return`).send({ targetElementId: 'Task_Accept', reason: '营业执照复印件不清晰，请重新核对', opinion: '退回受理窗口核对材料。' });
    expect(returned.status).toBe(200);
    expect(returned.body.state).toBe('canceled');
    const again = await open(caseId);
    expect(again.map((task) => [task.elementId, task.assignee])).toEqual([['Task_Accept', 'window']]);
    expect((await trail(caseId)).find((event) => event.type === 'userTask.returned')).toMatchObject({ actor: 'reviewer', data: { to: 'Task_Accept', reason: '营业执照复印件不清晰，请重新核对' } });
    expect((await caseClocks(caseId)).every((entry) => entry.state === 'running')).toBe(true);
    const opinions = (await api('designer').get(`/api/v1/process-instances/${caseId}/opinions`)).body.items;
    expect(opinions.map((entry: { elementName: string; opinion: string }) => [entry.elementName, entry.opinion])).toEqual([
      ['受理', '材料齐全，予以受理。'],
      ['审查', '退回受理窗口核对材料。'],
    ]);
  });

  test('撤回: the completer takes a step back while the next one is unclaimed, not after', async () => {
    const caseId = await start();
    const review = await accept(caseId);
    const acceptTask = (await api('designer').get(`/api/v1/user-tasks?processInstanceId=${caseId}&state=completed`)).body.items[0] as Task;
    expect((await api('reviewer').post(`/api/v1/user-tasks/${acceptTask.id}/withdraw`).send({ reason: '不是我办的' })).status).toBe(403);
    const withdrawn = await api('window').post(`/api/v1/user-tasks/${acceptTask.id}/withdraw`).send({ reason: '受理意见写错了' });
    expect(withdrawn.status).toBe(200);
    expect((await open(caseId)).map((task) => [task.elementId, task.assignee])).toEqual([['Task_Accept', 'window']]);
    expect((await api('designer').get(`/api/v1/user-tasks/${review.id}`)).body.state).toBe('canceled');

    const reviewAgain = await accept(caseId);
    const accepted = (await api('designer').get(`/api/v1/user-tasks?processInstanceId=${caseId}&state=completed`)).body.items.find((task: Task) => task.id !== acceptTask.id) as Task;
    expect((await api('reviewer').post(`/api/v1/user-tasks/${reviewAgain.id}/claim`).send({})).status).toBe(200);
    const late = await api('window').post(`/api/v1/user-tasks/${accepted.id}/withdraw`).send({ reason: '太晚了' });
    expect(late.status).toBe(409);
    expect(late.body.titleZh).toContain('已由 reviewer 签收');
  });

  test('补正: the task waits for the applicant and the clocks pause until the resubmission', async () => {
    const caseId = await start();
    const review = await accept(caseId);
    const asked = await api('reviewer').post(`/api/v1/user-tasks/${review.id}/supplement-request`).send({ reason: '缺少健康证明', materials: ['从业人员健康证明'] });
    expect(asked.status).toBe(200);
    expect((await caseClocks(caseId)).every((entry) => entry.state === 'paused')).toBe(true);
    const early = await complete('reviewer', review.id);
    expect(early.status).toBe(409);
    expect(early.body.titleZh).toContain('补正');
    clock.advance(3 * 86_400_000);
    // A reader of the case (抄送) does not bring the applicant's materials: refused, nothing changes.
    expect((await api('reviewer').post(`/api/v1/process-instances/${caseId}/cc`).send({ users: ['zjj.reader'], reason: '请知悉' })).status).toBe(200);
    const byReader = await api('zjj.reader').post(`/api/v1/user-tasks/${review.id}/supplement`).send({ note: '代为补正', variables: { healthCertificate: 'forged' } });
    expect(byReader.status).toBe(403);
    expect(byReader.body.titleZh).toContain('补正');
    expect((await caseClocks(caseId)).every((entry) => entry.state === 'paused')).toBe(true);
    expect((await api('designer').get(`/api/v1/process-instances/${caseId}`)).body.variables).not.toHaveProperty('healthCertificate');
    const resubmitted = await api('designer').post(`/api/v1/user-tasks/${review.id}/supplement`).send({ note: '已上传健康证明', variables: { healthCertificate: true } });
    expect(resubmitted.status).toBe(200);
    expect((await caseClocks(caseId)).every((entry) => entry.state === 'running')).toBe(true);
    expect((await api('designer').get(`/api/v1/process-instances/${caseId}`)).body.variables.healthCertificate).toBe(true);
    expect((await complete('reviewer', review.id)).status).toBe(200);
    const types = (await trail(caseId)).map((event) => event.type);
    expect(types.indexOf('userTask.supplementRequested')).toBeLessThan(types.indexOf('sla.clock.paused'));
    expect(types).toEqual(expect.arrayContaining(['sla.clock.paused', 'userTask.supplemented', 'sla.clock.resumed']));
  });

  test('转办 to a colleague or a post; 改派 to another department, 退单 back within the limit, not after', async () => {
    const caseId = await start();
    const review = await accept(caseId);
    expect((await api('reviewer').post(`/api/v1/user-tasks/${review.id}/transfer`).send({ toUser: 'zjj', reason: '转给外单位' })).status).toBe(422);
    expect((await api('reviewer').post(`/api/v1/user-tasks/${review.id}/transfer`).send({ toUser: 'reviewer2', toPost: '审查科室', reason: '两者都给' })).status).toBe(422);
    const transferred = await api('reviewer').post(`/api/v1/user-tasks/${review.id}/transfer`).send({ toUser: 'reviewer2', reason: '本人出差' });
    expect(transferred.body).toMatchObject({ assignee: 'reviewer2' });
    expect((await complete('reviewer', review.id)).status).toBe(409);
    const notes = (await api('reviewer2').get('/api/v1/me/notifications')).body.items;
    expect(notes[0]).toMatchObject({ type: 'task.transferred', processInstanceId: caseId, read: false });

    // 改派 to 住建局, which sends it back within 24 hours.
    const reassigned = await api('reviewer2').post(`/api/v1/user-tasks/${review.id}/reassign`).send({ department: 'ZJJ', reason: '涉及建筑工程，属住建局职责' });
    expect(reassigned.status).toBe(200);
    expect((await api('zjj').get('/api/v1/user-tasks?mine=true')).body.items.map((task: Task) => task.id)).toEqual([review.id]);
    // The department that owns the case still reads the task, but it is no longer theirs to do.
    expect((await complete('reviewer2', review.id)).status).toBe(403);
    const back = await api('zjj').post(`/api/v1/user-tasks/${review.id}/send-back`).send({ reason: '不属于本单位职责' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ department: 'SCJGJ', assignee: null });

    // Received more than 24 hours ago: too late to send back.
    await api('reviewer').post(`/api/v1/user-tasks/${review.id}/reassign`).send({ department: 'ZJJ', reason: '再次改派' });
    clock.advance(25 * 3_600_000);
    const late = await api('zjj').post(`/api/v1/user-tasks/${review.id}/send-back`).send({ reason: '太晚了' });
    expect(late.status).toBe(409);
    expect(late.body.titleZh).toContain('退单时限');
    const events = (await trail(caseId)).filter((event) => ['userTask.transferred', 'userTask.reassigned', 'userTask.sentBack'].includes(event.type)).map((event) => [event.type, event.actor]);
    expect(events).toEqual([
      ['userTask.transferred', 'reviewer'],
      ['userTask.reassigned', 'reviewer2'],
      ['userTask.sentBack', 'zjj'],
      ['userTask.reassigned', 'reviewer'],
    ]);
  });

  test('委托: a delegated task comes back for a last look; a period delegation lets a colleague work my tasks as me', async () => {
    const caseId = await start();
    const review = await accept(caseId);
    await api('reviewer').post(`/api/v1/user-tasks/${review.id}/claim`).send({});
    expect((await api('reviewer').post(`/api/v1/user-tasks/${review.id}/delegate`).send({ to: 'reviewer2', reason: '请协助核查现场' })).body).toMatchObject({ assignee: 'reviewer2' });
    const resolved = await complete('reviewer2', review.id, { variables: { siteChecked: true }, opinion: '现场核查符合要求。' });
    expect(resolved.body).toMatchObject({ state: 'created', assignee: 'reviewer' });
    expect((await complete('reviewer', review.id, { opinion: '同意。' })).status).toBe(200);
    expect((await api('designer').get(`/api/v1/process-instances/${caseId}`)).body.variables.siteChecked).toBe(true);

    // 审批负责人 is away: chief2 works the tasks assigned to chief meanwhile.
    const decide = await openTask(caseId, 'Task_Decide');
    await api('chief').post(`/api/v1/user-tasks/${decide.id}/claim`).send({});
    const now = new Date(clock.now());
    const delegation = await api('chief').post('/api/v1/delegations').send({ delegate: 'chief2', startsAt: new Date(now.getTime() - 3_600_000).toISOString(), endsAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(), reason: '休假' });
    expect(delegation.status).toBe(201);
    expect((await api('chief2').get('/api/v1/user-tasks?mine=true')).body.items.map((task: Task) => task.id)).toContain(decide.id);
    expect((await complete('chief2', decide.id, { opinion: '准予许可。' })).status).toBe(200);
    expect((await trail(caseId)).find((event) => event.type === 'userTask.actedAsDelegate')).toMatchObject({ actor: 'chief2', data: { for: 'chief' } });
    expect((await api('chief').delete(`/api/v1/delegations/${delegation.body.id}`)).status).toBe(204);
    expect((await api('chief2').get('/api/v1/delegations')).body.items).toEqual([]);
  });

  test('加签 before and after me on one task; 加签 and 减签 on a running 会签 move its counters', async () => {
    const caseId = await start();
    const review = await accept(caseId);
    await complete('reviewer', review.id);
    const decide = await openTask(caseId, 'Task_Decide');
    await api('chief').post(`/api/v1/user-tasks/${decide.id}/claim`).send({});
    // 前加签: chief2 signs first, then it is back with chief; 后加签: reviewer2's colleague rule: same department only.
    expect((await api('chief').post(`/api/v1/user-tasks/${decide.id}/signers`).send({ position: 'before', user: 'zjj', reason: '外单位' })).status).toBe(422);
    expect((await api('chief').post(`/api/v1/user-tasks/${decide.id}/signers`).send({ position: 'before', user: 'chief2', reason: '请分管领导先签' })).body).toMatchObject({ assignee: 'chief2' });
    expect((await complete('chief2', decide.id, { opinion: '拟同意。' })).body).toMatchObject({ state: 'created', assignee: 'chief' });
    expect((await api('chief').post(`/api/v1/user-tasks/${decide.id}/signers`).send({ position: 'after', user: 'chief2', reason: '请会签确认' })).body).toMatchObject({ assignee: 'chief' });
    expect((await complete('chief', decide.id, { opinion: '同意。' })).body).toMatchObject({ state: 'created', assignee: 'chief2' });
    expect((await complete('chief2', decide.id, { opinion: '确认。' })).body.state).toBe('completed');
    expect((await open(caseId)).map((task) => task.elementId)).toEqual(['Task_Deliver']);
    const signed = (await trail(caseId)).filter((event) => ['userTask.signed', 'userTask.completed'].includes(event.type) && event.elementId === 'Task_Decide').map((event) => [event.type, event.actor, event.data.opinion]);
    expect(signed).toEqual([
      ['userTask.signed', 'chief2', '拟同意。'],
      ['userTask.signed', 'chief', '同意。'],
      ['userTask.completed', 'chief2', '确认。'],
    ]);

    // 会签 of reviewer and reviewer2: add chief, remove reviewer2; the step ends when reviewer and chief signed.
    const sign = await api('designer').post('/api/v1/process-instances').send({ processId: 'countersign', variables: { signers: ['reviewer', 'reviewer2'] } });
    const signId = sign.body.id as string;
    const runs = await open(signId);
    expect(runs.map((task) => task.assignee).sort()).toEqual(['reviewer', 'reviewer2']);
    const mine = runs.find((task) => task.assignee === 'reviewer')!;
    expect((await api('reviewer').post(`/api/v1/user-tasks/${mine.id}/signers`).send({ position: 'parallel', user: 'chief', reason: '请审批负责人会签' })).status).toBe(200);
    expect((await open(signId)).map((task) => task.assignee).sort()).toEqual(['chief', 'reviewer', 'reviewer2']);
    const theirs = runs.find((task) => task.assignee === 'reviewer2')!;
    expect((await api('designer').post(`/api/v1/user-tasks/${theirs.id}/signers/remove`).send({ reason: '其出差，不再会签' })).status).toBe(200);
    expect((await open(signId)).map((task) => task.assignee).sort()).toEqual(['chief', 'reviewer']);
    await complete('reviewer', mine.id);
    const chiefRun = (await open(signId)).find((task) => task.assignee === 'chief')!;
    await complete('chief', chiefRun.id);
    expect((await open(signId)).map((task) => task.elementId)).toEqual(['Task_After']);
    const counters = (await trail(signId)).filter((event) => event.type.startsWith('multiInstance.')).map((event) => [event.type, event.data.total]);
    expect(counters).toEqual([
      ['multiInstance.runAdded', 3],
      ['multiInstance.runRemoved', 3],
    ]);
  });

  test('催办 notifies whoever works the step, once an hour; 抄送 lets named people read the case', async () => {
    const caseId = await start();
    const review = await accept(caseId);
    const urged = await api('window').post(`/api/v1/user-tasks/${review.id}/urge`).send({ message: '申请人催问进度' });
    expect(urged.status).toBe(200);
    expect(urged.body.notified.sort()).toEqual(['reviewer', 'reviewer2']);
    const again = await api('window').post(`/api/v1/user-tasks/${review.id}/urge`).send({});
    expect(again.status).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(3000);
    expect((await api('reviewer').get('/api/v1/me/notifications?unread=true')).body.items[0]).toMatchObject({ type: 'task.urged', data: { message: '申请人催问进度', by: 'window' } });
    clock.advance(61 * 60_000);
    expect((await api('window').post(`/api/v1/user-tasks/${review.id}/urge`).send({})).status).toBe(200);

    expect((await api('zjj.reader').get(`/api/v1/process-instances/${caseId}`)).status).toBe(404);
    expect((await api('zjj.reader').post(`/api/v1/process-instances/${caseId}/cc`).send({ users: ['zjj.reader'], reason: '自己抄给自己' })).status).toBe(404);
    const unknown = await api('reviewer').post(`/api/v1/process-instances/${caseId}/cc`).send({ users: ['nobody'], reason: '请知悉' });
    expect(unknown.status).toBe(422);
    expect((await api('reviewer').post(`/api/v1/process-instances/${caseId}/cc`).send({ users: ['zjj.reader'], reason: '涉及住建审批，请知悉' })).body).toEqual({ copiedTo: ['zjj.reader'] });
    expect((await api('zjj.reader').get(`/api/v1/process-instances/${caseId}`)).status).toBe(200);
    expect((await api('zjj.reader').get(`/api/v1/process-instances/${caseId}/history`)).status).toBe(200);
    expect((await complete('zjj.reader', review.id)).status).toBe(403);
    expect((await api('zjj.reader').get('/api/v1/me/notifications')).body.items[0]).toMatchObject({ type: 'case.copied' });
  });

  test('附件: sniffed, kept with the case, readable by its readers, each download recorded', async () => {
    const caseId = await start();
    const uploaded = await api('reviewer').post(`/api/v1/process-instances/${caseId}/attachments?name=${encodeURIComponent('现场照片.png')}&kind=before`).set('Content-Type', 'application/octet-stream').send(PNG);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ name: '现场照片.png', kind: 'before', contentType: 'image/png', size: PNG.length, uploadedBy: 'reviewer' });
    const disguised = await api('reviewer').post(`/api/v1/process-instances/${caseId}/attachments?name=photo.jpg`).set('Content-Type', 'image/jpeg').send(Buffer.from('MZ\x90\x00 this is not a photo'));
    expect(disguised.status).toBe(422);
    expect(disguised.body.errors[0].code).toBe('unsupported-type');
    expect((await api('zjj').post(`/api/v1/process-instances/${caseId}/attachments?name=x.png`).set('Content-Type', 'image/png').send(PNG)).status).toBe(404);
    expect((await api('zjj').get(`/api/v1/attachments/${uploaded.body.id}`)).status).toBe(404);
    const list = await api('window').get(`/api/v1/process-instances/${caseId}/attachments`);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([uploaded.body.id]);
    const download = await api('window').get(`/api/v1/attachments/${uploaded.body.id}`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);
    expect((await api('designer').get(`/api/v1/attachments/${uploaded.body.id}/downloads`)).body.items.map((row: { userId: string }) => row.userId)).toEqual(['window']);
  });

  test('延期申请: the clocks move only when the post the rule names grants it, within the allowance', async () => {
    const caseId = await start();
    const review = await accept(caseId);
    const before = (await caseClocks(caseId)).find((entry) => entry.kind === 'statutory')!;
    const tooMuch = await api('reviewer').post(`/api/v1/process-instances/${caseId}/extension-requests`).send({ duration: { value: 15, unit: 'workingDay' }, reason: '需专家评审' });
    expect(tooMuch.status).toBe(422);
    const asked = await api('reviewer').post(`/api/v1/process-instances/${caseId}/extension-requests`).send({ duration: { value: 10, unit: 'workingDay' }, reason: '需现场核查', taskId: review.id });
    expect(asked.status).toBe(201);
    expect(asked.body.state).toBe('pending');
    expect((await caseClocks(caseId)).find((entry) => entry.kind === 'statutory')!.dueAt).toBe(before.dueAt);
    expect((await api('zjj').post(`/api/v1/process-instances/${caseId}/extension-requests`).send({ duration: 'P1D', reason: '外单位' })).status).toBe(404);
    const refused = await api('reviewer').post(`/api/v1/extension-requests/${asked.body.id}/approve`).send({});
    expect(refused.status).toBe(403);
    expect(refused.body.titleZh).toContain('审批负责人');
    const granted = await api('chief').post(`/api/v1/extension-requests/${asked.body.id}/approve`).send({ reason: '同意延长十日' });
    expect(granted.body).toMatchObject({ state: 'approved', decidedBy: 'chief' });
    const after = (await caseClocks(caseId)).find((entry) => entry.kind === 'statutory')!;
    expect(new Date(after.dueAt).getTime()).toBeGreaterThan(new Date(before.dueAt).getTime());
    expect(after.extensions).toHaveLength(1);
    expect((await api('chief').post(`/api/v1/extension-requests/${asked.body.id}/approve`).send({})).status).toBe(409);
    expect((await api('reviewer').post(`/api/v1/process-instances/${caseId}/extension-requests`).send({ duration: { value: 1, unit: 'workingDay' }, reason: '再延一天' })).status).toBe(422);
  });

  test('挂起、恢复、终止 each need a reason; a suspension on a legal ground pauses the clock until resumed', async () => {
    const caseId = await start();
    await accept(caseId);
    expect((await api('window').post(`/api/v1/process-instances/${caseId}/suspend`).send({})).status).toBe(400);
    const suspended = await api('window').post(`/api/v1/process-instances/${caseId}/suspend`).send({ reason: '申请人涉诉，依法中止', pauseClock: { kind: '中止', legalBasis: '《行政许可法》第四十五条' } });
    expect(suspended.body.status).toBe('suspended');
    expect((await caseClocks(caseId)).every((entry) => entry.state === 'paused')).toBe(true);
    expect((await api('window').post(`/api/v1/process-instances/${caseId}/resume`).send({ reason: '诉讼终结' })).body.status).toBe('active');
    expect((await caseClocks(caseId)).every((entry) => entry.state === 'running')).toBe(true);
    expect((await api('window').post(`/api/v1/process-instances/${caseId}/cancel`).send({ reason: '申请人撤回申请' })).body.status).toBe('canceled');
    const operations = (await trail(caseId)).filter((event) => event.type === 'case.operation').map((event) => [event.data.operation, event.data.reason]);
    expect(operations).toEqual([
      ['suspend', '申请人涉诉，依法中止'],
      ['resume', '诉讼终结'],
      ['cancel', '申请人撤回申请'],
    ]);
  });
});
