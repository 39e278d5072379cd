import request from 'supertest';
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { ApiRouter } from '../../api/http/api-router.js';
import { createTestApp, type TestApp } from '../support/context.js';

/**
 * The served OpenAPI document, linted by Redocly's recommended ruleset (@redocly/openapi-core) with
 * the rules that matter most to generated clients raised to errors. No exceptions are configured:
 * any problem, warning or error, fails the test and is printed with its JSON pointer.
 */
const RULES = {
  'operation-operationId': 'error',
  'operation-operationId-unique': 'error',
  'operation-operationId-url-safe': 'error',
  'operation-2xx-response': 'error',
  'operation-4xx-response': 'error',
  'no-unresolved-refs': 'error',
  'no-unused-components': 'error',
} as const;

interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }>; $ref?: string }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

let t: TestApp;
let document: Document;

beforeAll(async () => {
  t = await createTestApp();
  document = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body as Document;
});
afterAll(async () => {
  await t.close();
});

function operations(): Array<[string, Operation]> {
  return Object.entries(document.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]));
}

describe('the OpenAPI document', () => {
  it('passes the Redocly recommended ruleset without a warning', async () => {
    const config = await createConfig({ extends: ['recommended'], rules: RULES });
    const problems: NormalizedProblem[] = await lintFromString({ source: JSON.stringify(document, null, 1), absoluteRef: 'openapi.json', config });
    const report = problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? '?'}`);
    expect(report).toEqual([]);
  });

  it('names every operation with a unique camelCase operationId', () => {
    const ids = operations().map(([, operation]) => operation.operationId);
    expect(ids.length).toBeGreaterThan(100);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['createDeployment', 'createProcessInstance', 'listUserTasks', 'completeUserTask', 'listProcessInstanceHistory']));
  });

  it('documents a body with a schema for every 2xx answer but 204', () => {
    const missing: string[] = [];
    for (const [name, operation] of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith('2')) continue;
        if (status === '204') {
          if (response.content) missing.push(`${name} ${status} has a body`);
          continue;
        }
        const media = Object.entries(response.content ?? {});
        if (media.length === 0 || media.some(([, entry]) => entry.schema === undefined)) missing.push(`${name} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('refers to named component schemas instead of repeating them', () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'ProcessDefinition', 'ProcessInstance', 'ProcessInstancePage', 'UserTask', 'UserTaskPage', 'HistoryEvent', 'Job', 'Incident', 'Clock', 'Matter', 'Form']),
    );
    const instance = document.paths['/process-instances/{id}'].get.responses['200'].content?.['application/json'].schema;
    expect(instance).toEqual({ $ref: '#/components/schemas/ProcessInstance' });
  });
});

describe('the route registry', () => {
  const spec = { method: 'get', path: '/things', summary: 'Things', tag: 'Test', roles: 'public', response: { type: 'object' } } as const;

  it('refuses a route without an operationId, or with one that is not camelCase', () => {
    expect(() => new ApiRouter().add({ ...spec } as never, () => undefined)).toThrow(/GET \/things needs an operationId/);
    expect(() => new ApiRouter().add({ ...spec, operationId: 'list-things' }, () => undefined)).toThrow(/camelCase/);
  });

  it('refuses an operationId used twice', () => {
    const api = new ApiRouter().add({ ...spec, operationId: 'listThings' }, () => undefined);
    expect(() => api.add({ ...spec, path: '/other-things', operationId: 'listThings' }, () => undefined)).toThrow(/listThings of GET \/other-things is already used by GET \/things/);
  });

  it('refuses a 200 without a documented body', () => {
    expect(() => new ApiRouter().add({ ...spec, operationId: 'listThings', response: undefined }, () => undefined)).toThrow(/without a documented body/);
  });
});
