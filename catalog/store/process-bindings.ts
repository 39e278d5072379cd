import type { Db } from '../../engine/index.js';
import type { ProcessRef } from '../model.js';

/** A department's own binding of a matter to a deployed process, for the city ('') or one region. */
export interface ProcessBinding extends ProcessRef {
  matterCode: string;
  regionCode: string;
  updatedBy: string;
  updatedAt: string;
}

/** Writes (or replaces) a matter's binding for its region. */
export async function putBinding(db: Db, binding: Omit<ProcessBinding, 'updatedAt'>, now: Date): Promise<ProcessBinding> {
  const [row] = await db.query<ProcessBinding>(
    `INSERT INTO catalog_process_bindings (matter_code, region_code, process_id, department, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (matter_code, region_code) DO UPDATE SET process_id = EXCLUDED.process_id, department = EXCLUDED.department, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
     RETURNING matter_code AS "matterCode", region_code AS "regionCode", process_id AS "processId", department, updated_by AS "updatedBy", updated_at AS "updatedAt"`,
    [binding.matterCode, binding.regionCode, binding.processId, binding.department, binding.updatedBy, now],
  );
  return row;
}

/** The bindings of a matter: the region's own first, then the city-wide one. */
export async function bindingsOf(db: Db, matterCode: string): Promise<ProcessBinding[]> {
  return db.query<ProcessBinding>(
    `SELECT matter_code AS "matterCode", region_code AS "regionCode", process_id AS "processId", department, updated_by AS "updatedBy", updated_at AS "updatedAt"
     FROM catalog_process_bindings WHERE matter_code = $1 ORDER BY region_code DESC`,
    [matterCode],
  );
}

/** Removes a matter's binding for the city ('') or one region; returns the removed binding. */
export async function removeBinding(db: Db, matterCode: string, regionCode: string): Promise<ProcessBinding | undefined> {
  const [row] = await db.query<ProcessBinding>(
    `DELETE FROM catalog_process_bindings WHERE matter_code = $1 AND region_code = $2
     RETURNING matter_code AS "matterCode", region_code AS "regionCode", process_id AS "processId", department, updated_by AS "updatedBy", updated_at AS "updatedAt"`,
    [matterCode, regionCode],
  );
  return row;
}

/** The city-wide binding of a matter (region ''), if its department bound one. */
export async function cityBinding(db: Db, matterCode: string): Promise<ProcessBinding | undefined> {
  return (await bindingsOf(db, matterCode)).find((binding) => binding.regionCode === '');
}
