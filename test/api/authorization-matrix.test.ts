import request from 'supertest';
import { as, createTestApp, type TestApp } from '../support/context.js';

/**
 * The authorization matrix (D10): every endpoint of the OpenAPI document is classified; each one that
 * touches a case is tried by seven people against one 12345 ticket, and the outcome of every cell is
 * checked, with two more rules: a refusal carries none of the case's data, and changes nothing.
 *
 * The ticket: owned by the hotline (RX12345), region 虎门镇, its current step 签收处置 routed to
 * 公安局 in 虎门 (post 承办人员).
 */
const NOISE = '4419R050201000';
const HUMEN = '441900121';

type Persona = 'own' | 'participating' | 'otherDepartment' | 'otherTown' | 'wrongPost' | 'supervisor' | 'admin';
const PERSONAS: Persona[] = ['own', 'participating', 'otherDepartment', 'otherTown', 'wrongPost', 'supervisor', 'admin'];
const USERS: Record<Persona, { id: string; department: string; regionCode?: string; roles: string[]; groups?: string[] }> = {
  own: { id: 'm.own', department: 'RX12345', roles: ['staff', 'integrator', 'designer'], groups: ['热线受理', '热线派单', '热线回访'] },
  participating: { id: 'm.gaj.hm', department: 'GAJ', regionCode: HUMEN, roles: ['staff', 'integrator', 'designer'], groups: ['承办人员'] },
  otherDepartment: { id: 'm.zjj', department: 'ZJJ', roles: ['staff', 'integrator', 'designer'], groups: ['承办人员'] },
  otherTown: { id: 'm.gaj.dc', department: 'GAJ', regionCode: '441900003', roles: ['staff', 'integrator', 'designer'], groups: ['承办人员'] },
  wrongPost: { id: 'm.gaj.hm.clerk', department: 'GAJ', regionCode: HUMEN, roles: ['staff', 'integrator', 'designer'], groups: ['受理窗口'] },
  supervisor: { id: 'm.zsj', department: 'ZSJ', roles: ['supervisor', 'staff'], groups: ['督办'] },
  admin: { id: 'm.root', department: 'ZSJ', roles: ['admin'] },
};

/** What a cell expects: read (200 with the case), hidden (404, or an empty list), refused (403), or a status. */
type Outcome = 'read' | 'hidden' | 'refused' | number;

interface CaseEndpoint {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI path, with {id} the case (or the task, or the incident) as the route names it. */
  path: string;
  url: (ids: Ids) => string;
  body?: Record<string, unknown> | Buffer;
  /** The body's media type when it is not JSON (an attachment's bytes). */
  contentType?: string;
  /** A list filtered by the case: a refusal is an empty list rather than a 404. */
  list?: boolean;
  /** For 'read' cells: the status a reader gets (200 unless the resource legitimately has nothing yet) and the list may be empty. */
  readStatus?: number;
  mayBeEmpty?: boolean;
  /** Whether a successful call changes the case (so it is tried only where the expectation is a refusal). */
  changes?: boolean;
  expect: Record<Persona, Outcome>;
}

interface Ids {
  caseId: string;
  taskId: string;
  businessKey: string;
}

const READ_ALL: Record<Persona, Outcome> = { own: 'read', participating: 'read', otherDepartment: 'hidden', otherTown: 'hidden', wrongPost: 'read', supervisor: 'read', admin: 'read' };
// Changing the case is for its owner (and an administrator); those who only read it are refused, the others see nothing.
const OWNER_ONLY: Record<Persona, Outcome> = { own: 200, participating: 'refused', otherDepartment: 'hidden', otherTown: 'hidden', wrongPost: 'refused', supervisor: 'refused', admin: 200 };
// Acting on 签收处置: 公安局's 虎门 officers holding the post.
const TASK_ACT: Record<Persona, Outcome> = { own: 'refused', participating: 200, otherDepartment: 'hidden', otherTown: 'hidden', wrongPost: 'refused', supervisor: 'refused', admin: 'refused' };

const CASE_ENDPOINTS: CaseEndpoint[] = [
  { method: 'get', path: '/process-instances/{id}', url: (i) => `/api/v1/process-instances/${i.caseId}`, expect: READ_ALL },
  { method: 'get', path: '/process-instances/{id}/history', url: (i) => `/api/v1/process-instances/${i.caseId}/history`, expect: READ_ALL },
  { method: 'get', path: '/process-instances/{id}/children', url: (i) => `/api/v1/process-instances/${i.caseId}/children`, expect: READ_ALL },
  { method: 'get', path: '/process-instances/{id}/sla', url: (i) => `/api/v1/process-instances/${i.caseId}/sla`, expect: READ_ALL },
  // Not evaluated yet: readers are told so (404 with its own title); the others see no case at all.
  { method: 'get', path: '/process-instances/{id}/evaluation', url: (i) => `/api/v1/process-instances/${i.caseId}/evaluation`, readStatus: 404, expect: READ_ALL },
  { method: 'get', path: '/process-instances', url: (i) => `/api/v1/process-instances?businessKey=${i.businessKey}`, list: true, expect: READ_ALL },
  { method: 'get', path: '/user-tasks', url: (i) => `/api/v1/user-tasks?processInstanceId=${i.caseId}`, list: true, expect: READ_ALL },
  { method: 'get', path: '/incidents', url: (i) => `/api/v1/incidents?processInstanceId=${i.caseId}`, list: true, mayBeEmpty: true, expect: READ_ALL },
  { method: 'get', path: '/sla/clocks', url: () => '/api/v1/sla/clocks?subject=case', list: true, expect: READ_ALL },
  { method: 'get', path: '/sla/supervisions', url: (i) => `/api/v1/sla/supervisions?processInstanceId=${i.caseId}`, list: true, mayBeEmpty: true, expect: READ_ALL },
  { method: 'get', path: '/matters/{code}/cases', url: () => `/api/v1/matters/${NOISE}/cases`, list: true, expect: READ_ALL },
  { method: 'get', path: '/user-tasks/{id}', url: (i) => `/api/v1/user-tasks/${i.taskId}`, expect: READ_ALL },
  // 签收处置 links no form: readers are told so (404 with its own title); the others see no task at all.
  { method: 'get', path: '/user-tasks/{id}/form', url: (i) => `/api/v1/user-tasks/${i.taskId}/form`, readStatus: 404, expect: READ_ALL },
  { method: 'get', path: '/user-tasks/{id}/sla', url: (i) => `/api/v1/user-tasks/${i.taskId}/sla`, expect: READ_ALL },
  { method: 'post', path: '/user-tasks/{id}/unclaim', url: (i) => `/api/v1/user-tasks/${i.taskId}/unclaim`, body: {}, changes: true, expect: TASK_ACT },
  { method: 'post', path: '/user-tasks/{id}/complete', url: (i) => `/api/v1/user-tasks/${i.taskId}/complete`, body: { variables: { result: 'x' } }, changes: true, expect: TASK_ACT },
  { method: 'post', path: '/user-tasks/{id}/claim', url: (i) => `/api/v1/user-tasks/${i.taskId}/claim`, body: {}, changes: true, expect: TASK_ACT },
  { method: 'post', path: '/process-instances/{id}/cancel', url: (i) => `/api/v1/process-instances/${i.caseId}/cancel`, body: { reason: '矩阵测试：终止' }, changes: true, expect: OWNER_ONLY },
  { method: 'post', path: '/process-instances/{id}/suspend', url: (i) => `/api/v1/process-instances/${i.caseId}/suspend`, body: { reason: '矩阵测试：挂起' }, changes: true, expect: OWNER_ONLY },
  // Past the access check, resuming what is not suspended (or paused) is a conflict.
  { method: 'post', path: '/process-instances/{id}/resume', url: (i) => `/api/v1/process-instances/${i.caseId}/resume`, body: { reason: '矩阵测试：恢复' }, changes: true, expect: { ...OWNER_ONLY, own: 409, admin: 409 } },
  { method: 'post', path: '/process-instances/{id}/variables', url: (i) => `/api/v1/process-instances/${i.caseId}/variables`, body: { variables: { tampered: true } }, changes: true, expect: OWNER_ONLY },
  { method: 'post', path: '/process-instances/{id}/modification', url: (i) => `/api/v1/process-instances/${i.caseId}/modification`, body: { activate: [{ elementId: 'Task_Visit' }] }, changes: true, expect: OWNER_ONLY },
  { method: 'post', path: '/process-instances/{id}/sla/pause', url: (i) => `/api/v1/process-instances/${i.caseId}/sla/pause`, body: { kind: '补正', reason: '试探' }, changes: true, expect: OWNER_ONLY },
  { method: 'post', path: '/process-instances/{id}/sla/resume', url: (i) => `/api/v1/process-instances/${i.caseId}/sla/resume`, body: { reason: '试探' }, changes: true, expect: { ...OWNER_ONLY, own: 409, admin: 409 } },
  // The 12345 profile's extension is granted by the post 延期审核: the owner's dispatcher holds none and is
  // refused (and files a 延期申请 instead); an administrator grants it.
  { method: 'post', path: '/process-instances/{id}/sla/extensions', url: (i) => `/api/v1/process-instances/${i.caseId}/sla/extensions`, body: { duration: 'P5D', reason: '试探' }, changes: true, expect: { ...OWNER_ONLY, own: 'refused', admin: 201 } },
  // The owner may record an evaluation, but not of a case still running (409).
  { method: 'post', path: '/process-instances/{id}/evaluation', url: (i) => `/api/v1/process-instances/${i.caseId}/evaluation`, body: { result: '满意' }, changes: true, expect: { ...OWNER_ONLY, own: 409, admin: 409 } },
  {
    method: 'post',
    path: '/process-instances/{id}/supervision',
    url: (i) => `/api/v1/process-instances/${i.caseId}/supervision`,
    body: { reason: '试探督办' },
    changes: true,
    expect: { own: 'refused', participating: 'refused', otherDepartment: 'refused', otherTown: 'refused', wrongPost: 'refused', supervisor: 201, admin: 'refused' },
  },
];

// Operations on 签收处置 that only those who may act on it may do; the others read it or see nothing.
const TASK_OPERATION: Record<Persona, Outcome> = TASK_ACT;
// Reading-level operations on a case: whoever may read it (urge, copy); the rest see nothing.
const READERS_ACT = (status: number): Record<Persona, Outcome> => ({ own: status, participating: status, otherDepartment: 'hidden', otherTown: 'hidden', wrongPost: status, supervisor: status, admin: status });
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

CASE_ENDPOINTS.push(
  { method: 'get', path: '/process-instances/{id}/opinions', url: (i) => `/api/v1/process-instances/${i.caseId}/opinions`, expect: READ_ALL },
  { method: 'get', path: '/process-instances/{id}/attachments', url: (i) => `/api/v1/process-instances/${i.caseId}/attachments`, expect: READ_ALL },
  { method: 'get', path: '/process-instances/{id}/extension-requests', url: (i) => `/api/v1/process-instances/${i.caseId}/extension-requests`, expect: READ_ALL },
  // Listing where the case may go back to is for those who may send it there.
  { method: 'get', path: '/user-tasks/{id}/return-targets', url: (i) => `/api/v1/user-tasks/${i.taskId}/return-targets`, expect: TASK_ACT },
  { method: 'post', path: '/user-tasks/{id}/return', url: (i) => `/api/v1/user-tasks/${i.taskId}/return`, body: { targetElementId: 'Task_Dispatch', reason: '派错单位，请重新派单' }, changes: true, expect: TASK_OPERATION },
  { method: 'post', path: '/user-tasks/{id}/supplement-request', url: (i) => `/api/v1/user-tasks/${i.taskId}/supplement-request`, body: { reason: '请补充现场照片' }, changes: true, expect: TASK_OPERATION },
  { method: 'post', path: '/user-tasks/{id}/transfer', url: (i) => `/api/v1/user-tasks/${i.taskId}/transfer`, body: { toPost: '承办人员', reason: '转岗位' }, changes: true, expect: TASK_OPERATION },
  { method: 'post', path: '/user-tasks/{id}/reassign', url: (i) => `/api/v1/user-tasks/${i.taskId}/reassign`, body: { department: 'CGJ', reason: '属城管职责' }, changes: true, expect: TASK_OPERATION },
  { method: 'post', path: '/user-tasks/{id}/send-back', url: (i) => `/api/v1/user-tasks/${i.taskId}/send-back`, body: { reason: '不属本单位职责' }, changes: true, expect: TASK_OPERATION },
  { method: 'post', path: '/user-tasks/{id}/delegate', url: (i) => `/api/v1/user-tasks/${i.taskId}/delegate`, body: { to: 'm.gaj.hm.2', reason: '请同事代办' }, changes: true, expect: TASK_OPERATION },
  { method: 'post', path: '/user-tasks/{id}/signers', url: (i) => `/api/v1/user-tasks/${i.taskId}/signers`, body: { position: 'after', user: 'm.gaj.hm.2', reason: '请同事会签' }, changes: true, expect: TASK_OPERATION },
  // Past the access check, a signer who is not queued is refused by what the body says (422).
  { method: 'post', path: '/user-tasks/{id}/signers/remove', url: (i) => `/api/v1/user-tasks/${i.taskId}/signers/remove`, body: { user: 'nobody', reason: '减签' }, changes: true, expect: { ...TASK_ACT, participating: 422 } },
  // Only the completer of a step takes it back: for an open step every reader is refused.
  { method: 'post', path: '/user-tasks/{id}/withdraw', url: (i) => `/api/v1/user-tasks/${i.taskId}/withdraw`, body: { reason: '撤回' }, changes: true, expect: { ...TASK_ACT, participating: 'refused' } },
  // Resubmitting is for the applicant's channel and the case's readers; this step waits for nobody (409).
  { method: 'post', path: '/user-tasks/{id}/supplement', url: (i) => `/api/v1/user-tasks/${i.taskId}/supplement`, body: { note: '补正' }, changes: true, expect: { ...READERS_ACT(409), supervisor: 'refused' } },
  { method: 'post', path: '/user-tasks/{id}/urge', url: (i) => `/api/v1/user-tasks/${i.taskId}/urge`, body: { message: '请加快' }, changes: true, expect: READERS_ACT(200) },
  { method: 'post', path: '/process-instances/{id}/cc', url: (i) => `/api/v1/process-instances/${i.caseId}/cc`, body: { users: ['m.zjj'], reason: '请知悉' }, changes: true, expect: READERS_ACT(200) },
  // Personal data in clear (ID, phone) is for staff of the departments working the case; supervisors read it masked.
  { method: 'post', path: '/process-instances/{id}/personal-data/reveal', url: (i) => `/api/v1/process-instances/${i.caseId}/personal-data/reveal`, body: { path: 'applicant.phone' }, changes: true, expect: { own: 200, participating: 200, otherDepartment: 'hidden', otherTown: 'hidden', wrongPost: 200, supervisor: 'refused', admin: 'refused' } },
  { method: 'post', path: '/process-instances/{id}/attachments', url: (i) => `/api/v1/process-instances/${i.caseId}/attachments?name=photo.png&kind=before`, body: PNG, contentType: 'image/png', changes: true, expect: READERS_ACT(201) },
  // 民意速办: the dispatch record, 整改 and intake are read like the case (this ticket came in by the matter's own
  // endpoint, so it has no intake record: readers are told so with a 404 of its own); merging is the owner's
  // intake post's (热线受理, which own holds; the post itself is tried in 'the intake post' below).
  { method: 'get', path: '/process-instances/{id}/dispatches', url: (i) => `/api/v1/process-instances/${i.caseId}/dispatches`, expect: READ_ALL },
  { method: 'get', path: '/process-instances/{id}/rectifications', url: (i) => `/api/v1/process-instances/${i.caseId}/rectifications`, expect: READ_ALL },
  { method: 'get', path: '/process-instances/{id}/intake', url: (i) => `/api/v1/process-instances/${i.caseId}/intake`, readStatus: 404, expect: READ_ALL },
  { method: 'post', path: '/process-instances/{id}/merge', url: (i) => `/api/v1/process-instances/${i.caseId}/merge`, body: { masterId: '00000000-0000-4000-8000-000000000001', reason: '矩阵测试：合并' }, changes: true, expect: { ...OWNER_ONLY, own: 422, admin: 422 } },
  // Dispatching is for those who may act on the step, and only on a dispatch step: 签收处置 is none (409).
  { method: 'post', path: '/user-tasks/{id}/dispatch', url: (i) => `/api/v1/user-tasks/${i.taskId}/dispatch`, body: {}, changes: true, expect: { ...TASK_ACT, participating: 409 } },
  // 快处快裁: the decisions are read like the case; deciding is the owner's command centre's, and nothing is disputed here (409);
  // contesting the assignment is for the unit that may act on the step.
  { method: 'get', path: '/process-instances/{id}/quick-rulings', url: (i) => `/api/v1/process-instances/${i.caseId}/quick-rulings`, expect: READ_ALL },
  { method: 'post', path: '/process-instances/{id}/quick-ruling', url: (i) => `/api/v1/process-instances/${i.caseId}/quick-ruling`, body: { unit: 'GAJ-441900121', reason: '矩阵测试：裁定' }, changes: true, expect: { ...OWNER_ONLY, own: 409, admin: 409 } },
  { method: 'post', path: '/user-tasks/{id}/contest', url: (i) => `/api/v1/user-tasks/${i.taskId}/contest`, body: { reason: '矩阵测试：异议' }, changes: true, expect: TASK_ACT },
  // A supervisor reads the case but does not work it, so asks for no extension.
  { method: 'post', path: '/process-instances/{id}/extension-requests', url: (i) => `/api/v1/process-instances/${i.caseId}/extension-requests`, body: { duration: 'P5D', reason: '需现场复核' }, changes: true, expect: { ...READERS_ACT(201), supervisor: 'refused' } },
);

/**
 * Case-scoped paths tested elsewhere, with why: not addressed by the case or its open task here.
 */
const ELSEWHERE = new Set([
  'POST /process-instances/{id}/migration', // refused by role to staff; owner-only like modification (test/api/operations.test.ts)
]);

/**
 * Every other endpoint is not about one case: public ones answer without a token, the rest need one
 * (department isolation of their own rows is tested with each resource).
 */
const PUBLIC = new Set(['GET /health', 'GET /health/ready', 'GET /health/live', 'GET /openapi.json', 'GET /sla/profiles']);

/** A body as text without the problem's `instance` (the caller's own URL, echoed back as RFC 9457 asks). */
function withoutEcho(body: unknown): string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return JSON.stringify(body);
  const { instance: _echo, ...rest } = body as Record<string, unknown>;
  return JSON.stringify(rest);
}

describe('authorization matrix: every endpoint × own, participating, other department, other town, wrong post, supervisor, admin', () => {
  let t: TestApp;
  const tokens = {} as Record<Persona, string>;
  let ids: Ids;
  let portal: string;
  let paths: Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    for (const persona of PERSONAS) tokens[persona] = await t.userToken(USERS[persona]);
    // A colleague of the participating officer, to hand the task to (委托, 加签).
    await t.userToken({ id: 'm.gaj.hm.2', department: 'GAJ', regionCode: HUMEN, roles: ['staff'], groups: ['承办人员'] });
    portal = await t.userToken({ id: 'm.portal', department: 'RX12345', roles: ['integrator'] });
    ids = await newTicket('MATRIX-0001');
    paths = (await request(t.app).get('/api/v1/openapi.json')).body.paths;
  });
  afterAll(() => t.close());

  async function newTicket(businessKey: string): Promise<Ids> {
    const started = await as(t.app, portal).post(`/api/v1/matters/${NOISE}/cases`).send({ regionCode: HUMEN, businessKey, applicant: { name: '矩阵测试人', phone: '13900000000' } });
    expect(started.status).toBe(201);
    const caseId = started.body.instance.id as string;
    const [dispatch] = (await as(t.app, tokens.own).get(`/api/v1/user-tasks?processInstanceId=${caseId}`)).body.items;
    expect((await as(t.app, tokens.own).post(`/api/v1/user-tasks/${dispatch.id}/complete`).send({})).status).toBe(200);
    const [handle] = (await as(t.app, tokens.own).get(`/api/v1/user-tasks?processInstanceId=${caseId}`)).body.items;
    expect(handle).toMatchObject({ name: '签收处置', department: 'GAJ', regionCode: HUMEN });
    return { caseId, taskId: handle.id, businessKey };
  }

  const snapshot = async (caseId: string) => {
    const instance = (await as(t.app, tokens.admin).get(`/api/v1/process-instances/${caseId}`)).body;
    const history = (await as(t.app, tokens.admin).get(`/api/v1/process-instances/${caseId}/history`)).body.items;
    const tasks = (await as(t.app, tokens.admin).get(`/api/v1/user-tasks?processInstanceId=${caseId}`)).body.items;
    const sla = (await as(t.app, tokens.admin).get(`/api/v1/process-instances/${caseId}/sla`)).body;
    // The clocks as stored, not as read now: a running clock's consumed and remaining time move with the clock on the wall
    // (the ticket's 24-hour response clock runs from 派单 until 签收, in hours).
    const clocks = sla.case.map((clock: Record<string, unknown>) => [clock.id, clock.kind, clock.state, clock.level, clock.dueAt, clock.stoppedAt, clock.pauses, clock.extensions, clock.escalationLevel]);
    return JSON.stringify({ status: instance.status, variables: instance.variables, history: history.length, tasks: tasks.map((task: { id: string; assignee: string | null; state: string }) => [task.id, task.assignee, task.state]), sla: clocks });
  };

  test('every endpoint of the OpenAPI document is classified', () => {
    const all = Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    const byCase = new Set(CASE_ENDPOINTS.map((endpoint) => `${endpoint.method.toUpperCase()} ${endpoint.path}`));
    for (const endpoint of CASE_ENDPOINTS) expect(all).toContain(`${endpoint.method.toUpperCase()} ${endpoint.path}`);
    expect(all.length).toBeGreaterThan(90);
    // Every endpoint addressed by a case or a task is in the matrix (or named, with why, as tested elsewhere).
    const caseScoped = all.filter((key) => /^\w+ \/(process-instances|user-tasks)\/\{id\}/.test(key));
    expect(caseScoped.filter((key) => !byCase.has(key) && !ELSEWHERE.has(key))).toEqual([]);
    // The rest need a token unless public.
    expect(all.filter((key) => !byCase.has(key) && PUBLIC.has(key)).sort()).toEqual([...PUBLIC].filter((key) => all.includes(key)).sort());
  });

  test('without a token, every endpoint but the public ones answers 401 and writes nothing', async () => {
    const before = await snapshot(ids.caseId);
    for (const [path, operations] of Object.entries(paths)) {
      for (const method of Object.keys(operations)) {
        if (PUBLIC.has(`${method.toUpperCase()} ${path}`)) continue;
        const url = `/api/v1${path.replace(/\{id\}/g, ids.caseId).replace(/\{[^}]+\}/g, 'X')}`;
        const response = await (request(t.app) as unknown as Record<string, (url: string) => request.Test>)[method](url).send({});
        expect({ endpoint: `${method.toUpperCase()} ${path}`, status: response.status }).toEqual({ endpoint: `${method.toUpperCase()} ${path}`, status: 401 });
        expect(withoutEcho(response.body)).not.toContain(ids.caseId);
      }
    }
    expect(await snapshot(ids.caseId)).toBe(before);
  });

  for (const endpoint of CASE_ENDPOINTS) {
    test(`${endpoint.method.toUpperCase()} ${endpoint.path}`, async () => {
      for (const persona of PERSONAS) {
        const expected = endpoint.expect[persona];
        const allowed = typeof expected === 'number' && expected < 300;
        // A change that is allowed runs on a ticket of its own, so the shared one stays as it was.
        const target = allowed && endpoint.changes ? await newTicket(`MATRIX-${persona}-${endpoint.method}-${endpoint.path.replace(/\W/g, '')}`) : ids;
        const before = await snapshot(target.caseId);
        const call = as(t.app, tokens[persona])[endpoint.method](endpoint.url(target));
        if (endpoint.contentType) call.set('Content-Type', endpoint.contentType);
        const response = endpoint.body ? await call.send(endpoint.body) : await call;
        const cell = `${endpoint.method.toUpperCase()} ${endpoint.path} as ${persona}`;
        const body = withoutEcho(response.body);
        // Anything of the case the caller did not send themselves is a leak in a refusal.
        const url = endpoint.url(target);
        const leaked = ['矩阵测试人', '13900000000', target.businessKey, target.caseId, target.taskId].some((secret) => !url.includes(secret) && body.includes(secret));
        if (expected === 'read') {
          expect({ cell, status: response.status }).toEqual({ cell, status: endpoint.readStatus ?? 200 });
          if (endpoint.list && !endpoint.mayBeEmpty) expect({ cell, found: body.includes(target.caseId) || body.includes(target.taskId) }).toEqual({ cell, found: true });
        } else if (expected === 'hidden') {
          expect({ cell, status: response.status }).toEqual({ cell, status: endpoint.list ? 200 : 404 });
          expect({ cell, leaked }).toEqual({ cell, leaked: false });
        } else if (expected === 'refused') {
          expect({ cell, status: response.status }).toEqual({ cell, status: 403 });
          expect({ cell, leaked }).toEqual({ cell, leaked: false });
        } else {
          expect({ cell, status: response.status }).toEqual({ cell, status: expected });
        }
        if (!allowed && endpoint.changes) expect({ cell, unchanged: (await snapshot(target.caseId)) === before }).toEqual({ cell, unchanged: true });
      }
    });
  }
  /**
   * 集中受理 (POST /hotline/tickets, not about one case) and merging duplicates are the 12345 centre's intake post's
   * (热线受理): the centre's staff without it, a post of the same name in another department, the units, supervisors
   * and a channel account without it are refused (403, in Chinese and English) and nothing starts or closes.
   */
  test('the intake post: POST /hotline/tickets and POST /process-instances/{id}/merge', async () => {
    const people: Record<string, string> = {
      own: tokens.own,
      admin: tokens.admin,
      participating: tokens.participating,
      supervisor: tokens.supervisor,
      ownWithoutPost: await t.userToken({ id: 'm.own.dispatch', department: 'RX12345', roles: ['staff', 'integrator'], groups: ['热线派单', '热线回访'] }),
      postElsewhere: await t.userToken({ id: 'm.zjj.intake', department: 'ZJJ', roles: ['staff', 'integrator'], groups: ['热线受理'] }),
      channelWithPost: await t.userToken({ id: 'm.app', department: 'RX12345', roles: ['integrator'], groups: ['热线受理'] }),
      channelWithoutPost: portal,
    };
    const expected: Record<string, number> = { own: 201, admin: 201, channelWithPost: 201, participating: 403, supervisor: 403, ownWithoutPost: 403, postElsewhere: 403, channelWithoutPost: 403 };
    const body = (who: string) => ({ channel: 'app', matterCode: NOISE, text: `矩阵测试：${who}受理的噪声诉求`, regionCode: HUMEN, reporter: { name: '矩阵测试人', phone: '13900000000' } });
    const intakes = async () => (await t.context.db.query<{ n: number }>('SELECT count(*)::int AS n FROM catalog_intakes'))[0].n;
    const taken: string[] = [];
    for (const [who, token] of Object.entries(people)) {
      const before = await intakes();
      const response = await as(t.app, token).post('/api/v1/hotline/tickets').send(body(who));
      expect({ who, status: response.status }).toEqual({ who, status: expected[who] });
      if (response.status === 201) {
        taken.push(response.body.instance.id);
        continue;
      }
      expect({ who, zh: response.body.titleZh, en: response.body.title }).toEqual({ who, zh: expect.stringMatching(/热线受理|本部门不能受理/), en: expect.stringMatching(/intake post|not by your department/) });
      expect({ who, leaked: withoutEcho(response.body).includes('矩阵测试人') }).toEqual({ who, leaked: false });
      expect({ who, intakes: await intakes() }).toEqual({ who, intakes: before });
    }

    // Merging: the owner department's post holders (and an administrator). The centre's dispatcher and a supervisor,
    // who read the ticket, are refused; so is a channel account (by its role); departments that do not read it see nothing.
    const [master, ...duplicates] = taken;
    const mergeExpected: Record<string, number> = { participating: 404, supervisor: 403, ownWithoutPost: 403, postElsewhere: 404, channelWithoutPost: 403 };
    for (const [who, status] of Object.entries(mergeExpected)) {
      const response = await as(t.app, people[who]).post(`/api/v1/process-instances/${duplicates[0]}/merge`).send({ masterId: master, reason: '矩阵测试：合并' });
      expect({ who, status: response.status }).toEqual({ who, status });
      expect((await as(t.app, tokens.admin).get(`/api/v1/process-instances/${duplicates[0]}`)).body.status).toBe('active');
    }
    expect((await as(t.app, people.own).post(`/api/v1/process-instances/${duplicates[0]}/merge`).send({ masterId: master, reason: '矩阵测试：合并' })).status).toBe(200);
    expect((await as(t.app, people.admin).post(`/api/v1/process-instances/${duplicates[1]}/merge`).send({ masterId: master, reason: '矩阵测试：合并' })).status).toBe(200);
  });
});
