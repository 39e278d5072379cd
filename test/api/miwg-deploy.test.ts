// The OMG MIWG reference models (test/fixtures/miwg) deployed as the modeler sends them (the
// imported file as it is): what the engine can run is stored losslessly — the definition's XML
// read back is the file, byte for byte — and what it cannot is refused naming each thing, in
// English and Chinese, never silently dropped.
import fs from 'node:fs';
import path from 'node:path';
import { as, createTestApp, type TestApp } from '../support/context.js';
import { semanticDifferences } from '../support/xml-semantics.js';

const FIXTURES = path.resolve('test/fixtures/miwg');
const MODELS = fs.readdirSync(FIXTURES).filter((file) => file.endsWith('.bpmn')).sort();

describe('MIWG reference models deployed', () => {
  let t: TestApp;
  let designer: string;
  const deployed: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    designer = await t.userToken({ id: 'designer', department: 'SCJGJ', roles: ['designer'] });
  });
  afterAll(() => t.close());

  test.each(MODELS)('%s is kept as it was sent, or refused naming what the engine does not run', async (file) => {
    const xml = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    const response = await as(t.app, designer).post('/api/v1/deployments').send({ xml });
    if (response.status === 201) {
      deployed.push(file);
      for (const definition of response.body.definitions as { id: string }[]) {
        const stored = await as(t.app, designer).get(`/api/v1/process-definitions/${encodeURIComponent(definition.id)}`);
        expect(stored.status).toBe(200);
        expect(stored.body.xml).toBe(xml);
        expect(semanticDifferences(xml, stored.body.xml)).toEqual([]);
      }
      return;
    }
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.length).toBeGreaterThan(0);
    for (const error of response.body.errors as { message: string; messageZh: string }[]) {
      expect(error.message).toEqual(expect.any(String));
      expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test('the runnable one is among them, and a refusal names the vendor extension it will not run', async () => {
    expect(deployed).toEqual(['C.9.2.bpmn']);
    const refused = await as(t.app, designer).post('/api/v1/deployments').send({ xml: fs.readFileSync(path.join(FIXTURES, 'C.1.0.bpmn'), 'utf8') });
    expect(refused.body.errors.map((error: { message: string }) => error.message).join('\n')).toContain('w4graph:graphStyle');
  });
});
