import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { CalendarRepository } from '../../engine/index.js';
import { slaOf } from '../../engine/sla/index.js';
import { as, createTestApp, PERMIT_POSTS, FakeClock, type TestApp } from '../support/context.js';

const permitXml = fs.readFileSync(new URL('../../examples/administrative-permit.bpmn', import.meta.url), 'utf8');
const shanghai = (local: string) => new Date(`${local}+08:00`);
const endOf = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

/** A 12345 complaint: the profile follows the appealType variable; the extension approval is a task of the process. */
const hotlineXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:gov="http://matterflow.dev/schema/gov/1.0" id="D_Hotline" targetNamespace="http://matterflow.dev/tests">
  <bpmn:process id="hotline-appeal" name="12345 诉求" isExecutable="true">
    <bpmn:extensionElements><gov:sla profile="12345" /></bpmn:extensionElements>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="Task_Contact" />
    <bpmn:userTask id="Task_Contact" name="联系诉求人" />
    <bpmn:sequenceFlow id="F1" sourceRef="Task_Contact" targetRef="Task_Handle" />
    <bpmn:userTask id="Task_Handle" name="承办">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="话务受理" /><gov:sla committed="P3D" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Task_Handle" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

/** A permit whose 延期 is approved inside the process: the approval task is completed with slaExtension. */
const approvalXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:gov="http://matterflow.dev/schema/gov/1.0" id="D_Approval" targetNamespace="http://matterflow.dev/tests">
  <bpmn:process id="permit-with-approval" name="行政许可（含延期审批）" isExecutable="true">
    <bpmn:extensionElements><gov:sla profile="行政许可" /></bpmn:extensionElements>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_ApproveExtension" />
    <bpmn:userTask id="Task_ApproveExtension" name="延期审批" />
    <bpmn:sequenceFlow id="F2" sourceRef="Task_ApproveExtension" targetRef="Task_Decide" />
    <bpmn:userTask id="Task_Decide" name="决定" />
    <bpmn:sequenceFlow id="F3" sourceRef="Task_Decide" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

// The webhook receiver of this test listens on this machine, which webhooks may reach only when allowed.
process.env.MATTERFLOW_WEBHOOK_HOSTS = '127.0.0.1';

describe('SLA over HTTP: deadlines, clock control, bad input, evaluations, notifications, metrics', () => {
  const clock = new FakeClock(shanghai('2025-09-26T10:00:00'));
  let t: TestApp;
  let staff: ReturnType<typeof as>;
  let other: ReturnType<typeof as>;
  let hotline: ReturnType<typeof as>;
  let integrator: ReturnType<typeof as>;
  let permitId: string;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = as(t.app, await t.userToken({ id: 'staff1', department: 'SCJGJ', roles: ['staff', 'designer'], groups: PERMIT_POSTS }));
    other = as(t.app, await t.userToken({ id: 'zjj1', department: 'ZJJ', roles: ['staff'] }));
    hotline = as(t.app, await t.userToken({ id: 'rx1', department: 'RX12345', roles: ['staff', 'designer'] }));
    integrator = as(t.app, await t.userToken({ id: 'hook1', department: 'SCJGJ', roles: ['integrator'] }));
    await staff.post('/api/v1/deployments').send({ xml: permitXml }).expect(201);
    const started = await staff
      .post('/api/v1/process-instances')
      .send({ processId: 'administrative-permit', businessKey: 'XK-1', variables: { legalTimeLimit: { value: 20, unit: '工作日' }, legalExtension: { value: 10, unit: 'workingDay' } } })
      .expect(201);
    permitId = started.body.id;
  });
  afterAll(() => t.close());

  const caseSla = async () => (await staff.get(`/api/v1/process-instances/${permitId}/sla`).expect(200)).body;

  test('GET …/sla shows the case deadlines with the working days left; a task shows its step limit and due date', async () => {
    const body = await caseSla();
    expect(body.case.map((clock: { kind: string }) => clock.kind).sort()).toEqual(['committed', 'statutory']);
    expect(body.case.find((clock: { kind: string }) => clock.kind === 'statutory')).toMatchObject({ dueAt: endOf('2025-10-30'), remaining: 20, unit: 'workingDay', level: 'normal', state: 'running' });
    const [task] = (await staff.get(`/api/v1/user-tasks?processInstanceId=${permitId}`).expect(200)).body.items;
    const taskSla = await staff.get(`/api/v1/user-tasks/${task.id}/sla`).expect(200);
    expect(taskSla.body.items).toEqual([expect.objectContaining({ kind: 'step', dueAt: endOf('2025-10-10'), remaining: 5, processInstanceId: permitId })]);
    await other.get(`/api/v1/process-instances/${permitId}/sla`).expect(404);
  });

  test('pause and resume: 409 on a paused or running clock, bad bodies 400, and none of them moves a deadline', async () => {
    clock.set(shanghai('2025-09-30T15:00:00'));
    const paused = await staff.post(`/api/v1/process-instances/${permitId}/sla/pause`).send({ kind: '补正', reason: '补正材料', legalBasis: '行政许可法 第32条' }).expect(200);
    expect(paused.body.case.every((clock: { state: string; dueAt: string | null }) => clock.state === 'paused' && clock.dueAt === null)).toBe(true);
    const again = await staff.post(`/api/v1/process-instances/${permitId}/sla/pause`).send({ kind: '特别程序', reason: '专家评审' }).expect(409);
    expect(again.type).toBe('application/problem+json');
    expect(again.body.titleZh).toContain('已处于暂停状态');
    await staff.post(`/api/v1/process-instances/${permitId}/sla/pause`).send({ kind: '休假', reason: 'x' }).expect(400);
    clock.set(shanghai('2025-10-10T09:00:00'));
    const resumed = await staff.post(`/api/v1/process-instances/${permitId}/sla/resume`).send({ reason: '已补正' }).expect(200);
    expect(resumed.body.case.find((clock: { kind: string }) => clock.kind === 'statutory').dueAt).toBe(endOf('2025-11-03'));
    const before = await caseSla();
    await staff.post(`/api/v1/process-instances/${permitId}/sla/resume`).send({}).expect(409);
    expect((await caseSla()).case).toEqual(before.case);
  });

  test('extensions beyond the allowance are 422 naming the rule, an unknown unit is 422, and none moves a deadline', async () => {
    const before = await caseSla();
    const tooLong = await staff.post(`/api/v1/process-instances/${permitId}/sla/extensions`).send({ duration: { value: 15, unit: 'workingDay' }, reason: '复杂' }).expect(422);
    expect(tooLong.body.errors[0].message).toContain('at most 1 time(s), 10 working days in total');
    const badUnit = await staff.post(`/api/v1/process-instances/${permitId}/sla/extensions`).send({ duration: { value: 10, unit: 'fortnight' }, reason: '复杂' }).expect(422);
    expect(badUnit.body.title).toContain('Unknown time-limit unit "fortnight"');
    // A field of the duration the API does not read (it was granted with it once) is refused, naming it.
    const extraField = await staff.post(`/api/v1/process-instances/${permitId}/sla/extensions`).send({ duration: { value: 5, unit: 'workingDay', startEvent: 'x' }, reason: '复杂' }).expect(400);
    expect(JSON.stringify(extraField.body.errors)).toContain('startEvent');
    expect((await caseSla()).case).toEqual(before.case);
    const granted = await staff.post(`/api/v1/process-instances/${permitId}/sla/extensions`).send({ duration: 'P10D', reason: '需现场核查', approvedBy: '局长' }).expect(201);
    expect(granted.body.case.find((clock: { kind: string }) => clock.kind === 'statutory')).toMatchObject({ dueAt: endOf('2025-11-17'), extensions: [expect.objectContaining({ approvedBy: '局长' })] });
    await staff.post(`/api/v1/process-instances/${permitId}/sla/extensions`).send({ duration: 'P1D', reason: '再延' }).expect(422);
  });

  test('a calendar change (a typhoon closure day) moves future deadlines, with the change in history', async () => {
    await new CalendarRepository(t.context.db, clock).addOverride({ date: '2025-11-12', kind: 'holiday', name: '台风停工', reason: '防御台风' }, 'admin');
    const round = await slaOf(t.context.engine).monitor.runOnce();
    expect(round.recomputed).toBeGreaterThan(0);
    expect((await caseSla()).case.find((clock: { kind: string }) => clock.kind === 'statutory').dueAt).toBe(endOf('2025-11-18'));
    const history = (await staff.get(`/api/v1/process-instances/${permitId}/history`).expect(200)).body.items;
    expect(history).toContainEqual(expect.objectContaining({ type: 'sla.deadline.recomputed' }));
  });

  test('evaluation: 409 before the case ends; 不满意 reopens it with its own SLA and a counter; 409 the second time', async () => {
    await staff.post(`/api/v1/process-instances/${permitId}/evaluation`).send({ result: '满意' }).expect(409);
    await staff.post(`/api/v1/process-instances/${permitId}/evaluation`).send({ result: '很好' }).expect(400);
    const steps: Array<[string, Record<string, unknown>]> = [
      ['Task_Accept', { acceptance: '受理' }],
      ['Task_Review', {}],
      ['Task_Decide', {}],
      ['Task_Deliver', {}],
    ];
    for (const [elementId, variables] of steps) {
      const tasks = (await staff.get(`/api/v1/user-tasks?processInstanceId=${permitId}`).expect(200)).body.items;
      const task = tasks.find((row: { elementId?: string; taskDefinitionKey?: string }) => (row.elementId ?? row.taskDefinitionKey) === elementId) ?? tasks[0];
      await staff.post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables }).expect(200);
    }
    const ended = await caseSla();
    expect(ended.case.every((clock: { state: string; onTime: boolean }) => clock.state === 'stopped' && clock.onTime === true)).toBe(true);
    // A stopped clock keeps the deadline it was judged by (20 + 10 working days, 11-12 closed for the typhoon).
    expect(ended.case.find((clock: { kind: string }) => clock.kind === 'statutory').dueAt).toBe(endOf('2025-11-18'));
    const evaluated = await staff.post(`/api/v1/process-instances/${permitId}/evaluation`).send({ result: '不满意', comment: '态度差' }).expect(201);
    const reopenedId = evaluated.body.reopened.id as string;
    expect(evaluated.body.evaluation).toMatchObject({ result: '不满意', reopenRequested: true, reopenedInstanceId: reopenedId });
    await staff.post(`/api/v1/process-instances/${permitId}/evaluation`).send({ result: '满意' }).expect(409);
    const reopened = (await staff.get(`/api/v1/process-instances/${reopenedId}/sla`).expect(200)).body;
    expect(reopened.reopen).toEqual({ originalInstanceId: permitId, rootInstanceId: permitId, reopenCount: 1 });
    expect(reopened.case.find((clock: { kind: string }) => clock.kind === 'statutory')).toMatchObject({ state: 'running', remaining: 20 });
    expect((await staff.get(`/api/v1/process-instances/${permitId}/evaluation`).expect(200)).body).toMatchObject({ result: '不满意', reopenedInstanceId: reopenedId });
  });

  test('12345 profile by appeal type: 投诉 gets 15 working days and a 24-hour first response; an unknown profile refuses the start', async () => {
    clock.set(shanghai('2025-09-26T10:00:00'));
    await hotline.post('/api/v1/deployments').send({ xml: hotlineXml }).expect(201);
    const started = await hotline.post('/api/v1/process-instances').send({ processId: 'hotline-appeal', variables: { appealType: '投诉', region: '南城街道' } }).expect(201);
    const body = (await hotline.get(`/api/v1/process-instances/${started.body.id}/sla`).expect(200)).body;
    expect(body.case.find((clock: { kind: string }) => clock.kind === 'statutory')).toMatchObject({ source: 'profile:12345-投诉', dueAt: endOf('2025-10-23'), remaining: 15 });
    expect(body.case.find((clock: { kind: string }) => clock.kind === 'response')).toMatchObject({ dueAt: shanghai('2025-09-27T10:00:00').toISOString(), unit: 'hour', remaining: 24 });
    // First contact at 15:00 stops the response clock after 5 of its 24 hours; the 承办 step gets its 3 working days.
    clock.set(shanghai('2025-09-26T15:00:00'));
    const [contact] = (await hotline.get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`).expect(200)).body.items;
    await hotline.post(`/api/v1/user-tasks/${contact.id}/complete`).send({ variables: {} }).expect(200);
    const after = (await hotline.get(`/api/v1/process-instances/${started.body.id}/sla`).expect(200)).body;
    expect(after.case.find((clock: { kind: string }) => clock.kind === 'response')).toMatchObject({ state: 'stopped', onTime: true, consumed: 5, remaining: 19 });
    expect(after.case.find((clock: { kind: string }) => clock.kind === 'statutory')).toMatchObject({ state: 'running' });
    expect(after.tasks).toEqual([expect.objectContaining({ kind: 'step', dueAt: endOf('2025-09-30'), state: 'running' })]);
    const refused = await hotline.post('/api/v1/process-instances').send({ processId: 'hotline-appeal', variables: { slaProfile: '12345-闲聊' } }).expect(422);
    expect(refused.body.title).toContain('Unknown SLA profile "12345-闲聊"');
  });

  test('an extension approved inside the process: the approval task carries slaExtension; a refused one refuses the completion', async () => {
    await staff.post('/api/v1/deployments').send({ xml: approvalXml }).expect(201);
    const started = await staff.post('/api/v1/process-instances').send({ processId: 'permit-with-approval' }).expect(201);
    const [task] = (await staff.get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`).expect(200)).body.items;
    const refused = await staff.post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: { slaExtension: { value: 11, unit: 'workingDay', reason: '复杂' } } }).expect(422);
    expect(refused.body.errors[0].messageZh).toContain('最多延期 1 次，合计不超过 10 个工作日');
    const still = (await staff.get(`/api/v1/user-tasks/${task.id}`).expect(200)).body;
    expect(still.state ?? 'created').toBe('created');
    await staff.post(`/api/v1/user-tasks/${task.id}/complete`).send({ variables: { slaExtension: { value: 10, unit: 'workingDay', reason: '需专家论证', approvedBy: '局长' } } }).expect(200);
    const body = (await staff.get(`/api/v1/process-instances/${started.body.id}/sla`).expect(200)).body;
    // 行政许可 profile: 20 working days from Friday 09-26 end on 10-30, plus 10 → 11-14 (11-12 is the typhoon closure above).
    expect(body.case[0]).toMatchObject({ source: 'profile:行政许可', dueAt: endOf('2025-11-14'), budget: 30 });
  });

  test('notifications: a pollable feed and a webhook retried with backoff until it answers, signed with the secret', async () => {
    const received: Array<{ body: string; signature: string | undefined }> = [];
    let calls = 0;
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        calls++;
        if (calls === 1) {
          res.writeHead(503).end();
          return;
        }
        received.push({ body, signature: req.headers['x-matterflow-signature'] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const secret = 'a-very-secret-signing-key';
      await integrator.post('/api/v1/notifications/webhooks').send({ url, events: ['sla.clock.paused'], secret }).expect(201);
      await integrator.post('/api/v1/notifications/webhooks').send({ url: 'ftp://example.com' }).expect(422);
      // This machine and cloud metadata addresses are refused unless an administrator allows them.
      for (const forbidden of ['http://localhost:9/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/hook']) {
        const refused = await integrator.post('/api/v1/notifications/webhooks').send({ url: forbidden }).expect(422);
        expect(refused.body.titleZh).toMatch(/MATTERFLOW_WEBHOOK_HOSTS/);
      }

      const feed = await integrator.get('/api/v1/notifications?after=0').expect(200);
      expect(feed.body.items.map((item: { type: string }) => item.type)).toEqual(expect.arrayContaining(['sla.clock.paused', 'sla.clock.resumed', 'sla.clock.extended', 'case.evaluated', 'case.reopened']));
      const last = feed.body.last as number;
      expect((await integrator.get(`/api/v1/notifications?after=${last}`).expect(200)).body.items).toEqual([]);
      expect((await other.get('/api/v1/notifications?after=0').expect(200)).body.items).toEqual([]);

      const started = await staff.post('/api/v1/process-instances').send({ processId: 'permit-with-approval' }).expect(201);
      await staff.post(`/api/v1/process-instances/${started.body.id}/sla/pause`).send({ kind: '特别程序', reason: '专家评审', legalBasis: '行政许可法 第45条' }).expect(200);
      const webhooks = slaOf(t.context.engine).webhooks;
      expect(await webhooks.deliverDue()).toEqual({ delivered: 0, failed: 1 });
      expect(await webhooks.deliverDue()).toEqual({ delivered: 0, failed: 0 });
      clock.advance(29_000);
      expect(await webhooks.deliverDue()).toEqual({ delivered: 0, failed: 0 });
      clock.advance(2_000);
      expect(await webhooks.deliverDue()).toEqual({ delivered: 1, failed: 0 });
      expect(received).toHaveLength(1);
      const payload = JSON.parse(received[0].body);
      expect(payload).toMatchObject({ type: 'sla.clock.paused', processInstanceId: started.body.id, data: { kind: '特别程序', legalBasis: '行政许可法 第45条' } });
      expect(received[0].signature).toBe(`sha256=${createHmac('sha256', secret).update(received[0].body).digest('hex')}`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('metrics as JSON for dashboards and as Prometheus text at /metrics', async () => {
    const metrics = await staff.get('/api/v1/metrics/sla?groupBy=department').expect(200);
    expect(metrics.body.groups).toEqual([expect.objectContaining({ key: 'SCJGJ', completed: 1, completedOnTime: 1, onTimeRate: 1, evaluations: 1, satisfactionRate: 0, reopened: 1 })]);
    await staff.get('/api/v1/metrics/sla?groupBy=weekday').expect(400);
    // Every department's counts: not for anyone who can reach the port (MATTERFLOW_METRICS_TOKEN, or an administrator's or supervisor's token).
    const refused = await request(t.app).get('/metrics').expect(401);
    expect(refused.body.titleZh).toMatch(/MATTERFLOW_METRICS_TOKEN/);
    await request(t.app).get('/metrics').set('Authorization', 'Bearer not-a-token').expect(401);
    await staff.get('/metrics').expect(401);
    const supervisor = await t.userToken({ id: 'metrics-supervisor', department: 'ZSJ', roles: ['supervisor'] });
    const text = await request(t.app).get('/metrics').set('Authorization', `Bearer ${supervisor}`).expect(200);
    expect(text.type).toBe('text/plain');
    expect(text.text).toContain('# TYPE matterflow_sla_on_time_ratio gauge');
    expect(text.text).toContain('matterflow_sla_on_time_ratio{department="SCJGJ"} 1');
    expect(text.text).toMatch(/matterflow_sla_open_clocks\{department="RX12345",subject="case",level="normal"\} 1/);
  });
});
