import { Engine, engineMigrations, migrate, openDatabase, type Database } from '../../engine/index.js';
import { catalogMigrations, loadSampleCatalog } from '../../catalog/index.js';
import { freshDatabase, onPostgres, type TestDatabaseTarget } from '../support/database.js';

// Two processes starting at once against one PostgreSQL server must load the sample once, and neither may fail.
(onPostgres() ? describe : describe.skip)('the sample catalog, loaded by two processes at once', () => {
  let target: TestDatabaseTarget;
  let first: Database;
  let second: Database;

  beforeAll(async () => {
    target = await freshDatabase();
    first = await openDatabase({ databaseUrl: target.databaseUrl });
    second = await openDatabase({ databaseUrl: target.databaseUrl });
    await migrate(first, [engineMigrations, catalogMigrations]);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await target.drop();
  });

  test('one loads, the other finds it loaded', async () => {
    const results = await Promise.all([loadSampleCatalog(first, new Engine(first)), loadSampleCatalog(second, new Engine(second))]);
    // Each sample batch (matters, then bundles) is published by exactly one of them.
    expect(results.map((result) => result.matters > 0).sort()).toEqual([false, true]);
    expect(results.map((result) => result.bundles > 0).sort()).toEqual([false, true]);
    const [counts] = await first.query<{ published: number; drafts: number }>(
      "SELECT count(*) FILTER (WHERE status = 'published')::int AS published, count(*) FILTER (WHERE status = 'draft')::int AS drafts FROM catalog_batches",
    );
    expect(counts).toEqual({ published: 2, drafts: 0 });
  });
});
