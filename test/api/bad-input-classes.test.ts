import net from 'node:net';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import request from 'supertest';
import { createApp } from '../../api/app.js';
import { answerClientError } from '../../api/http/client-error.js';
import { as, createTestApp, type TestApp } from '../support/context.js';
import { end, process as bpmnProcess, start, userTask } from '../integration/durable/models.js';
import { decisionXml } from '../dmn/table-xml.js';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; format?: string; enum?: unknown[]; const?: unknown; maximum?: number };
type Operation = { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: Array<{ name: string; in: string; schema: Schema }> };

const intake = bpmnProcess('intake', [start(), userTask('Check'), end()].join('\n'), [
  ['F1', 'Start', 'Check'],
  ['F2', 'Check', 'End'],
]);

const SAMPLE_PARAMS: Record<string, string> = { id: '00000000-0000-4000-8000-000000000000', code: 'X1', entity: 'matters', year: '2026', formId: 'form-1', key: 'general-service', seq: '1' };
const pathOf = (template: string) => `/api/v1${template.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x')}`;
const isType = (schema: Schema, type: string) => (Array.isArray(schema.type) ? schema.type.includes(type) : schema.type === type);

/** Every (operation, JSON body) pair of the published document: the classes are checked on all of them. */
function jsonOperations(document: { paths: Record<string, Record<string, Operation>> }) {
  const found: Array<{ method: string; path: string; template: string; body: Schema; operation: Operation }> = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const body = operation.requestBody?.content['application/json']?.schema;
      if (body) found.push({ method, path: pathOf(template), template, body, operation });
    }
  }
  return found;
}

describe('bad input as classes, on every operation: 4xx problem+json, nothing stored, server responsive', () => {
  let t: TestApp;
  let admin: string;
  let operations: ReturnType<typeof jsonOperations>;
  let document: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userToken({ id: 'admin-x', department: 'SCJGJ', roles: ['admin'] });
    await as(t.app, admin).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(intake).expect(201);
    document = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body;
    operations = jsonOperations(document);
  });
  afterAll(() => t.close());

  const send = (method: string, path: string) => (as(t.app, admin) as unknown as Record<string, (path: string) => request.Test>)[method](path);
  const expectProblem = (response: request.Response, where: string) => {
    if (response.status >= 500 || response.status < 400) throw new Error(`${where}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
    if (!/application\/problem\+json/.test(response.headers["content-type"])) throw new Error(`${where}: ${response.status} ${response.headers["content-type"]} ${response.text.slice(0, 200)}`);
    expect(response.body.titleZh).toEqual(expect.any(String));
  };

  test('the document has many JSON operations (the classes below run over all of them)', () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  test('a JSON route sent another content type, or a body without one, is a 415 problem', async () => {
    for (const { method, path, operation } of operations) {
      const accepted = Object.keys(operation.requestBody!.content);
      if (!accepted.includes('text/plain')) expectProblem(await send(method, path).set('Content-Type', 'text/plain').send('{"a":1}'), `${method} ${path} text/plain`);
      expectProblem(await send(method, path).set('Content-Type', 'application/x-www-form-urlencoded').send('a=1'), `${method} ${path} form`);
      const bare = await send(method, path).unset('Content-Type').send(Buffer.from('{"a":1}'));
      expectProblem(bare, `${method} ${path} no content type`);
      expect(bare.status).toBe(415);
    }
  });

  test('JSON nested thousands deep is a 400 naming the depth', async () => {
    const deep = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (const { method, path } of operations) {
      const response = await send(method, path).set('Content-Type', 'application/json').send(deep);
      expectProblem(response, `${method} ${path} deep`);
      expect(response.status).toBe(400);
      expect(response.body.type).toMatch(/nested-too-deep/);
    }
  });

  test('NUL, lone surrogates and control characters in any body string, property name, query value or path segment are 400 naming the place', async () => {
    const bad = ['a\\u0000b', 'a\\ud800b', 'a\\udc00', 'a\\u001b[31mb', 'bell\\u0007'];
    for (const { method, path, body } of operations) {
      for (const [name, property] of Object.entries(body.properties ?? {})) {
        if (!isType(property, 'string') && !isType(property, 'object')) continue;
        for (const text of bad) {
          const value = isType(property, 'string') ? `"${text}"` : `{"${text}":1}`;
          const response = await send(method, path).set('Content-Type', 'application/json').send(`{"${name}":${value}}`);
          expectProblem(response, `${method} ${path} ${name}=${text}`);
          expect(response.status).toBe(400);
          expect(response.body.errors[0].pointer.startsWith(`/body/${name}`)).toBe(true);
        }
      }
    }
    for (const [template, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const parameter of operation.parameters ?? []) {
          const target = parameter.in === 'path' ? pathOf(template.replace(`{${parameter.name}}`, 'a%00b')) : `${pathOf(template)}?${parameter.name}=a%00b`;
          expectProblem(await send(method, target).set('Content-Type', 'application/json').send('{}'), `${method} ${target}`);
        }
      }
    }
  });

  test('a body sent as any +json media type is checked against the schema as application/json is', async () => {
    // The JSON parser reads application/*+json too; the schema used to be skipped for them (500s, garbage stored).
    for (const { method, path } of operations) {
      for (const body of ['{"bogusFieldNobodyUses":1}', '{"bogusFieldNobodyUses":{"a":1},"name":{"a":1},"text":{"a":1},"processId":["x"]}']) {
        const plain = await send(method, path).set('Content-Type', 'application/json').send(body);
        expectProblem(plain, `${method} ${path} json`);
        for (const type of ['application/vnd.matterflow+json', 'application/merge-patch+json']) {
          const other = await send(method, path).set('Content-Type', type).send(body);
          expectProblem(other, `${method} ${path} ${type}`);
          // The same refusal, or 415 where the route reads only its own types (an import's file).
          if (other.status !== 415) expect(`${method} ${path} ${type} ${other.status}`).toBe(`${method} ${path} ${type} ${plain.status}`);
        }
      }
    }
  });

  test('a number no double holds (1e309) and the name __proto__ are 400 naming the place, never stored changed', async () => {
    for (const { method, path } of operations) {
      const huge = await send(method, path).set('Content-Type', 'application/json').send('{"variables":{"amount":1e309}}');
      expectProblem(huge, `${method} ${path} 1e309`);
      expect(huge.status).toBe(400);
      expect(huge.body).toMatchObject({ type: expect.stringMatching(/number-out-of-range/), errors: [{ pointer: '/body/variables/amount' }] });
      const proto = await send(method, path).set('Content-Type', 'application/json').send('{"variables":{"__proto__":{"admin":true}}}');
      expectProblem(proto, `${method} ${path} __proto__`);
      expect(proto.body).toMatchObject({ type: expect.stringMatching(/reserved-name/), errors: [{ pointer: '/body/variables/__proto__' }] });
    }
    const started = await as(t.app, admin).post('/api/v1/process-instances').send('{"processId":"intake","variables":{"big":-1e400}}').set('Content-Type', 'application/json');
    expect(started.status).toBe(400);
    const [{ count }] = await t.context.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM process_instances WHERE process_id = 'intake'`);
    expect(count).toBe(0);
  });

  test('an integer beyond its column or not in decimal digits, and a date with year 0 or past 9999, is a 400 naming the field, in every query', async () => {
    for (const [template, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const parameter of operation.parameters ?? []) {
          if (parameter.in !== 'query') continue;
          // 0x10 and 1e1 are numbers to Number() (Ajv's coercion), not decimal whole numbers.
          const values = isType(parameter.schema, 'integer') ? ['99999999999999999999', '-99999999999', '0x10', '1e1'] : parameter.schema.format === 'date' ? ['0000-01-01', '10000-01-01'] : parameter.schema.format === 'date-time' ? ['0000-01-01T00:00:00Z', '+300000-01-01T00:00:00Z'] : [];
          for (const value of values) {
            const response = await send(method, `${pathOf(template)}?${parameter.name}=${encodeURIComponent(value)}`);
            expectProblem(response, `${method} ${template}?${parameter.name}=${value}`);
            expect(response.status).toBe(400);
          }
        }
      }
    }
    for (const { method, path, body } of operations) {
      for (const [name, property] of Object.entries(body.properties ?? {})) {
        const value = isType(property, 'integer') ? '99999999999' : property.format === 'date' ? '"0000-01-01"' : property.format === 'date-time' ? '"0000-01-01T00:00:00Z"' : undefined;
        if (!value) continue;
        const response = await send(method, path).set('Content-Type', 'application/json').send(`{"${name}":${value}}`);
        expectProblem(response, `${method} ${path} ${name}=${value}`);
        expect(response.status).toBe(400);
      }
    }
  });

  test('a query parameter no operation reads is a 400 naming it, on every operation, with or without a declared query', async () => {
    for (const [template, methods] of Object.entries(document.paths)) {
      for (const method of Object.keys(methods)) {
        const response = await send(method, `${pathOf(template)}?bogusParameter=1`).set('Content-Type', 'application/json').send('{}');
        // Routes without a token check answer before any input is read (health, openapi): only the others count.
        if (response.status < 400 && /^\/(health|openapi)/.test(template)) continue;
        expectProblem(response, `${method} ${template}?bogusParameter`);
        expect(`${method} ${template} ${response.status}`).toBe(`${method} ${template} 400`);
        expect(JSON.stringify(response.body.errors)).toContain('bogusParameter');
      }
    }
  });

  test('a body that is not JSON says where, by line and column, in Chinese too; a bare JSON value says it must be an object', async () => {
    const broken = await as(t.app, admin).post('/api/v1/process-instances').set('Content-Type', 'application/json').send('{\n  "processId": "intake",\n}');
    expectProblem(broken, 'trailing comma');
    expect(broken.body.errors[0]).toMatchObject({ pointer: '/body', line: 3, column: 1, messageZh: 'JSON 语法错误（第 3 行第 1 列）' });
    const bare = await as(t.app, admin).post('/api/v1/process-instances').set('Content-Type', 'application/json').send('null');
    expectProblem(bare, 'null body');
    expect(bare.body).toMatchObject({ titleZh: '请求体必须是 JSON 对象', errors: [{ pointer: '/body' }] });
  });

  test('a forged page cursor is a 4xx naming the cursor on every list, never a failed cast in the database', async () => {
    // Shapes no list's key takes (a list keyed by text takes any text: those are positions, not forgeries).
    const encode = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const forged = [[1, 2, 3], ['x', 'y', 'z', 'w'], [{ a: 1 }], [], null].map(encode);
    let lists = 0;
    for (const [template, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const cursor = operation.parameters?.find((parameter) => parameter.name === 'cursor' && parameter.in === 'query');
        // A list keyed by a user id takes any id-shaped text as a position (its schema says which).
        if (!cursor || (cursor.schema as { pattern?: string }).pattern) continue;
        lists++;
        for (const value of forged) {
          const response = await send(method, `${pathOf(template)}?cursor=${value}`);
          if (response.status === 404 || response.status === 403) continue; // the sample path names nothing
          // 422 as for a damaged cursor (invalid-cursor), or 400 where the schema refuses it first.
          expectProblem(response, `${template} ${value}`);
          expect(`${template} ${value} ${[400, 422].includes(response.status)}`).toBe(`${template} ${value} true`);
          expect(JSON.stringify(response.body)).toMatch(/cursor/);
        }
      }
    }
    expect(lists).toBeGreaterThan(10);
    // Parts of the right number but not of their columns' types: a date and a uuid that are neither.
    for (const path of ['/api/v1/process-instances', '/api/v1/sla/supervisions', '/api/v1/user-tasks']) {
      const key = path.endsWith('user-tasks') ? [0, 'not-a-date', 'not-a-date', 'not-a-uuid'] : ['not-a-date', "'; drop"];
      const response = await send('get', `${path}?cursor=${encode(key)}`);
      expectProblem(response, path);
      expect(response.body.errors[0]).toMatchObject({ code: 'invalid-cursor' });
    }
  });

  test('tab and line ends are text: a start with them in its variables is stored as sent', async () => {
    const started = await as(t.app, admin).post('/api/v1/process-instances').set('Content-Type', 'application/json').send('{"processId":"intake","variables":{"note":"第一行\\n\\t第二行\\r\\n"}}');
    expect(started.status).toBe(201);
    expect(started.body.variables.note).toBe('第一行\n\t第二行\r\n');
  });

  test('a start with a NUL in its business key or variables stores nothing', async () => {
    const count = async () => (await as(t.app, admin).get('/api/v1/process-instances?processId=intake').expect(200)).body.items.length;
    const before = await count();
    for (const body of [
      '{"processId":"intake","businessKey":"SQ\\u0000-1"}',
      '{"processId":"intake","businessKey":"SQ-\\ud83d"}',
      '{"processId":"intake","variables":{"name\\u0000":"x"}}',
      '{"processId":"intake","variables":{"applicant":{"name":"张\\u0000三"}}}',
      '{"processId":"intake","variables":{"note":"\\udfff"}}',
      '{"processId":"intake","version":99999999999}',
    ]) {
      const response = await as(t.app, admin).post('/api/v1/process-instances').set('Content-Type', 'application/json').send(body);
      expectProblem(response, body);
      expect(response.status).toBe(400);
    }
    for (const body of ['{"name":"paid\\u0000","correlationKey":"k"}', '{"name":"ok","correlationKey":"k\\ud800"}']) {
      expectProblem(await as(t.app, admin).post('/api/v1/messages').set('Content-Type', 'application/json').send(body), body);
    }
    expectProblem(await as(t.app, admin).post('/api/v1/signals').set('Content-Type', 'application/json').send('{"name":"s\\u0000"}'), 'signal');
    expect(await count()).toBe(before);
    // Well-formed text outside the BMP (a surrogate pair) is fine.
    await as(t.app, admin).post('/api/v1/process-instances').send({ processId: 'intake', businessKey: 'SQ-😀', variables: { note: '𠀀' } }).expect(201);
  });

  test('a BPMN body with a NUL is refused with its line', async () => {
    const response = await as(t.app, admin).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(intake.replace('name="Check"', 'name="Ch\u0000eck"'));
    expectProblem(response, 'xml with NUL');
    expect(response.body.errors[0].line).toBeGreaterThan(1);
    // The same characters as references: they deployed, and then no case of the process could ever start.
    for (const reference of ['&#0;', '&#x1b;', '&#xD800;']) {
      const referenced = await as(t.app, admin).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(intake.replace('name="Check"', `name="Ch${reference}eck"`));
      expect(`${reference} ${referenced.status}`).toBe(`${reference} 422`);
      expect(referenced.body.errors[0]).toMatchObject({ code: 'xml.character', line: expect.any(Number), messageZh: expect.stringContaining('不允许') });
    }
  });

  test('a deployment with thousands of nested subprocesses is a 422 naming the element, and the server answers at once', async () => {
    let inner = '<bpmn:startEvent id="s0"/>';
    for (let level = 3000; level >= 1; level--) inner = `<bpmn:startEvent id="s${level}"/><bpmn:subProcess id="sp${level}">${inner}</bpmn:subProcess><bpmn:sequenceFlow id="f${level}" sourceRef="s${level}" targetRef="sp${level}"/>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D" targetNamespace="t"><bpmn:process id="deep" isExecutable="true">${inner}</bpmn:process></bpmn:definitions>`;
    const response = await as(t.app, admin).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(xml);
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ code: 'bpmn.nestedTooDeep', elementId: 'sp33', messageZh: expect.stringMatching(/嵌套超过 32 层/) });
    const json = await as(t.app, admin).post('/api/v1/deployments').send({ xml: `<?xml version="1.0"?>${'<a>'.repeat(1000)}${'</a>'.repeat(1000)}` });
    expect(json.status).toBe(422);
    expect(json.body.errors[0].code).toBe('xml.nestedTooDeep');
    await request(t.app).get('/api/v1/health').expect(200);
  });

  test('an id longer than a request may name is a 422 naming it, in a process and in a decision, never a 500', async () => {
    // Random letters do not compress: PostgreSQL's index refused such an id with a 500 once past about 2,700 bytes.
    const long = Array.from({ length: 3000 }, (_, index) => String.fromCharCode(97 + ((index * 7919) % 26))).join('');
    const bpmn = await as(t.app, admin).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(intake.replace('id="intake"', `id="p${long}"`));
    expect(bpmn.status).toBe(422);
    expect(bpmn.body.errors[0]).toMatchObject({ code: 'element.idTooLong', messageZh: expect.stringMatching(/最多 200 个字符/) });
    const task = await as(t.app, admin).post('/api/v1/deployments').set('Content-Type', 'application/xml').send(intake.replace(/"Check"/g, `"C${'x'.repeat(250)}"`));
    expect(task.status).toBe(422);
    const dmn = decisionXml({ decisionId: `d${long}`, name: '长', hitPolicy: 'UNIQUE', inputs: [{ label: 'a', expression: 'a' }], outputs: [{ name: 'b' }], rules: [[['-'], ['1']]] });
    const decision = await as(t.app, admin).post('/api/v1/deployments').send({ decisions: [dmn] });
    expect(decision.status).toBe(422);
    expect(JSON.stringify(decision.body.errors)).toMatch(/at most 200/);
  });

  test('a body without a content type or with none at all reads as {} on a route that needs nothing', async () => {
    const started = await as(t.app, admin).post('/api/v1/process-instances').send({ processId: 'intake' }).expect(201);
    const [task] = (await as(t.app, admin).get(`/api/v1/user-tasks?processInstanceId=${started.body.id}`).expect(200)).body.items;
    await as(t.app, admin).post(`/api/v1/user-tasks/${task.id}/claim`).expect(200);
  });
});

describe('the connection after an early 413', () => {
  let t: TestApp;
  let server: http.Server;
  let port: number;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.userToken({ id: 'editor', department: 'ZSJ', roles: ['admin'] });
    server = http.createServer(t.app);
    server.on('clientError', answerClientError); // as api/server.ts does
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.close();
  });

  /** Writes raw HTTP on one connection and collects every answer until the server closes it or goes quiet. */
  function exchange(chunks: Array<string | Buffer>): Promise<{ text: string; closedByServer: boolean; reset: boolean }> {
    return new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      const received: Buffer[] = [];
      let text = '';
      let reset = false;
      let closedByServer = false;
      let quiet: NodeJS.Timeout;
      const finish = () => {
        socket.destroy();
        resolve({ text, closedByServer, reset });
      };
      const arm = () => {
        clearTimeout(quiet);
        quiet = setTimeout(finish, 1500);
      };
      socket.on('data', (data) => {
        received.push(data);
        text = Buffer.concat(received).toString('utf8');
        arm();
      });
      socket.on('error', () => (reset = true));
      socket.on('end', () => {
        closedByServer = true;
        clearTimeout(quiet);
        finish();
      });
      socket.on('connect', async () => {
        for (const chunk of chunks) await new Promise<void>((done) => socket.write(chunk, () => done()));
        arm();
      });
    });
  }

  const answers = (text: string) => [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => Number(match[1]));

  test('a URL past 16 KB, or a request that is not HTTP, is a problem+json saying so, not an empty answer', async () => {
    const long = await exchange([`GET /api/v1/process-instances?businessKey=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`]);
    expect(answers(long.text)).toEqual([431]);
    expect(long.text).toContain('application/problem+json');
    expect(long.text).toContain('请求地址或请求头过长');
    const garbage = await exchange(['NOT HTTP AT ALL\r\n\r\n']);
    expect(answers(garbage.text)).toEqual([400]);
    expect(garbage.text).toContain('请求不是合法的 HTTP 请求');
  });

  test('an oversized JSON body is refused before it is read, and the next request on the connection is answered', async () => {
    const body = Buffer.alloc(2 * 1024 * 1024, 'a');
    const result = await exchange([
      `POST /api/v1/process-instances HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
      `GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n`,
    ]);
    expect(result.reset).toBe(false);
    expect(answers(result.text)).toEqual([413, 200]);
    expect(result.text).toContain('请求体超过大小限制');
  });

  test('an oversized import file is refused and the connection still answers (or is closed cleanly)', async () => {
    const body = Buffer.alloc(21 * 1024 * 1024, 'a');
    const result = await exchange([
      `POST /api/v1/catalog/import/matters HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/csv\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
      `GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n`,
    ]);
    expect(result.reset).toBe(false);
    expect(answers(result.text)[0]).toBe(413);
    expect(answers(result.text).length === 2 || result.closedByServer).toBe(true);
  });

  test('a chunked body that grows past the limit is refused the same way', async () => {
    const piece = Buffer.alloc(256 * 1024, 'a');
    const chunks: Array<string | Buffer> = [`POST /api/v1/catalog/import/matters HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n`];
    for (let index = 0; index < 90; index++) chunks.push(`${piece.length.toString(16)}\r\n`, piece, '\r\n');
    chunks.push('0\r\n\r\n', `GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n`);
    const result = await exchange(chunks);
    expect(result.reset).toBe(false);
    expect(answers(result.text)).toEqual([413, 200]);
  });
});

describe('safe defaults', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  test('security headers on API answers, problems and the designer page', async () => {
    for (const path of ['/api/v1/health', '/api/v1/nothing', '/', '/inbox']) {
      const response = await request(t.app).get(path);
      expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'self'/);
      expect(response.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(response.headers['referrer-policy']).toBe('same-origin');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
  });

  test('answers are compressed for clients that accept it, and sent as they are to the others', async () => {
    const gzipped = await request(t.app).get('/api/v1/openapi.json').set('Accept-Encoding', 'gzip');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(gzipped.body.openapi).toMatch(/^3\./);
    const plain = await request(t.app).get('/api/v1/openapi.json').set('Accept-Encoding', 'identity');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(gzipped.body);
    expect(plain.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });

  test('failed authentication is rate limited per address; requests with good tokens never are', async () => {
    const app = createApp(t.context, { authFailureLimit: { maxFailures: 5, windowMs: 60_000 } });
    const good = await t.userToken({ id: 'busy', department: 'SCJGJ', roles: ['staff'] });
    // Many requests with a good token, concurrently: none is limited.
    const many = await Promise.all(Array.from({ length: 60 }, () => request(app).get('/api/v1/me').set('Authorization', `Bearer ${good}`)));
    expect(many.every((response) => response.status === 200)).toBe(true);
    // Requests without a token guess nothing and do not count.
    for (let attempt = 0; attempt < 10; attempt++) await request(app).get('/api/v1/me').expect(401);
    await request(app).get('/api/v1/me').set('Authorization', `Bearer ${good}`).expect(200);
    for (let attempt = 0; attempt < 5; attempt++) await request(app).get('/api/v1/me').set('Authorization', `Bearer guess-${attempt}`).expect(401);
    const limited = await request(app).get('/api/v1/me').set('Authorization', 'Bearer guess-6').expect(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body.titleZh).toMatch(/失败次数过多/);
    // From that address every attempt with a token waits out the window; the health check without one does not.
    await request(app).get('/api/v1/me').set('Authorization', `Bearer ${good}`).expect(429);
    await request(app).get('/api/v1/health').expect(200);
  });

  test('liveness and readiness', async () => {
    await request(t.app).get('/api/v1/health/live').expect(200, { status: 'alive' });
    await request(t.app).get('/api/v1/health/ready').expect(200);
    t.context.readiness.ready = false;
    try {
      const starting = await request(t.app).get('/api/v1/health').expect(503);
      expect(starting.body.status).toBe('starting');
      await request(t.app).get('/api/v1/health/live').expect(200);
    } finally {
      t.context.readiness.ready = true;
    }
  });
});
