import type { Db } from '../../engine/index.js';
import type { CategoryNode, Organisation, Region } from '../model.js';
import type { CatalogReferences } from '../validation/references.js';

/**
 * Reference data (organisations, regions, classification nodes) is written whole, in one
 * statement per kind: a JSON array parameter expanded by the database, so thousands of rows
 * cost one round trip.
 */
export async function upsertOrganisations(db: Db, organisations: readonly Organisation[]): Promise<void> {
  const departments = organisationDepartments(organisations);
  const rows = organisations.map((org) => ({ ...org, department: departments.get(org.code) }));
  await db.query(
    `INSERT INTO catalog_organisations (code, name, kind, level, region_code, parent_code, department, document)
     SELECT e->>'code', e->>'name', e->>'kind', e->>'level', e->>'regionCode', e->>'parentCode', e->>'department', e - 'department'
     FROM jsonb_array_elements($1::jsonb) e
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, level = EXCLUDED.level, region_code = EXCLUDED.region_code,
       parent_code = EXCLUDED.parent_code, department = EXCLUDED.department, document = EXCLUDED.document`,
    [JSON.stringify(rows)],
  );
}

/** Each organisation's department (see departmentOf), over a whole set of organisations. */
export function organisationDepartments(organisations: Iterable<Organisation>): Map<string, string> {
  const byCode = new Map([...organisations].map((org) => [org.code, org]));
  return new Map([...byCode.values()].map((org) => [org.code, departmentOf(org, byCode)]));
}

/** Town and street governments and functional zones are departments of their own (their staff work their tasks). */
const OWN_DEPARTMENT_KINDS = new Set(['镇人民政府', '街道办事处', '功能区管理委员会']);

/**
 * The department whose staff work an organisation's tasks: the nearest ancestor (or itself)
 * that is a city-level organisation or a town's government (a bureau's town branch → the bureau;
 * a town's service centre → the town).
 */
function departmentOf(org: Organisation, byCode: ReadonlyMap<string, Organisation>): string {
  let current = org;
  const seen = new Set<string>();
  while (current.parentCode && current.level !== '市' && !OWN_DEPARTMENT_KINDS.has(current.kind) && !seen.has(current.code)) {
    seen.add(current.code);
    const parent = byCode.get(current.parentCode);
    if (!parent) break;
    current = parent;
  }
  return current.code;
}

export async function upsertRegions(db: Db, regions: readonly Region[]): Promise<void> {
  await db.query(
    `INSERT INTO catalog_regions (code, name, level, parent_code, kind, org_code, document)
     SELECT e->>'code', e->>'name', e->>'level', e->>'parentCode', e->>'kind', e->>'orgCode', e
     FROM jsonb_array_elements($1::jsonb) e
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
       kind = EXCLUDED.kind, org_code = EXCLUDED.org_code, document = EXCLUDED.document`,
    [JSON.stringify(regions)],
  );
}

export async function upsertClassificationNodes(db: Db, nodes: readonly CategoryNode[]): Promise<void> {
  await db.query(
    `INSERT INTO catalog_classification_nodes (scheme, code, name, level, parent_code, sort_no, document)
     SELECT e->>'scheme', e->>'code', e->>'name', (e->>'level')::int, e->>'parentCode', COALESCE((e->>'sortNo')::int, 0), e
     FROM jsonb_array_elements($1::jsonb) e
     ON CONFLICT (scheme, code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
       sort_no = EXCLUDED.sort_no, document = EXCLUDED.document`,
    [JSON.stringify(nodes)],
  );
}

export async function loadReferences(db: Db): Promise<CatalogReferences & { departmentOf: ReadonlyMap<string, string> }> {
  const [orgs, regions, nodes] = await Promise.all([
    db.query<{ document: Organisation; department: string }>('SELECT document, department FROM catalog_organisations'),
    db.query<{ document: Region }>('SELECT document FROM catalog_regions'),
    db.query<{ document: CategoryNode }>('SELECT document FROM catalog_classification_nodes ORDER BY scheme, sort_no, code'),
  ]);
  return {
    organisations: new Map(orgs.map((row) => [row.document.code, row.document])),
    departmentOf: new Map(orgs.map((row) => [row.document.code, row.department])),
    regions: new Map(regions.map((row) => [row.document.code, row.document])),
    nodes: new Map(nodes.map((row) => [`${row.document.scheme}:${row.document.code}`, row.document])),
  };
}

/** What the engine's staff directory needs of the reference data: departments, units and the region tree. */
export async function staffDirectoryData(db: Db): Promise<{
  departments: Array<{ code: string; name: string }>;
  units: Array<{ code: string; name: string; department: string; regionCode: string | null }>;
  regions: Array<{ code: string; name: string; parentCode: string | null; level: string }>;
}> {
  const orgs = await db.query<{ code: string; name: string; department: string; region_code: string | null }>('SELECT code, name, department, region_code FROM catalog_organisations ORDER BY code');
  const regions = await db.query<{ code: string; name: string; parent_code: string | null; level: string }>('SELECT code, name, parent_code, level FROM catalog_regions ORDER BY code');
  const names = new Map(orgs.map((org) => [org.code, org.name]));
  const departments = [...new Set(orgs.map((org) => org.department))].map((code) => ({ code, name: names.get(code) ?? code }));
  return {
    departments,
    units: orgs.map((org) => ({ code: org.code, name: org.name, department: org.department, regionCode: org.region_code })),
    regions: regions.map((region) => ({ code: region.code, name: region.name, parentCode: region.parent_code, level: region.level })),
  };
}
