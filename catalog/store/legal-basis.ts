import type { Db } from '../../engine/index.js';

/** The level (法律, 行政法规…) of each law the current matter versions cite as their legal basis. */
export async function lawLevels(db: Db): Promise<Array<{ law: string; level: string }>> {
  return db.query<{ law: string; level: string }>(
    `SELECT DISTINCT ref->>'lawName' AS law, ref->>'level' AS level FROM catalog_matter_versions v, jsonb_array_elements(v.document->'legalBasis') ref WHERE v.valid_to IS NULL`,
  );
}
