// Which version of a linked form a user task shows (zeebe:formDefinition bindingType, as in Camunda 8): the latest when
// the task was created (the default), the version sent with the process (deployment), or the newest with a version tag;
// a binding that cannot be met is refused at deployment, naming the task.
import { end, process, start } from '../integration/durable/models.js';
import { as, createTestApp, FakeClock, type TestApp } from '../support/context.js';

/** The review form, labelled so a test sees which version a task shows. */
const reviewForm = (label: string, versionTag?: string) => ({
  id: 'review-form',
  type: 'default',
  ...(versionTag ? { versionTag } : {}),
  components: [{ type: 'textfield', key: 'opinion', label }],
});

/** A process whose 审查 task links the review form as `binding` says (attributes of zeebe:formDefinition). */
const reviewed = (processId: string, binding: string, name = '审查') =>
  process(
    processId,
    [start(), `<bpmn:userTask id="Review" name="${name}"><bpmn:extensionElements><zeebe:formDefinition formId="review-form" ${binding} /></bpmn:extensionElements></bpmn:userTask>`, end()].join('\n'),
    [
      ['F1', 'Start', 'Review'],
      ['F2', 'Review', 'End'],
    ],
  );

describe('a user task shows the form version its binding names', () => {
  let t: TestApp;
  const clock = new FakeClock();
  let designer: string;
  const deploy = (body: Record<string, unknown>) => as(t.app, designer).post('/api/v1/deployments').send(body);

  /** Starts a case and returns the label of the form its 审查 task shows. */
  async function formLabelOf(processId: string): Promise<string> {
    const caseId = (await as(t.app, designer).post('/api/v1/process-instances').send({ processId }).expect(201)).body.id as string;
    const [task] = (await as(t.app, designer).get(`/api/v1/user-tasks?processInstanceId=${caseId}`).expect(200)).body.items as Array<{ id: string }>;
    const form = (await as(t.app, designer).get(`/api/v1/user-tasks/${task.id}/form`).expect(200)).body as { schema: { components: Array<{ label: string }> } };
    clock.advance(1_000);
    return form.schema.components[0].label;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    designer = await t.userToken({ id: 'form.designer', department: 'SCJGJ', roles: ['designer', 'integrator', 'staff'] });
  });
  afterAll(() => t.close());

  test('deployment: the version sent with the process, whatever is deployed later; latest follows the newest', async () => {
    await deploy({ xml: reviewed('bound-by-deployment', 'bindingType="deployment"'), forms: [reviewForm('意见 v1')] }).expect(201);
    await deploy({ xml: reviewed('bound-latest', '') }).expect(201);
    clock.advance(1_000);
    await as(t.app, designer).post('/api/v1/forms').send(reviewForm('意见 v2')).expect(201);
    clock.advance(1_000);
    expect(await formLabelOf('bound-by-deployment')).toBe('意见 v1');
    expect(await formLabelOf('bound-latest')).toBe('意见 v2');
    // A new version of the process sent with the (unchanged) v2 shows v2: what was sent with it.
    await deploy({ xml: reviewed('bound-by-deployment', 'bindingType="deployment"', '审查（第二版）'), forms: [reviewForm('意见 v2')] }).expect(201);
    expect(await formLabelOf('bound-by-deployment')).toBe('意见 v2');
  });

  test('versionTag: the newest version with the tag when the task was created', async () => {
    await as(t.app, designer).post('/api/v1/forms').send(reviewForm('意见 稳定版', 'stable')).expect(201);
    clock.advance(1_000);
    await as(t.app, designer).post('/api/v1/forms').send(reviewForm('意见 草稿', 'draft')).expect(201);
    clock.advance(1_000);
    await deploy({ xml: reviewed('bound-by-tag', 'bindingType="versionTag" versionTag="stable"') }).expect(201);
    expect(await formLabelOf('bound-by-tag')).toBe('意见 稳定版');
    await as(t.app, designer).post('/api/v1/forms').send(reviewForm('意见 稳定版二', 'stable')).expect(201);
    clock.advance(1_000);
    expect(await formLabelOf('bound-by-tag')).toBe('意见 稳定版二');
  });

  test('bindings that cannot be met, and unknown ones, are refused by name', async () => {
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ xml: reviewed('refused-a', 'bindingType="deployment"') }, 'form-not-bound'],
      [{ xml: reviewed('refused-b', 'bindingType="versionTag" versionTag="2025-rules"') }, 'form-not-bound'],
      [{ xml: reviewed('refused-c', 'bindingType="newest"') }, 'userTask.formBinding'],
      [{ xml: reviewed('refused-d', 'versionTag="stable"') }, 'userTask.formBinding'],
      [{ xml: reviewed('refused-e', 'bindingType="versionTag"') }, 'userTask.formBinding'],
    ];
    for (const [body, code] of refusals) {
      const refused = await deploy(body).expect(422);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code, elementId: 'Review' })]));
    }
    const tagless = await deploy({ xml: reviewed('refused-f', 'bindingType="versionTag" versionTag="2025-rules"'), forms: [reviewForm('意见', '2024-rules')] }).expect(422);
    expect(tagless.body.errors[0].messageZh).toContain('版本标签“2025-rules”');
    const badTag = await as(t.app, designer).post('/api/v1/forms').send({ ...reviewForm('意见'), versionTag: '' }).expect(400);
    expect(badTag.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
