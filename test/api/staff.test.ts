import { as, createTestApp, type TestApp } from '../support/context.js';

/** Users, posts and towns: a department manages its own staff; an administrator everyone. */
describe('staff administration: departments, posts (岗位), users and their towns', () => {
  let t: TestApp;
  let root: string;
  let scjgAdmin: string;
  let scjgStaff: string;
  let zjjAdmin: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    root = await t.userToken({ id: 'root', department: 'ZSJ', roles: ['admin'] });
    scjgAdmin = await t.userToken({ id: 'scjg.admin', name: '周敏', department: 'SCJGJ', roles: ['department-admin'] });
    scjgStaff = await t.userToken({ id: 'scjg.staff', name: '李明', department: 'SCJGJ', roles: ['staff'], groups: ['受理窗口'] });
    zjjAdmin = await t.userToken({ id: 'zjj.admin', department: 'ZJJ', roles: ['department-admin'] });
    supervisor = await t.userToken({ id: 'zsj.sup', department: 'ZSJ', roles: ['supervisor'] });
  });
  afterAll(() => t.close());

  test('departments come from the catalog with their names; who am I names mine', async () => {
    const departments = (await as(t.app, scjgStaff).get('/api/v1/departments')).body.items as Array<{ code: string; name: string }>;
    expect(departments).toEqual(expect.arrayContaining([{ code: 'SCJGJ', name: '东莞市市场监督管理局' }, { code: 'GOV-441900121', name: '东莞市虎门镇人民政府' }]));
    expect((await as(t.app, scjgStaff).get('/api/v1/me')).body).toMatchObject({ id: 'scjg.staff', departmentName: '东莞市市场监督管理局', groups: ['受理窗口'], regionCode: null });
  });

  test('a department administrator creates posts and staff of their own department, scoped to a town', async () => {
    expect((await as(t.app, scjgAdmin).put('/api/v1/posts/SCJGJ/审查科室').send({ name: '审查科室', description: '许可审查' })).status).toBe(200);
    const created = await as(t.app, scjgAdmin).post('/api/v1/users').send({ id: 'scjg.hm.1', name: '黄磊', department: 'SCJGJ', roles: ['staff'], groups: ['审查科室'], regionCode: '441900121' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'scjg.hm.1', departmentName: '东莞市市场监督管理局', regionName: '虎门镇', groups: ['审查科室'], disabled: false });

    const issued = await as(t.app, scjgAdmin).post('/api/v1/users/scjg.hm.1/tokens').send({ label: '虎门分局' });
    expect(issued.status).toBe(201);
    expect((await as(t.app, issued.body.token).get('/api/v1/me')).body).toMatchObject({ id: 'scjg.hm.1', regionCode: '441900121', regionName: '虎门镇' });

    const listed = await as(t.app, scjgStaff).get('/api/v1/users?post=审查科室');
    expect(listed.body.items.map((user: { id: string }) => user.id)).toEqual(['scjg.hm.1']);
  });

  test('what a department administrator may not do is refused, naming why, and nothing changes', async () => {
    const unknownPost = await as(t.app, scjgAdmin).post('/api/v1/users').send({ id: 'scjg.x', name: 'X', department: 'SCJGJ', roles: ['staff'], groups: ['不存在的岗位'] });
    expect(unknownPost.status).toBe(422);
    expect(unknownPost.body.errors).toEqual([expect.objectContaining({ code: 'unknown-post', field: '/groups' })]);
    const adminRole = await as(t.app, scjgAdmin).post('/api/v1/users').send({ id: 'scjg.y', name: 'Y', department: 'SCJGJ', roles: ['admin'] });
    expect(adminRole.status).toBe(422);
    expect(adminRole.body.errors).toEqual([expect.objectContaining({ code: 'role-not-grantable' })]);
    const otherDepartment = await as(t.app, zjjAdmin).post('/api/v1/users').send({ id: 'zjj.spy', name: 'Z', department: 'SCJGJ', roles: ['staff'] });
    expect(otherDepartment.status).toBe(403);
    expect((await as(t.app, zjjAdmin).put('/api/v1/users/scjg.staff').send({ name: '李明', department: 'ZJJ', roles: ['staff'], groups: [] })).status).toBe(403);
    expect((await as(t.app, zjjAdmin).post('/api/v1/users/scjg.staff/tokens').send({})).status).toBe(403);
    expect((await as(t.app, scjgStaff).post('/api/v1/users').send({ id: 'scjg.z', name: 'Z', department: 'SCJGJ', roles: ['staff'] })).status).toBe(403);
    const unknownRegion = await as(t.app, scjgAdmin).post('/api/v1/users').send({ id: 'scjg.w', name: 'W', department: 'SCJGJ', roles: ['staff'], regionCode: '999999' });
    expect(unknownRegion.status).toBe(422);
    expect(unknownRegion.body.errors).toEqual([expect.objectContaining({ code: 'unknown-region', field: '/regionCode' })]);
    const users = (await as(t.app, root).get('/api/v1/users?includeDisabled=true&limit=500')).body.items.map((user: { id: string }) => user.id);
    expect(users.filter((id: string) => ['scjg.x', 'scjg.y', 'zjj.spy', 'scjg.z', 'scjg.w'].includes(id))).toEqual([]);
    expect((await as(t.app, root).get('/api/v1/users/scjg.staff')).body.department).toBe('SCJGJ');
  });

  test('a town-scoped department administrator manages staff of their town only', async () => {
    const townAdmin = await t.userToken({ id: 'scjg.hm.admin', department: 'SCJGJ', regionCode: '441900121', roles: ['department-admin'] });
    expect((await as(t.app, townAdmin).post('/api/v1/users').send({ id: 'scjg.hm.2', name: '陈', department: 'SCJGJ', roles: ['staff'], regionCode: '441900121' })).status).toBe(201);
    expect((await as(t.app, townAdmin).post('/api/v1/users').send({ id: 'scjg.dc.2', name: '吴', department: 'SCJGJ', roles: ['staff'], regionCode: '441900003' })).status).toBe(403);
    expect((await as(t.app, townAdmin).post('/api/v1/users').send({ id: 'scjg.city', name: '郑', department: 'SCJGJ', roles: ['staff'] })).status).toBe(403);
    // The department's staff are listed whatever the reader's town (to hand work to city-level colleagues);
    // a town is a filter, and changing a city-level colleague stays refused.
    const listed = (await as(t.app, townAdmin).get('/api/v1/users')).body.items.map((user: { id: string }) => user.id);
    expect(listed).toEqual(expect.arrayContaining(['scjg.hm.2', 'scjg.staff']));
    expect(listed).not.toContain('zjj.admin');
    const inTown = (await as(t.app, townAdmin).get('/api/v1/users?regionCode=441900121')).body.items.map((user: { id: string }) => user.id);
    expect(inTown).toContain('scjg.hm.2');
    expect(inTown).not.toContain('scjg.staff');
    const cityColleague = (await as(t.app, townAdmin).get('/api/v1/users/scjg.staff')).body;
    expect((await as(t.app, townAdmin).put('/api/v1/users/scjg.staff').send({ name: cityColleague.name, department: 'SCJGJ', roles: cityColleague.roles, groups: cityColleague.groups })).status).toBe(403);
  });

  test('disabling a user stops their tokens at once; a held post cannot be removed', async () => {
    const token = (await as(t.app, scjgAdmin).post('/api/v1/users/scjg.staff/tokens').send({})).body.token as string;
    expect((await as(t.app, token).get('/api/v1/me')).status).toBe(200);
    const disabled = await as(t.app, scjgAdmin).put('/api/v1/users/scjg.staff').send({ name: '李明', department: 'SCJGJ', roles: ['staff'], groups: ['受理窗口'], disabled: true });
    expect(disabled.body.disabled).toBe(true);
    expect((await as(t.app, token).get('/api/v1/me')).status).toBe(401);
    expect((await as(t.app, scjgStaff).get('/api/v1/me')).status).toBe(401);

    const held = await as(t.app, scjgAdmin).delete('/api/v1/posts/SCJGJ/审查科室');
    expect(held.status).toBe(409);
    expect(held.body.titleZh).toContain('scjg.hm.1');
    expect((await as(t.app, scjgAdmin).put('/api/v1/posts/SCJGJ/临时岗').send({ name: '临时岗' })).status).toBe(200);
    expect((await as(t.app, scjgAdmin).delete('/api/v1/posts/SCJGJ/临时岗')).status).toBe(204);
    expect((await as(t.app, scjgAdmin).get('/api/v1/posts')).body.items.map((post: { code: string }) => post.code)).not.toContain('临时岗');
  });

  test('a supervisor reads every department’s staff but manages none', async () => {
    expect((await as(t.app, supervisor).get('/api/v1/users?department=SCJGJ')).body.items.length).toBeGreaterThan(0);
    expect((await as(t.app, supervisor).post('/api/v1/users').send({ id: 'x1', name: 'x', department: 'SCJGJ', roles: ['staff'] })).status).toBe(403);
    // Another department's staff list stays closed to a department's own staff.
    const zjjStaff = await t.userToken({ id: 'zjj.staff', department: 'ZJJ', roles: ['staff'] });
    expect((await as(t.app, zjjStaff).get('/api/v1/users?department=SCJGJ')).body.items).toEqual([]);
    expect((await as(t.app, zjjStaff).get('/api/v1/users/scjg.hm.1')).status).toBe(404);
  });
});
