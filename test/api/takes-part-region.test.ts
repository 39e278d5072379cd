import { end, process as bpmnProcess, start, userTask } from '../integration/durable/models.js';
import { as, createTestApp, type TestApp } from '../support/context.js';

const HUMEN = '441900121';
const DONGCHENG = '441900003';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const inspection = bpmnProcess('town-inspection', [start(), userTask('Inspect', '现场核查'), end()].join('\n'), [
  ['F1', 'Start', 'Inspect'],
  ['F2', 'Inspect', 'End'],
]);

/**
 * Taking part in a case (adding attachments, 抄送 onwards, seeing personal data in clear, asking for an extension)
 * belongs to the departments working it, within the user's region (D10). A colleague of another town whom the case
 * was copied to reads it, and nothing more.
 */
describe('a colleague of another town copied on a case takes no part in it', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    for (const user of [
      { id: 'scj.city', department: 'SCJGJ', roles: ['staff', 'designer'] },
      { id: 'scj.dc', department: 'SCJGJ', regionCode: DONGCHENG, roles: ['staff', 'designer'] },
    ])
      token[user.id] = await t.userToken(user);
    await as(t.app, token['scj.city']).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(inspection).expect(201);
    caseId = (await as(t.app, token['scj.city']).post('/api/v1/process-instances').send({ processId: 'town-inspection', regionCode: HUMEN, variables: { applicantPhone: '13800138000' } }).expect(201)).body.id;
    await as(t.app, token['scj.city']).post(`/api/v1/process-instances/${caseId}/cc`).send({ users: ['scj.dc'], reason: '请知悉' }).expect(200);
  }, 120_000);
  afterAll(() => t.close());

  const dc = () => as(t.app, token['scj.dc']);

  test('reads the case, but adding an attachment, copying it on, revealing personal data and asking for an extension are refused', async () => {
    await dc().get(`/api/v1/process-instances/${caseId}`).expect(200);
    const attached = await dc().post(`/api/v1/process-instances/${caseId}/attachments?name=photo.png&kind=before`).set('Content-Type', 'image/png').send(PNG);
    expect(attached.status).toBe(403);
    const copied = await dc().post(`/api/v1/process-instances/${caseId}/cc`).send({ users: ['scj.city'], reason: '转给他人' });
    expect(copied.status).toBe(403);
    const revealed = await dc().post(`/api/v1/process-instances/${caseId}/personal-data/reveal`).send({ path: 'applicantPhone', reason: '核实' });
    expect(revealed.status).toBe(403);
    const extension = await dc().post(`/api/v1/process-instances/${caseId}/extension-requests`).send({ duration: 'P2D', reason: '试探' });
    expect(extension.status).toBe(403);
    const [{ attachments, revealedCount, requests }] = await t.context.db.query<{ attachments: number; revealedCount: number; requests: number }>(
      `SELECT (SELECT count(*)::int FROM attachments WHERE instance_id = $1) AS attachments,
              (SELECT count(*)::int FROM history WHERE instance_id = $1 AND type = 'personalData.revealed') AS "revealedCount",
              (SELECT count(*)::int FROM extension_requests WHERE instance_id = $1) AS requests`,
      [caseId],
    );
    expect({ attachments, revealedCount, requests }).toEqual({ attachments: 0, revealedCount: 0, requests: 0 });
  });

  test('the city-level owner still does all of it', async () => {
    const city = as(t.app, token['scj.city']);
    expect((await city.post(`/api/v1/process-instances/${caseId}/attachments?name=photo.png&kind=before`).set('Content-Type', 'image/png').send(PNG)).status).toBe(201);
    expect((await city.post(`/api/v1/process-instances/${caseId}/personal-data/reveal`).send({ path: 'applicantPhone', reason: '核实' })).body.value).toBe('13800138000');
  });
});
