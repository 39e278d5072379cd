import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';
import { process, start, end } from '../integration/durable/models.js';

// 食品经营许可 审查: the task links a form deployed as its own .form file, as Camunda Modeler 5 writes it.
const reviewForm = (label: string) => ({
  id: 'food-permit-review',
  type: 'default',
  schemaVersion: 16,
  components: [
    { type: 'textfield', key: 'opinion', label, validate: { required: true } },
    { type: 'select', key: 'decision', label: '决定', values: [{ label: '准予许可', value: 'grant' }, { label: '不予许可', value: 'refuse' }] },
  ],
});

const linked = (processId: string, formId: string) =>
  process(
    processId,
    [
      start(),
      `<bpmn:userTask id="Review" name="审查"><bpmn:extensionElements><zeebe:formDefinition formId="${formId}" /></bpmn:extensionElements></bpmn:userTask>`,
      end(),
    ].join('\n'),
    [
      ['F1', 'Start', 'Review'],
      ['F2', 'Review', 'End'],
    ],
  );

describe('linked forms (zeebe:formDefinition formId)', () => {
  let t: TestApp;
  const clock = new FakeClock();
  let designer: string;
  let staff: string;
  let outsider: string;
  beforeAll(async () => {
    t = await createTestApp({ clock });
    designer = await t.userToken({ id: 'designer', department: 'SCJGJ', roles: ['designer', 'integrator'] });
    staff = await t.userToken({ id: 'clerk', department: 'SCJGJ', roles: ['staff'] });
    outsider = await t.userToken({ id: 'zjj', department: 'ZJJ', roles: ['designer', 'staff', 'supervisor'] });
  });
  afterAll(() => t.close());

  test('a process whose task links a form that is nowhere deployed is refused, naming the task and the form', async () => {
    const refused = await as(t.app, designer).post('/api/v1/deployments').send({ xml: linked('orphan', 'no-such-form') });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'form-not-deployed', elementId: 'Review', message: expect.stringContaining("'no-such-form'"), messageZh: expect.stringContaining('no-such-form') })]);
    expect((await as(t.app, designer).get('/api/v1/process-definitions?processId=orphan')).body.items).toEqual([]);
  });

  test('forms sent with the BPMN deploy in the same transaction; the task shows the version current when it was created', async () => {
    const deployed = await as(t.app, designer).post('/api/v1/deployments').send({ xml: linked('food-permit', 'food-permit-review'), forms: [reviewForm('审查意见')] });
    expect(deployed.status).toBe(201);
    expect(deployed.body.forms).toEqual([{ formId: 'food-permit-review', version: 1, unchanged: false }]);

    const started = await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'food-permit' });
    expect(started.status).toBe(201);
    const [task] = (await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`)).body.items;
    expect(task).toMatchObject({ elementId: 'Review', formId: 'food-permit-review', formKey: null });

    // A later version does not change the open task's form, but later tasks get it.
    clock.advance(60_000);
    const v2 = await as(t.app, designer).post('/api/v1/forms').send(reviewForm('审查意见（新）'));
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ formId: 'food-permit-review', version: 2 });
    expect((await as(t.app, designer).post('/api/v1/forms').send(reviewForm('审查意见（新）'))).status).toBe(200);

    const form = await as(t.app, staff).get(`/api/v1/user-tasks/${task.id}/form`);
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ formId: 'food-permit-review', version: 1 });
    expect(form.body.schema.components[0].label).toBe('审查意见');

    clock.advance(60_000);
    const later = await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'food-permit' });
    const [laterTask] = (await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${later.body.id}`)).body.items;
    expect((await as(t.app, staff).get(`/api/v1/user-tasks/${laterTask.id}/form`)).body.version).toBe(2);
    expect((await as(t.app, staff).get('/api/v1/forms/food-permit-review?version=1')).body.schema.components[0].label).toBe('审查意见');
    expect((await as(t.app, staff).get('/api/v1/forms')).body.items.map((item: { formId: string; version: number }) => [item.formId, item.version])).toEqual([['food-permit-review', 2]]);
  });

  test('forms are department-owned: another department neither sees them nor can link them', async () => {
    expect((await as(t.app, outsider).get('/api/v1/forms/food-permit-review')).status).toBe(404);
    expect((await as(t.app, outsider).get('/api/v1/forms')).body.items).toEqual([]);
    const refused = await as(t.app, outsider).post('/api/v1/deployments').send({ xml: linked('zjj-permit', 'food-permit-review') });
    expect(refused.body.errors[0]).toMatchObject({ code: 'form-not-deployed', elementId: 'Review' });
  });

  test('a form without an id or components is refused where it is wrong, and nothing of the deployment is kept', async () => {
    const badAlone = await as(t.app, designer).post('/api/v1/forms').send({ components: [] });
    expect(badAlone.status).toBe(400);
    const bad = await as(t.app, designer)
      .post('/api/v1/deployments')
      .send({ xml: linked('two-forms', 'ok-form'), forms: [{ id: 'ok-form', components: [] }, { id: 'ok-form', components: [] }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ code: 'form-id-twice', field: '/forms/1/id' })]);
    expect((await as(t.app, designer).get('/api/v1/forms/ok-form')).status).toBe(404);
    expect((await as(t.app, designer).get('/api/v1/process-definitions?processId=two-forms')).body.items).toEqual([]);
  });

  test('a task without a linked form answers 404 with a reason', async () => {
    const plain = process('plain', [start(), '<bpmn:userTask id="Do" />', end()].join('\n'), [
      ['F1', 'Start', 'Do'],
      ['F2', 'Do', 'End'],
    ]);
    expect((await as(t.app, designer).post('/api/v1/deployments').send({ xml: plain })).status).toBe(201);
    const started = await as(t.app, designer).post('/api/v1/process-instances').send({ processId: 'plain' });
    const [task] = (await as(t.app, staff).get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`)).body.items;
    const missing = await as(t.app, staff).get(`/api/v1/user-tasks/${task.id}/form`);
    expect(missing.status).toBe(404);
    expect(missing.body.titleZh).toContain('未引用表单');
  });
});
