import type { Db } from '../../engine/index.js';

/** Which matters have an implementation entry in force on a date in which region (each pair once). */
export async function matterRegionsOn(db: Db, date: string): Promise<Array<{ matterCode: string; regionCode: string }>> {
  return db.query<{ matterCode: string; regionCode: string }>(
    `SELECT DISTINCT matter_code AS "matterCode", region_code AS "regionCode" FROM catalog_impl_versions v
     WHERE v.valid_from <= $1::date AND (v.valid_to IS NULL OR v.valid_to > $1::date) AND v.status <> 'abolished'`,
    [date],
  );
}
