import request from 'supertest';
import { as, createTestApp, type TestApp } from '../support/context.js';

/**
 * Authentication without a query per request (issue 12), and never at the price of a revoked token
 * that still works: every change to users, tokens or regions empties the cache, whether this process
 * made it or another (a second server, psql), which the database tells us at commit.
 */
describe('who a token stands for is remembered, and forgotten on every change', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.userToken({ id: 'cache-admin', department: 'ZSJ', roles: ['admin'] });
  });
  afterAll(() => t.close());

  /** Waits (at most 5 s) until `check` holds: another process's change arrives by notification. */
  async function eventually(check: () => Promise<boolean>): Promise<boolean> {
    for (const until = Date.now() + 5000; Date.now() < until; ) {
      if (await check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return check();
  }

  test('a second request is answered from memory, with the same user', async () => {
    const token = await t.userToken({ id: 'cache-clerk', department: 'SCJGJ', roles: ['staff'], groups: ['受理窗口'] });
    // Creating the token is a change: its notification may arrive after the first request and empty the cache
    // again (as it must), so ask until an answer has been remembered.
    let first = await as(t.app, token).get('/api/v1/me').expect(200);
    expect(
      await eventually(async () => {
        first = await as(t.app, token).get('/api/v1/me').expect(200);
        return t.context.tokens.cache.size > 0;
      }),
    ).toBe(true);
    const second = await as(t.app, token).get('/api/v1/me').expect(200);
    expect(second.body).toEqual(first.body);
  });

  test('a user disabled through the API is refused on the very next request', async () => {
    const token = await t.userToken({ id: 'cache-leaver', department: 'SCJGJ', roles: ['staff'] });
    await as(t.app, token).get('/api/v1/me').expect(200);
    await as(t.app, admin).put('/api/v1/users/cache-leaver').send({ name: '离职人员', department: 'SCJGJ', roles: ['staff'], groups: [], disabled: true }).expect(200);
    await as(t.app, token).get('/api/v1/me').expect(401);
  });

  test('a change made outside this process (here: SQL, as another server or psql would) reaches the cache', async () => {
    const token = await t.userToken({ id: 'cache-moved', department: 'SCJGJ', roles: ['staff'], groups: ['受理窗口'] });
    expect((await as(t.app, token).get('/api/v1/me').expect(200)).body.groups).toEqual(['受理窗口']);
    await t.context.db.query("UPDATE users SET groups = '{审查科室}' WHERE id = 'cache-moved'");
    expect(await eventually(async () => (await as(t.app, token).get('/api/v1/me')).body.groups?.[0] === '审查科室')).toBe(true);
    await t.context.db.query("UPDATE api_tokens SET revoked_at = now() WHERE user_id = 'cache-moved'");
    expect(await eventually(async () => (await as(t.app, token).get('/api/v1/me')).status === 401)).toBe(true);
  });

  test('unknown tokens are not remembered: a token issued meanwhile works at once', async () => {
    await request(t.app).get('/api/v1/me').set('Authorization', 'Bearer mf_not-yet').expect(401);
    const fresh = await t.userToken({ id: 'cache-new', department: 'SCJGJ', roles: ['staff'] });
    await as(t.app, fresh).get('/api/v1/me').expect(200);
  });
});
