import { loadSampleCatalog } from '../../catalog/index.js';
import { slaOf } from '../../engine/sla/index.js';
import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';

const NOISE = '4419R050201000';
const HUMEN = '441900121';
const shanghai = (local: string) => new Date(`${local}+08:00`);
/** The last day a deadline allows (it falls at the end of that day, China time). */
const lastDayOf = (iso: string) => new Date(new Date(iso).getTime() - 1 + 8 * 3_600_000).toISOString().slice(0, 10);

/** A 12345 ticket whose profile follows its appeal type (咨询, 求助, 建议, 投诉, 举报). */
const appealXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="http://matterflow.dev/schema/gov/1.0" id="D_Limits" targetNamespace="http://matterflow.dev/tests">
  <bpmn:process id="hotline-limits" name="12345 诉求时限" isExecutable="true">
    <bpmn:extensionElements><gov:sla profile="12345" /></bpmn:extensionElements>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Task_Contact" />
    <bpmn:userTask id="Task_Contact" name="联系诉求人" />
    <bpmn:sequenceFlow id="F1" sourceRef="Task_Contact" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * The 12345 limits: a first response within 24 hours; handling within 2 (咨询), 10 (求助, 建议) or 15 (投诉, 举报)
 * working days on the official calendar; and a 整改 after a 差评 within its working days, counted overdue once past.
 */
describe('12345 time limits', () => {
  let t: TestApp;
  const clock = new FakeClock(shanghai('2026-03-02T10:00:00')); // a Monday, no holiday for three weeks
  const token: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await loadSampleCatalog(t.context.db, t.context.engine);
    const users = [
      { id: 'portal', department: 'RX12345', roles: ['integrator'] },
      { id: 'hotline', department: 'RX12345', roles: ['staff', 'designer'], groups: ['热线派单', '热线回访'] },
      { id: 'gaj.hm', department: 'GAJ', regionCode: HUMEN, roles: ['staff'], groups: ['承办人员'] },
      { id: 'gaj.city', department: 'GAJ', roles: ['staff'], groups: ['承办人员'] },
      { id: 'cadmin', department: 'ZSJ', roles: ['catalog-admin'] },
    ];
    for (const user of users) token[user.id] = await t.userToken(user);
  });
  afterAll(() => t.close());
  const api = (user: string) => as(t.app, token[user]);

  /** A noise ticket through 派单, 签收处置, 答复 and 回访 to a 差评 that asks for a 整改; answers the evaluation. */
  const ratedBadly = async (businessKey: string) => {
    const started = await api('portal').post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode: HUMEN, businessKey, applicant: { name: '李女士' }, data: { content: '广场舞噪声' } });
    expect(started.status).toBe(201);
    const caseId = started.body.instance.id as string;
    const next = async (user: string) => (await api(user).get(`/api/v1/user-tasks?processInstanceId=${caseId}`)).body.items[0] as { id: string };
    expect((await api('hotline').post(`/api/v1/user-tasks/${(await next('hotline')).id}/dispatch`).send({})).status).toBe(200);
    for (let step = 0; step < 2; step += 1) expect((await api('gaj.hm').post(`/api/v1/user-tasks/${(await next('gaj.hm')).id}/complete`).send({ variables: {} })).status).toBe(200);
    expect((await api('hotline').post(`/api/v1/user-tasks/${(await next('hotline')).id}/complete`).send({ variables: {} })).status).toBe(200);
    const bad = await api('hotline').post(`/api/v1/process-instances/${caseId}/evaluation`).send({ result: '不满意', comment: '未回复', remedy: 'rectify' });
    expect(bad.status).toBe(201);
    return { caseId, started, bad };
  };

  test.each([
    // Counted from the working day after intake (Tuesday 3 March).
    ['咨询', 2, '2026-03-04'],
    ['求助', 10, '2026-03-16'],
    ['建议', 10, '2026-03-16'],
    ['投诉', 15, '2026-03-23'],
    ['举报', 15, '2026-03-23'],
  ])('%s: %i working days (last day %s) and a 24-hour first response', async (appealType, days, lastDay) => {
    clock.set(shanghai('2026-03-02T10:00:00'));
    if (appealType === '咨询') expect((await api('hotline').post('/api/v1/deployments').send({ xml: appealXml })).status).toBe(201);
    const started = await api('hotline').post('/api/v1/process-instances').send({ processId: 'hotline-limits', variables: { appealType } });
    expect(started.status).toBe(201);
    const sla = (await api('hotline').get(`/api/v1/process-instances/${started.body.id}/sla`)).body;
    const statutory = sla.case.find((clock: { kind: string }) => clock.kind === 'statutory');
    expect(statutory).toMatchObject({ source: `profile:12345-${appealType}`, remaining: days });
    expect(lastDayOf(statutory.dueAt)).toBe(lastDay);
    expect(sla.case.find((clock: { kind: string }) => clock.kind === 'response')).toMatchObject({ dueAt: shanghai('2026-03-03T10:00:00').toISOString(), remaining: 24 });
  });

  test('every step of a 12345 ticket has its deadline: 派单 2 hours, 签收处置 the ticket\'s 15 working days, 答复 and 回访 1 working day', async () => {
    clock.set(shanghai('2026-03-02T10:00:00'));
    const started = await api('portal').post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode: HUMEN, businessKey: 'LIMIT-S-1', applicant: { name: '李女士' }, data: { content: '广场舞噪声' } });
    const caseId = started.body.instance.id as string;
    const next = async (user: string) => (await api(user).get(`/api/v1/user-tasks?processInstanceId=${caseId}`)).body.items[0] as { id: string; name: string; dueDate: string | null; case: { matterName: string | null } };
    const dispatch = await next('hotline');
    expect(dispatch.name).toBe('派单');
    // The inbox names the catalog matter, not the template the process comes from.
    expect(dispatch.case.matterName).toBe('噪声扰民类诉求办理');
    // Two hours of office time, the same Monday.
    expect(dispatch.dueDate).not.toBeNull();
    expect(new Date(dispatch.dueDate!).getTime()).toBeGreaterThanOrEqual(shanghai('2026-03-02T12:00:00').getTime());
    expect(new Date(dispatch.dueDate!).getTime()).toBeLessThanOrEqual(shanghai('2026-03-02T23:59:59').getTime());
    const stepClock = (await api('hotline').get(`/api/v1/user-tasks/${dispatch.id}/sla`)).body.items[0];
    expect(stepClock).toMatchObject({ kind: 'step', label: '派单环节时限', dueAt: dispatch.dueDate });
    expect((await api('hotline').post(`/api/v1/user-tasks/${dispatch.id}/dispatch`).send({})).status).toBe(200);

    const handle = await next('gaj.hm');
    expect(handle.name).toBe('签收处置');
    // The noise matter is a 投诉 of the catalog: 15 working days, as the case itself.
    expect(lastDayOf(handle.dueDate!)).toBe('2026-03-23');
    expect((await api('gaj.hm').get(`/api/v1/user-tasks/${handle.id}/sla`)).body.items[0]).toMatchObject({ kind: 'step', source: 'matter', remaining: 15 });
    expect((await api('gaj.hm').post(`/api/v1/user-tasks/${handle.id}/complete`).send({ variables: {} })).status).toBe(200);
    const reply = await next('gaj.hm');
    expect(reply.name).toBe('答复');
    expect(lastDayOf(reply.dueDate!)).toBe('2026-03-03');
    expect((await api('gaj.hm').post(`/api/v1/user-tasks/${reply.id}/complete`).send({ variables: {} })).status).toBe(200);
    const visit = await next('hotline');
    expect(visit.name).toBe('回访评价');
    expect(lastDayOf(visit.dueDate!)).toBe('2026-03-03');
  });

  test('整改: 10 working days by default, shown on the rectification, counted overdue in the metrics once past', async () => {
    clock.set(shanghai('2026-03-02T10:00:00'));
    const { caseId, bad } = await ratedBadly('LIMIT-R-1');
    // Opened Monday 2 March: counted from Tuesday, the 10th working day is Monday 16 March.
    expect(bad.body.rectification).toMatchObject({ state: 'open', limitWorkingDays: 10, overdue: false });
    expect(lastDayOf(bad.body.rectification.dueAt)).toBe('2026-03-16');
    const metrics = async () => (await api('hotline').get('/api/v1/metrics/sla')).body.total;
    expect(await metrics()).toMatchObject({ rectified: 1, rectificationOverdue: 0 });

    clock.set(shanghai('2026-03-17T09:00:00'));
    const [late] = (await api('hotline').get(`/api/v1/process-instances/${caseId}/rectifications`)).body.items;
    expect(late).toMatchObject({ state: 'open', overdue: true });
    expect(await metrics()).toMatchObject({ rectified: 1, rectificationOverdue: 1 });
    // Closed late, it stays counted as late.
    expect((await api('hotline').post(`/api/v1/rectifications/${late.id}/close`).send({ outcome: '已回复诉求人并致歉' })).body).toMatchObject({ state: 'closed', overdue: true });
    expect(await metrics()).toMatchObject({ rectificationOverdue: 1 });
  });

  test('整改 by the matter’s own limit: 3 working days on the official calendar, across 清明', async () => {
    // The matter says 3 working days (the default is 10); a new version, in force from today.
    clock.set(shanghai('2026-04-01T09:00:00'));
    const { version: _v, validFrom: _f, validTo: _t, department: _d, departmentName: _n, processId: _p, processDepartment: _pd, ...document } = (await api('portal').get(`/api/v1/catalog/matters/${NOISE}`)).body;
    expect(document.rectificationTimeLimit).toBeUndefined();
    const own = { ...document, rectificationTimeLimit: { value: 3, unit: 'workingDay', startEvent: '差评', endEvent: '整改销号' } };
    const batch = await api('cadmin').post('/api/v1/catalog/batches').send({ name: '整改时限', reason: '噪声类差评三个工作日内整改', effectiveDate: '2026-04-01', items: [{ entity: 'matter', action: 'modify', code: NOISE, document: own }] });
    expect(batch.status).toBe(201);
    expect((await api('cadmin').post(`/api/v1/catalog/batches/${batch.body.id}/publish`)).status).toBe(200);

    // Rated badly on Thursday 2 April; 清明 (4–6 April) is no working day.
    clock.set(shanghai('2026-04-02T15:00:00'));
    const { started, bad } = await ratedBadly('LIMIT-R-2');
    expect(started.body.instance.variables).toMatchObject({ rectificationTimeLimit: { value: 3, unit: 'workingDay' } });
    expect(bad.body.rectification).toMatchObject({ state: 'open', limitWorkingDays: 3, overdue: false });
    const lastDay = lastDayOf(bad.body.rectification.dueAt);
    expect(lastDay).toBe('2026-04-08');
    // By the project's calendar: the last day is a working day, the third after the day it was opened.
    const days = (await api('hotline').get('/api/v1/calendar/days?from=2026-04-03&to=2026-04-10')).body.items as Array<{ date: string; working: boolean; reason: string }>;
    const working = days.filter((day) => day.working).map((day) => day.date);
    expect(working[2]).toBe(lastDay);
    expect(days.filter((day) => day.reason === 'statutoryHoliday').map((day) => day.date)).toEqual(expect.arrayContaining(['2026-04-06']));

    // Overdue from the day after the last day, not at the default's 10 working days.
    clock.set(shanghai('2026-04-09T09:00:00'));
    const [late] = (await api('hotline').get(`/api/v1/process-instances/${started.body.instance.id}/rectifications`)).body.items;
    expect(late).toMatchObject({ limitWorkingDays: 3, overdue: true });
  });

  describe('首次响应: 24 clock hours from 派单 to the unit’s 签收 (the template’s 签收处置 is its first-response step)', () => {
    type Clock = { kind: string; state: string; level: string; start: string; dueAt: string; onTime: boolean | null; consumed: number; source: string };
    const responseClocks = async (caseId: string): Promise<Clock[]> => (await api('hotline').get(`/api/v1/process-instances/${caseId}/sla`)).body.case.filter((clock: Clock) => clock.kind === 'response');
    const ticket = async (businessKey: string) => {
      const started = await api('portal').post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode: HUMEN, businessKey, applicant: { name: '陈先生' }, data: { content: '夜间施工噪声' } });
      expect(started.status).toBe(201);
      return started.body.instance.id as string;
    };
    const openTask = async (user: string, caseId: string) => (await api(user).get(`/api/v1/user-tasks?processInstanceId=${caseId}`)).body.items[0] as { id: string; name: string; department: string };
    const dispatch = async (caseId: string) => expect((await api('hotline').post(`/api/v1/user-tasks/${(await openTask('hotline', caseId)).id}/dispatch`).send({})).status).toBe(200);
    /** The first-response figure of the cases started that day (the metrics group cases by their start). */
    const firstResponse = async (day: string) => (await api('hotline').get(`/api/v1/metrics/sla?from=${shanghai(`${day}T00:00:00`).toISOString()}&to=${shanghai(`${day}T23:59:59`).toISOString()}`)).body.total.firstResponseHours;

    test('a first-response marking the engine cannot read, or off a user task, is refused at deployment, naming the element', async () => {
      const xml = appealXml
        .replace('<bpmn:userTask id="Task_Contact" name="联系诉求人" />', '<bpmn:userTask id="Task_Contact" name="联系诉求人"><bpmn:extensionElements><gov:sla response="24小时" /></bpmn:extensionElements></bpmn:userTask>')
        .replace('<gov:sla profile="12345" />', '<gov:sla profile="12345" step="handle" />');
      const refused = await api('hotline').post('/api/v1/deployments').send({ xml });
      expect(refused.status).toBe(422);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.errors).toEqual(expect.arrayContaining([
        expect.objectContaining({ code: 'gov.sla', elementId: 'Task_Contact', messageZh: expect.stringContaining('gov:sla response 应为 ISO 8601 时长（如 PT24H），或 profile') }),
        expect.objectContaining({ code: 'gov.sla', elementId: 'hotline-limits', messageZh: expect.stringContaining('gov:sla step 只能设在用户任务上') }),
      ]));
    });

    test('no response clock before 派单; 派单 opens it for 24 hours; the unit’s 签收 stops it, kept', async () => {
      clock.set(shanghai('2026-03-09T09:00:00'));
      const caseId = await ticket('FIRST-1');
      // Before 派单 the ticket is the hotline's own: nobody owes the citizen a contact yet.
      expect(await responseClocks(caseId)).toEqual([]);

      clock.set(shanghai('2026-03-09T10:00:00'));
      await dispatch(caseId);
      const [running] = await responseClocks(caseId);
      // 24 clock hours (the hotline works 7×24), from 派单, the bare 12345 profile's (the catalog gives no appeal type).
      expect(running).toMatchObject({ state: 'running', level: 'normal', start: shanghai('2026-03-09T10:00:00').toISOString(), dueAt: shanghai('2026-03-10T10:00:00').toISOString(), source: 'profile:12345' });

      clock.set(shanghai('2026-03-09T14:00:00'));
      const handle = await openTask('gaj.hm', caseId);
      expect(handle.name).toBe('签收处置');
      expect((await api('gaj.hm').post(`/api/v1/user-tasks/${handle.id}/claim`).send({})).status).toBe(200);
      expect(await responseClocks(caseId)).toEqual([expect.objectContaining({ state: 'stopped', onTime: true, consumed: 4 })]);
      // Completing the step later changes nothing: the first contact was the 签收.
      clock.set(shanghai('2026-03-09T16:00:00'));
      expect((await api('gaj.hm').post(`/api/v1/user-tasks/${handle.id}/complete`).send({ variables: {} })).status).toBe(200);
      expect(await responseClocks(caseId)).toEqual([expect.objectContaining({ state: 'stopped', consumed: 4 })]);
      expect(await firstResponse('2026-03-09')).toMatchObject({ count: 1, avg: 4 });
    });

    test('left unclaimed past 24 hours: 超期 while it runs, and missed when the unit finally claims it', async () => {
      clock.set(shanghai('2026-03-10T10:00:00'));
      const caseId = await ticket('FIRST-2');
      await dispatch(caseId);
      clock.set(shanghai('2026-03-11T10:30:00'));
      await slaOf(t.context.engine).monitor.runOnce();
      expect(await responseClocks(caseId)).toEqual([expect.objectContaining({ state: 'running', level: 'overdue' })]);
      const overdue = (await api('hotline').get('/api/v1/sla/clocks?level=overdue')).body.items;
      expect(overdue).toEqual(expect.arrayContaining([expect.objectContaining({ processInstanceId: caseId, kind: 'response', label: '首次响应时限' })]));

      clock.set(shanghai('2026-03-11T11:00:00'));
      expect((await api('gaj.hm').post(`/api/v1/user-tasks/${(await openTask('gaj.hm', caseId)).id}/claim`).send({})).status).toBe(200);
      expect(await responseClocks(caseId)).toEqual([expect.objectContaining({ state: 'stopped', onTime: false, consumed: 25 })]);
      expect(await firstResponse('2026-03-10')).toMatchObject({ count: 1, avg: 25 });
    });

    test('退单 is no contact: the clock runs on from the first 派单 across 改派, and stops at the next unit’s 签收', async () => {
      clock.set(shanghai('2026-03-12T09:00:00'));
      const caseId = await ticket('FIRST-3');
      clock.set(shanghai('2026-03-12T10:00:00'));
      await dispatch(caseId);
      clock.set(shanghai('2026-03-12T11:00:00'));
      const first = await openTask('gaj.hm', caseId);
      expect((await api('gaj.hm').post(`/api/v1/user-tasks/${first.id}/send-back`).send({ reason: '属市局治安支队管辖' })).status).toBe(200);
      expect(await responseClocks(caseId)).toEqual([expect.objectContaining({ state: 'running', start: shanghai('2026-03-12T10:00:00').toISOString() })]);

      // 改派 by the next rule (the city bureau): the same clock, not a new one from the second 派单.
      clock.set(shanghai('2026-03-12T13:00:00'));
      await dispatch(caseId);
      const second = await openTask('gaj.city', caseId);
      expect(second).toMatchObject({ name: '签收处置', department: 'GAJ' });
      expect(await responseClocks(caseId)).toEqual([expect.objectContaining({ state: 'running', start: shanghai('2026-03-12T10:00:00').toISOString() })]);

      clock.set(shanghai('2026-03-12T16:00:00'));
      expect((await api('gaj.city').post(`/api/v1/user-tasks/${second.id}/claim`).send({})).status).toBe(200);
      expect(await responseClocks(caseId)).toEqual([expect.objectContaining({ state: 'stopped', onTime: true, consumed: 6 })]);
      expect(await firstResponse('2026-03-12')).toMatchObject({ count: 1, avg: 6 });
    });
  });
});
