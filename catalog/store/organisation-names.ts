import type { Db } from '../../engine/index.js';

/** Department code → name for the given codes (codes with no organisation are left out). */
export async function organisationNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ code: string; name: string }>('SELECT code, name FROM catalog_organisations WHERE code = ANY($1::text[])', [[...new Set(codes)]]);
  return new Map(rows.map((row) => [row.code, row.name]));
}
