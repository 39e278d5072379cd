import { bootstrapAdmin } from '../../api/seed.js';
import { as, createTestApp, type TestApp } from '../support/context.js';

/** A server database starts with no users: the first start creates an administrator and prints its token, once. */
describe('the first administrator of a server database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  test('is created once, with a token the API accepts; later starts create none', async () => {
    await t.userToken({ id: 'clerk', department: 'SCJGJ', roles: ['staff'] });
    const token = await bootstrapAdmin(t.context);
    expect(token).toEqual(expect.any(String));
    const me = await as(t.app, token!).get('/api/v1/me').expect(200);
    expect(me.body).toMatchObject({ id: 'admin', roles: expect.arrayContaining(['admin']) });
    expect(await bootstrapAdmin(t.context)).toBeUndefined();
  });

  test('a disabled administrator still counts: none is added behind the back of whoever disabled them', async () => {
    await t.context.db.query(`UPDATE users SET disabled_at = now() WHERE id = 'admin'`);
    expect(await bootstrapAdmin(t.context)).toBeUndefined();
  });
});
