import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import ts from 'typescript';
import { fromProjectRoot } from '../../engine/index.js';
import { sampleUsers } from '../../api/seed.js';
import { CLIENT_SCHEMA_PATH, clientSource } from '../../scripts/client-source.js';
import { readmeWalkthrough } from './client/readme-walkthrough.js';
import { createTestApp, type TestApp } from '../support/context.js';

/**
 * The client generated from the OpenAPI document (api/client/schema.d.ts, openapi-typescript):
 * it is what the served document makes of it, the README walk-through type-checks against it, a call
 * the document does not allow does not, and the walk-through runs against the real server.
 */
const WALKTHROUGH = fromProjectRoot('test', 'api', 'client', 'readme-walkthrough.ts');

let t: TestApp;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** Type-checks the walk-through, and any extra in-memory files, with the project's compiler options. */
function typeErrors(extra: Record<string, string> = {}): string[] {
  const configFile = fromProjectRoot('tsconfig.json');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configFile));
  const host = ts.createCompilerHost({ ...options, types: ['node'], noEmit: true });
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => extra[file] ?? readFile(file);
  host.fileExists = (file) => file in extra || fileExists(file);
  host.getSourceFile = (file, language, ...rest) => (file in extra ? ts.createSourceFile(file, extra[file], language) : getSourceFile(file, language, ...rest));
  const program = ts.createProgram([WALKTHROUGH, ...Object.keys(extra)], { ...options, types: ['node'], noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.relative(fromProjectRoot(), diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

describe('the generated client', () => {
  it('is what openapi-typescript makes of the served document (else run npm run generate:client)', async () => {
    const document = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body as Record<string, unknown>;
    const committed = fs.readFileSync(fromProjectRoot(CLIENT_SCHEMA_PATH), 'utf8');
    const fresh = await clientSource(document);
    // Compared line by line so that a drift names the first lines that differ.
    const committedLines = committed.split('\n');
    const differing = fresh.split('\n').flatMap((line, index) => (line === committedLines[index] ? [] : [`${index + 1}: ${line}`])).slice(0, 5);
    expect(differing).toEqual([]);
    expect(committed.length).toBe(fresh.length);
  });

  it('type-checks the README walk-through, and refuses calls the document does not allow', () => {
    expect(typeErrors()).toEqual([]);
    const wrong = fromProjectRoot('test', 'api', 'client', 'wrong-calls.ts');
    const errors = typeErrors({
      [wrong]: [
        "import { createClient } from '../../../api/client/client.js';",
        "const api = createClient('http://localhost:3000/api/v1', 'mf_token');",
        '// A misspelt body field, an unknown path, a missing path parameter, a field the answer does not have.',
        "await api.post('/user-tasks/{id}/complete', { path: { id: 't' }, body: { variabls: {} } });",
        "await api.get('/user-task');",
        "await api.get('/process-instances/{id}', {});",
        "const page = await api.get('/process-instances'); page.items[0].applicant;",
        'export {};',
      ].join('\n'),
    });
    const lines = errors.filter((error) => error.startsWith('test/api/client/wrong-calls.ts')).map((error) => Number(/:(\d+) /.exec(error)?.[1]));
    expect(lines).toEqual([4, 5, 6, 7]);
  });

  it('runs the README walk-through against the server', async () => {
    const token = await t.userToken(sampleUsers().find((user) => user.id === 'scjgj')!);
    const xml = fs.readFileSync(fromProjectRoot('examples', 'administrative-permit.bpmn'), 'utf8');
    const outcome = await readmeWalkthrough(baseUrl, token, xml);
    expect(outcome.health).toBe('ok');
    expect(outcome.unchanged).toBe(false);
    expect(outcome.businessKey).toBe('SP-2026-0001');
    expect(outcome.status).toBe('completed');
    expect(outcome.trail).toEqual(expect.arrayContaining(['userTask.completed 送达']));
    expect(outcome.trail[outcome.trail.length - 1]).toMatch(/^instance\.completed/);
  });
});
