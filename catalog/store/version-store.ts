import type { Db } from '../../engine/index.js';
import type { Bundle, CatalogEntity, Matter, MatterImpl } from '../model.js';
import { VERSION_TABLES, validOn } from './tables.js';

export interface Versioned<T> {
  code: string;
  version: number;
  validFrom: string;
  validTo: string | null;
  status: string;
  batchId: string;
  document: T;
}

/** A moment of the catalog: a calendar date (as of D) or the state right after a published batch. */
export type CatalogPoint = { date: string } | { publishSeq: number };

const COLUMNS = (key: string) =>
  `v.${key} AS code, v.version, to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(v.valid_to, 'YYYY-MM-DD') AS "validTo", v.status, v.batch_id AS "batchId", v.document`;

/** Every entry of an entity at a point (or only the given codes), keyed by code; abolished entries are absent. */
export async function snapshot<T>(db: Db, entity: CatalogEntity, point: CatalogPoint, codes?: readonly string[]): Promise<Map<string, Versioned<T>>> {
  const { table, key } = VERSION_TABLES[entity];
  const only = `($2::text[] IS NULL OR v.${key} = ANY ($2::text[]))`;
  const rows =
    'date' in point
      ? await db.query<Versioned<T>>(`SELECT ${COLUMNS(key)} FROM ${table} v WHERE ${validOn(1)} AND ${only} ORDER BY v.${key}`, [point.date, codes ? [...codes] : null])
      : await db.query<Versioned<T>>(
          `SELECT * FROM (SELECT DISTINCT ON (v.${key}) ${COLUMNS(key)} FROM ${table} v WHERE v.publish_seq <= $1 AND ${only} ORDER BY v.${key}, v.version DESC) s
           WHERE s.status <> 'abolished' ORDER BY s.code`,
          [point.publishSeq, codes ? [...codes] : null],
        );
  return new Map(rows.map((row) => [row.code, row]));
}

export async function matterAsOf(db: Db, code: string, date: string): Promise<Versioned<Matter> | undefined> {
  const [row] = await db.query<Versioned<Matter>>(`SELECT ${COLUMNS('code')} FROM catalog_matter_versions v WHERE v.code = $2 AND ${validOn(1)}`, [date, code]);
  return row;
}

export async function matterVersion(db: Db, code: string, version: number): Promise<Versioned<Matter> | undefined> {
  const [row] = await db.query<Versioned<Matter>>(`SELECT ${COLUMNS('code')} FROM catalog_matter_versions v WHERE v.code = $1 AND v.version = $2`, [code, version]);
  return row;
}

export async function matterVersions(db: Db, code: string): Promise<Array<Omit<Versioned<Matter>, 'document'> & { name: string; batchName: string }>> {
  return db.query(
    `SELECT ${COLUMNS('code')}, v.name, b.name AS "batchName" FROM catalog_matter_versions v JOIN catalog_batches b ON b.id = v.batch_id
     WHERE v.code = $1 ORDER BY v.version`,
    [code],
  );
}

/** Whether a matter was ever published (an abolished one still has its versions, and its cases). */
export async function matterExists(db: Db, code: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM catalog_matter_versions WHERE code = $1 LIMIT 1', [code]);
  return rows.length > 0;
}

/** Whether a 一件事 was ever published. */
export async function bundleExists(db: Db, code: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM catalog_bundle_versions WHERE code = $1 LIMIT 1', [code]);
  return rows.length > 0;
}

export async function implsAsOf(db: Db, date: string, filter: { matterCode?: string; regionCodes?: readonly string[]; unit?: string; limit?: number; offset?: number }): Promise<{ items: Array<Versioned<MatterImpl>>; total: number }> {
  const where = `${validOn(1)} AND ($2::text IS NULL OR v.matter_code = $2) AND ($3::text[] IS NULL OR v.region_code = ANY ($3::text[]))
    AND ($4::text IS NULL OR v.implementing_unit = $4 OR v.document->>'acceptingUnit' = $4 OR v.document->>'handlingUnit' = $4)`;
  const params = [date, filter.matterCode ?? null, filter.regionCodes ? [...filter.regionCodes] : null, filter.unit ?? null];
  const [items, [{ total }]] = await Promise.all([
    db.query<Versioned<MatterImpl>>(`SELECT ${COLUMNS('impl_code')} FROM catalog_impl_versions v WHERE ${where} ORDER BY v.matter_code, v.region_code, v.impl_code LIMIT $5 OFFSET $6`, [
      ...params,
      filter.limit ?? 100,
      filter.offset ?? 0,
    ]),
    db.query<{ total: number }>(`SELECT count(*)::int AS total FROM catalog_impl_versions v WHERE ${where}`, params),
  ]);
  return { items, total };
}

export async function implAsOf(db: Db, implCode: string, date: string): Promise<Versioned<MatterImpl> | undefined> {
  const [row] = await db.query<Versioned<MatterImpl>>(`SELECT ${COLUMNS('impl_code')} FROM catalog_impl_versions v WHERE v.impl_code = $2 AND ${validOn(1)}`, [date, implCode]);
  return row;
}

/** Implementation entries still open for matters a batch abolishes (they go with their matter). */
export async function openImplsOfAbolishedMatters(db: Db, batchId: string): Promise<Array<{ code: string; department: string }>> {
  return db.query(
    `SELECT v.impl_code AS code, i.department FROM catalog_impl_versions v
     JOIN catalog_batch_items i ON i.batch_id = $1 AND i.entity = 'matter' AND i.action = 'abolish' AND i.code = v.matter_code
     WHERE v.valid_to IS NULL AND v.status <> 'abolished'
       AND NOT EXISTS (SELECT 1 FROM catalog_batch_items j WHERE j.batch_id = $1 AND j.entity = 'implementation' AND j.code = v.impl_code)`,
    [batchId],
  );
}

/** Latest known document of every code an entity has ever had (for existence checks at publish). */
export async function latestStatuses(db: Db, entity: CatalogEntity): Promise<Map<string, string>> {
  const { table, key } = VERSION_TABLES[entity];
  const rows = await db.query<{ code: string; status: string }>(`SELECT DISTINCT ON (${key}) ${key} AS code, status FROM ${table} ORDER BY ${key}, version DESC`);
  return new Map(rows.map((row) => [row.code, row.status]));
}

/** The bundles valid on a date (the lead department's, or all), by code. */
export async function bundlesAsOf(db: Db, date: string, filter: { department?: string; matterCode?: string } = {}): Promise<Array<Versioned<Bundle>>> {
  return db.query<Versioned<Bundle>>(
    `SELECT ${COLUMNS('code')} FROM catalog_bundle_versions v
     WHERE ${validOn(1)} AND ($2::text IS NULL OR v.department = $2)
       AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM jsonb_array_elements(v.document->'components') c WHERE c->>'matterCode' = $3))
     ORDER BY v.code`,
    [date, filter.department ?? null, filter.matterCode ?? null],
  );
}

export async function bundleAsOf(db: Db, code: string, date: string): Promise<Versioned<Bundle> | undefined> {
  const [row] = await db.query<Versioned<Bundle>>(`SELECT ${COLUMNS('code')} FROM catalog_bundle_versions v WHERE v.code = $2 AND ${validOn(1)}`, [date, code]);
  return row;
}
