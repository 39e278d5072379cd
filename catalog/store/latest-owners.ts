import type { Db } from '../../engine/index.js';

/** Each matter's department, as its latest version (abolished or not) names it. */
export async function matterOwners(db: Db): Promise<Array<{ code: string; department: string }>> {
  return db.query<{ code: string; department: string }>('SELECT DISTINCT ON (code) code, department FROM catalog_matter_versions ORDER BY code, version DESC');
}

/** Each 一件事's lead department, status and component matters, as its latest version has them. */
export async function bundleOwners(db: Db): Promise<Array<{ code: string; department: string; status: string; matters: string[] }>> {
  return db.query<{ code: string; department: string; status: string; matters: string[] }>(
    `SELECT DISTINCT ON (code) code, department, status, ARRAY(SELECT c->>'matterCode' FROM jsonb_array_elements(document->'components') c) AS matters
     FROM catalog_bundle_versions ORDER BY code, version DESC`,
  );
}
