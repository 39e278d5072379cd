import { caseReadable, SqlParams, type Actor, type Db } from '../../engine/index.js';

/** A case started for a matter or a 一件事, with the catalog version it runs under. */
export interface CaseRecord {
  instanceId: string;
  department: string;
  code: string;
  version: number;
  implCode?: string | null;
  regionCode: string | null;
  startedBy: string;
  startedAt: Date;
}

/** Cases of a matter the actor may read (engine/staff/access.ts), newest first. */
export async function matterCases(db: Db, actor: Actor, matterCode: string, limit: number): Promise<CaseRecord[]> {
  const params = new SqlParams([matterCode, limit]);
  return db.query<CaseRecord>(
    `SELECT c.instance_id AS "instanceId", c.department, c.matter_code AS code, c.matter_version AS version, c.impl_code AS "implCode",
            c.region_code AS "regionCode", c.started_by AS "startedBy", c.started_at AS "startedAt"
     FROM catalog_cases c JOIN process_instances i ON i.id = c.instance_id
     WHERE c.matter_code = $1 AND ${caseReadable(actor, 'i', params)} ORDER BY c.started_at DESC LIMIT $2`,
    params.values,
  );
}

/** Cases of a 一件事 the actor may read, newest first. */
export async function bundleCases(db: Db, actor: Actor, bundleCode: string, limit: number): Promise<CaseRecord[]> {
  const params = new SqlParams([bundleCode, limit]);
  return db.query<CaseRecord>(
    `SELECT c.instance_id AS "instanceId", c.department, c.bundle_code AS code, c.bundle_version AS version, c.region_code AS "regionCode",
            c.started_by AS "startedBy", c.started_at AS "startedAt"
     FROM catalog_bundle_cases c JOIN process_instances i ON i.id = c.instance_id
     WHERE c.bundle_code = $1 AND ${caseReadable(actor, 'i', params)} ORDER BY c.started_at DESC LIMIT $2`,
    params.values,
  );
}
