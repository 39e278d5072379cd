import { caseReadable, instant, keysetPage, SqlParams, type Actor, type Db, type Page } from '../../engine/index.js';

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

/** Cases of a matter the actor may read (engine/staff/access.ts), newest first, a page at a time. */
export async function matterCases(db: Db, actor: Actor, matterCode: string, paging: Paging): Promise<Page<CaseRecord>> {
  return casePage(db, actor, paging, {
    columns: `c.matter_code AS code, c.matter_version AS version, c.impl_code AS "implCode"`,
    table: 'catalog_cases',
    codeColumn: 'matter_code',
    code: matterCode,
  });
}

/** Cases of a 一件事 the actor may read, newest first, a page at a time. */
export async function bundleCases(db: Db, actor: Actor, bundleCode: string, paging: Paging): Promise<Page<CaseRecord>> {
  return casePage(db, actor, paging, { columns: 'c.bundle_code AS code, c.bundle_version AS version', table: 'catalog_bundle_cases', codeColumn: 'bundle_code', code: bundleCode });
}

interface Paging {
  limit: number;
  cursor?: string;
}

async function casePage(db: Db, actor: Actor, paging: Paging, of: { columns: string; table: 'catalog_cases' | 'catalog_bundle_cases'; codeColumn: string; code: string }): Promise<Page<CaseRecord>> {
  const params = new SqlParams();
  return keysetPage<CaseRecord>(db, {
    columns: `c.instance_id AS "instanceId", c.department, ${of.columns}, c.region_code AS "regionCode", c.started_by AS "startedBy", c.started_at AS "startedAt"`,
    from: `${of.table} c JOIN process_instances i ON i.id = c.instance_id`,
    where: [`c.${of.codeColumn} = ${params.add(of.code)}`, caseReadable(actor, 'i', params)],
    params,
    key: [
      { sql: 'c.started_at', cast: 'timestamptz', of: (row) => instant(row.startedAt) },
      { sql: 'c.instance_id', cast: 'uuid', of: (row) => row.instanceId },
    ],
    descending: true,
    limit: paging.limit,
    cursor: paging.cursor,
  });
}
