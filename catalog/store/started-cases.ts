import type { Db } from '../../engine/index.js';

/**
 * Records the case started for a matter, with the catalog version it runs under. A repeated start (same business
 * key and request) answered with the first one's instance finds its row there and leaves it.
 */
export async function recordMatterCase(
  db: Db,
  row: { instanceId: string; department: string; matterCode: string; matterVersion: number; implCode: string; regionCode: string; startedBy: string; startedAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO catalog_cases (instance_id, department, matter_code, matter_version, impl_code, region_code, started_by, started_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [row.instanceId, row.department, row.matterCode, row.matterVersion, row.implCode, row.regionCode, row.startedBy, row.startedAt],
  );
}

/** Records the case started for a 一件事, with the bundle version it runs under (a repeated start leaves the first row). */
export async function recordBundleCase(
  db: Db,
  row: { instanceId: string; department: string; bundleCode: string; bundleVersion: number; regionCode: string | null; startedBy: string; startedAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO catalog_bundle_cases (instance_id, department, bundle_code, bundle_version, region_code, started_by, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [row.instanceId, row.department, row.bundleCode, row.bundleVersion, row.regionCode, row.startedBy, row.startedAt],
  );
}
