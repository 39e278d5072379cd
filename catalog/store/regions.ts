import type { Db } from '../../engine/index.js';
import type { Region } from '../model.js';

/** A region and its ancestors' codes, nearest first (a village, its town, the city); empty for an unknown region. */
export async function regionChainOf(db: Db, regionCode: string): Promise<string[]> {
  const chain = await db.query<{ code: string }>(
    `WITH RECURSIVE up AS (SELECT code, parent_code, 0 AS depth FROM catalog_regions WHERE code = $1
       UNION ALL SELECT r.code, r.parent_code, up.depth + 1 FROM catalog_regions r JOIN up ON r.code = up.parent_code WHERE up.depth < 10)
     SELECT code FROM up ORDER BY depth`,
    [regionCode],
  );
  return chain.map((region) => region.code);
}

/** A region's code and those of every region below it; empty for an unknown region. */
export async function regionAndBelowOf(db: Db, regionCode: string): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    `WITH RECURSIVE below AS (SELECT code FROM catalog_regions WHERE code = $1
       UNION SELECT r.code FROM catalog_regions r JOIN below b ON r.parent_code = b.code)
     SELECT code FROM below`,
    [regionCode],
  );
  return rows.map((row) => row.code);
}

/** The regions under a parent and/or at a level (either filter may be absent), by code. */
export async function regionsWhere(db: Db, filter: { parentCode?: string; level?: string }): Promise<Region[]> {
  const rows = await db.query<{ document: Region }>(
    `SELECT document FROM catalog_regions WHERE ($1::text IS NULL OR parent_code = $1) AND ($2::text IS NULL OR level = $2) ORDER BY code`,
    [filter.parentCode ?? null, filter.level ?? null],
  );
  return rows.map((row) => row.document);
}

/** A region's level (city, town, village…), or undefined when there is no such region. */
export async function regionLevel(db: Db, regionCode: string): Promise<string | undefined> {
  const [region] = await db.query<{ level: string }>('SELECT level FROM catalog_regions WHERE code = $1', [regionCode]);
  return region?.level;
}

/** Every region's parent (null at the top of the tree). */
export async function regionParents(db: Db): Promise<Array<{ code: string; parent_code: string | null }>> {
  return db.query<{ code: string; parent_code: string | null }>('SELECT code, parent_code FROM catalog_regions');
}

export interface RegionNaming {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  /** The document's `aliases`, as stored (not checked to be a list of names). */
  aliases: unknown;
}

/** Every region with its name, place in the tree and aliases: what an address is matched against. */
export async function regionNamings(db: Db): Promise<RegionNaming[]> {
  return db.query<RegionNaming>(`SELECT code, name, level, parent_code, document -> 'aliases' AS aliases FROM catalog_regions`);
}
