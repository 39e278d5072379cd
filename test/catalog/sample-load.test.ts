import { Engine, engineMigrations, migrate, openDatabase, type Database } from '../../engine/index.js';
import { catalogMigrations, loadSampleCatalog } from '../../catalog/index.js';
import { freshDatabase, type TestDatabaseTarget } from '../support/database.js';

describe('the sample catalog', () => {
  let target: TestDatabaseTarget;
  let db: Database;

  beforeAll(async () => {
    target = await freshDatabase();
    db = await openDatabase({ databaseUrl: target.databaseUrl });
    await migrate(db, [engineMigrations, catalogMigrations]);
  });
  afterAll(async () => {
    await db.close();
    await target.drop();
  });

  test('loads as the first published batches (≥ 300 matters, ≥ 1,000 implementation entries, then the 一件事 bundles) and only once', async () => {
    const engine = new Engine(db);
    const first = await loadSampleCatalog(db, engine);
    expect(first.loaded).toBe(true);
    const [counts] = await db.query<{ matters: number; impls: number; departments: number; batches: number }>(
      `SELECT (SELECT count(*)::int FROM catalog_matter_versions) AS matters, (SELECT count(*)::int FROM catalog_impl_versions) AS impls,
              (SELECT count(DISTINCT department)::int FROM catalog_matter_versions) AS departments,
              (SELECT count(*)::int FROM catalog_batches WHERE status = 'published') AS batches`,
    );
    expect(counts.matters).toBeGreaterThanOrEqual(300);
    expect(counts.impls).toBeGreaterThanOrEqual(1000);
    expect(counts.departments).toBeGreaterThanOrEqual(25);
    // The matters and implementation entries, then the 一件事 bundles that combine them.
    expect(counts.batches).toBe(2);
    expect(first.bundles).toBeGreaterThanOrEqual(4);
    const again = await loadSampleCatalog(db, engine);
    expect(again.loaded).toBe(false);
    const [after] = await db.query<{ matters: number; batches: number }>('SELECT (SELECT count(*)::int FROM catalog_matter_versions) AS matters, (SELECT count(*)::int FROM catalog_batches) AS batches');
    expect(after).toEqual({ matters: counts.matters, batches: 2 });
  });
});
