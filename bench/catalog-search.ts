/**
 * Catalog search over 10,000 base matters and 50,000 implementation entries (synthetic, made
 * from the sample catalog): the in-memory index alone, then the whole service path on PGlite
 * (index freshness check included), beside a plain SQL ILIKE scan as the peer. Also the time
 * to load the shipped sample catalog. Run: npx tsx bench/catalog-search.ts
 */
import { Engine, engineMigrations, migrate, PgliteDatabase, type Actor } from '../engine/index.js';
import { Catalog, catalogMigrations, loadSampleCatalog, readSampleCatalog, type BatchItem, type Matter, type MatterImpl, type SearchQuery } from '../catalog/index.js';
import { MatterSearchIndex } from '../catalog/search/search-index.js';

const MATTERS = 10_000;
const IMPLS = 50_000;
const QUERIES = 2_000;
const VARIANTS = ['', '新办', '变更', '延续', '注销', '补证', '备案', '核准', '登记', '年度报告', '审批', '确认', '核发', '换证', '迁移', '复核', '撤销', '年检', '查询'];

const sample = readSampleCatalog();
const towns = sample.regions.filter((region) => region.level === 'town');
const matters: Matter[] = Array.from({ length: MATTERS }, (_, index) => {
  const base = sample.matters[index % sample.matters.length];
  const variant = VARIANTS[Math.floor(index / sample.matters.length) % VARIANTS.length];
  return { ...base, code: `B${String(index).padStart(6, '0')}`, name: `${base.name}${variant ? `（${variant}）` : ''}` };
});
const impls: MatterImpl[] = Array.from({ length: IMPLS }, (_, index) => {
  const matter = matters[index % MATTERS];
  const town = towns[(index * 7 + Math.floor(index / MATTERS)) % towns.length];
  return { implCode: `I${String(index).padStart(6, '0')}`, matterCode: matter.code, regionCode: town.code, implementingUnit: matter.competentDept, status: 'active' };
});

const queries: SearchQuery[] = [
  { q: 'spjy' },
  { q: '食品' },
  { q: '许可' },
  { q: '营业执照' },
  { q: '行政许可法' },
  { q: 'yyzz' },
  { q: 'jyxk', department: 'SCJGJ' },
  { department: 'SCJGJ' },
  { region: towns[3].code },
  { region: towns[5].code, q: '食品' },
  { classification: '0103', scheme: 'DEPT' },
  { matterType: '行政许可', serviceObject: '法人' },
  { q: '不存在的事项名称' },
  { channel: '网办', theme: '准入准营' },
  { q: '餐饮' },
  { q: 'dj' },
].map((query) => ({ ...query, limit: 20 }));

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return `p50 ${at(50).toFixed(3)} ms  p95 ${at(95).toFixed(3)} ms  p99 ${at(99).toFixed(3)} ms  (n=${sorted.length})`;
}

async function measure(label: string, run: (query: SearchQuery) => unknown, count = QUERIES): Promise<void> {
  for (let index = 0; index < Math.min(200, count / 10); index++) await run(queries[index % queries.length]); // warm-up
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const query = queries[index % queries.length];
    const started = performance.now();
    await run(query);
    samples.push(performance.now() - started);
  }
  console.log(`${label.padEnd(48)} ${percentiles(samples)}`);
}

// 1. The shipped sample catalog, as `npm start` loads it.
{
  const db = await PgliteDatabase.open();
  await migrate(db, [engineMigrations, catalogMigrations]);
  const result = await loadSampleCatalog(db, new Engine(db));
  console.log(`sample catalog load (${result.matters} matters, ${result.implementations} implementation entries): ${result.ms} ms on PGlite`);
  await db.close();
}

// 2. The index alone.
{
  const started = performance.now();
  const index = new MatterSearchIndex({
    matters: matters.map((document) => ({ version: 1, document })),
    impls,
    regionParents: new Map(sample.regions.map((region) => [region.code, region.parentCode])),
    organisationNames: new Map(sample.organisations.map((org) => [org.code, org.name])),
  });
  console.log(`index build over ${MATTERS} matters / ${IMPLS} entries: ${(performance.now() - started).toFixed(0)} ms`);
  const hits = queries.map((query) => `${JSON.stringify({ ...query, limit: undefined })}→${index.search(query).total}`);
  console.log(`hits per query: ${hits.join('  ')}`);
  await measure('in-memory index search', (query) => index.search(query));
}

// 3. The service on PGlite: publish the synthetic catalog as one batch, then search through Catalog.
{
  const db = await PgliteDatabase.open();
  await migrate(db, [engineMigrations, catalogMigrations]);
  const catalog = new Catalog(db, new Engine(db));
  const actor: Actor = { userId: 'bench', department: 'ZSJ', roles: ['catalog-admin'] };
  let started = performance.now();
  await catalog.writeReferenceData(sample);
  const items: BatchItem[] = [
    ...matters.map((document): BatchItem => ({ entity: 'matter', action: 'add', code: document.code, document })),
    ...impls.map((document): BatchItem => ({ entity: 'implementation', action: 'add', code: document.implCode, document })),
  ];
  const batch = await catalog.createBatch(actor, { name: 'bench', reason: 'bench', effectiveDate: '2025-01-01', items });
  console.log(`  draft batch with ${items.length} validated items: ${(performance.now() - started).toFixed(0)} ms`);
  await catalog.publishBatch(actor, batch.id);
  console.log(`validate + publish ${MATTERS} matters and ${IMPLS} entries on PGlite: ${(performance.now() - started).toFixed(0)} ms`);
  started = performance.now();
  await catalog.searchMatters({ q: 'spjy' });
  console.log(`first search (index built from the database): ${(performance.now() - started).toFixed(0)} ms`);
  await measure('Catalog.searchMatters on PGlite', (query) => catalog.searchMatters(query));
  const date = catalog.today();
  await measure('peer: SQL ILIKE scan on PGlite (name/aliases/laws)', (query) =>
    db.query(
      `SELECT code, name FROM catalog_matter_versions v
       WHERE v.valid_from <= $1::date AND (v.valid_to IS NULL OR v.valid_to > $1::date) AND v.status <> 'abolished'
         AND ($2::text IS NULL OR v.name ILIKE $2 OR (v.document->>'aliases') ILIKE $2 OR (v.document->>'legalBasis') ILIKE $2)
         AND ($3::text IS NULL OR v.department = $3) AND ($4::text IS NULL OR v.matter_type = $4)
       ORDER BY code LIMIT 20`,
      [date, query.q ? `%${query.q}%` : null, query.department ?? null, query.matterType ?? null],
    ),
    160,
  );
  await db.close();
}
