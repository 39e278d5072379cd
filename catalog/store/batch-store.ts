import { randomUUID } from 'node:crypto';
import { yieldToEventLoop } from '../io/import-limits.js';
import { instant, keysetPage, SqlParams, type Db, type Page } from '../../engine/index.js';
import { CATALOG_ENTITIES, type Batch, type BatchAction, type BatchItem, type CatalogEntity } from '../model.js';
import { VERSION_TABLES } from './tables.js';

interface BatchRow {
  id: string;
  name: string;
  reason: string;
  status: 'draft' | 'published';
  department: string;
  effective_date: string;
  approver: string | null;
  publish_seq: number | null;
  source: string | null;
  created_by: string;
  created_at: Date;
  published_at: Date | null;
  item_count?: number;
}

const BATCH_COLUMNS = `id, name, reason, status, department, to_char(effective_date, 'YYYY-MM-DD') AS effective_date, approver, publish_seq, source,
  created_by, created_at, published_at`;

export function batchDto(row: BatchRow): Batch {
  return {
    id: row.id,
    name: row.name,
    reason: row.reason,
    status: row.status,
    department: row.department,
    effectiveDate: row.effective_date,
    approver: row.approver,
    publishSeq: row.publish_seq,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    source: row.source,
    ...(row.item_count !== undefined ? { itemCount: Number(row.item_count) } : {}),
  };
}

export interface NewBatch {
  name: string;
  reason: string;
  effectiveDate: string;
  department: string;
  createdBy: string;
  source?: string;
}

export async function insertBatch(db: Db, batch: NewBatch, now: Date): Promise<Batch> {
  const [row] = await db.query<BatchRow>(
    `INSERT INTO catalog_batches (id, name, reason, status, department, effective_date, source, created_by, created_at)
     VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8) RETURNING ${BATCH_COLUMNS}`,
    [randomUUID(), batch.name, batch.reason, batch.department, batch.effectiveDate, batch.source ?? null, batch.createdBy, now],
  );
  return batchDto(row);
}

export async function findBatch(db: Db, id: string, lock = false): Promise<Batch | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.query<BatchRow>(
    `SELECT ${BATCH_COLUMNS}, (SELECT count(*) FROM catalog_batch_items i WHERE i.batch_id = b.id)::int AS item_count
     FROM catalog_batches b WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row ? batchDto(row) : undefined;
}

/** `draftsOf`: the only department whose drafts are listed (null: every department's). */
/** Batches, drafts first (of `draftsOf` only, unless null), then the published ones newest first, a page at a time. */
export async function listBatches(db: Db, filter: { status?: string; department?: string; limit: number; cursor?: string; draftsOf: string | null }): Promise<Page<Batch>> {
  const params = new SqlParams([filter.status ?? null, filter.department ?? null, filter.draftsOf]);
  const page = await keysetPage<BatchRow>(db, {
    columns: `${BATCH_COLUMNS}, (SELECT count(*) FROM catalog_batch_items i WHERE i.batch_id = b.id)::int AS item_count`,
    from: 'catalog_batches b',
    where: ["($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR department = $2) AND ($3::text IS NULL OR status <> 'draft' OR department = $3)"],
    params,
    // A draft has no publish_seq yet: it sorts above every published batch.
    key: [
      { sql: `COALESCE(b.publish_seq, ${UNPUBLISHED})`, cast: 'int', of: (row) => row.publish_seq ?? UNPUBLISHED },
      { sql: 'b.created_at', cast: 'timestamptz', of: (row) => instant(row.created_at) },
      { sql: 'b.id', cast: 'uuid', of: (row) => row.id },
    ],
    descending: true,
    limit: filter.limit,
    cursor: filter.cursor,
  });
  return { ...page, items: page.items.map(batchDto) };
}

const UNPUBLISHED = 2147483647;

export async function publishedSeqOf(db: Db, id: string): Promise<number | undefined> {
  const [row] = await db.query<{ publish_seq: number | null }>('SELECT publish_seq FROM catalog_batches WHERE id = $1', [id]);
  return row?.publish_seq ?? undefined;
}

export async function latestPublishSeq(db: Db): Promise<number> {
  const [row] = await db.query<{ seq: number | null }>('SELECT max(publish_seq) AS seq FROM catalog_batches');
  return Number(row?.seq ?? 0);
}

export interface StoredItem extends BatchItem {
  seq: number;
  department: string;
}

export async function batchItems(db: Db, batchId: string): Promise<StoredItem[]> {
  return db.query<StoredItem>('SELECT seq, entity, action, code, department, document FROM catalog_batch_items WHERE batch_id = $1 ORDER BY seq', [batchId]);
}

const ITEMS_PER_STATEMENT = 500;

/**
 * Adds items (replacing an earlier item for the same code), a few hundred per statement: one
 * statement of thousands of documents would hold the embedded database (and with it the event
 * loop) for seconds; between statements other requests are served.
 */
export async function upsertItems(db: Db, batchId: string, items: ReadonlyArray<BatchItem & { department: string }>): Promise<void> {
  for (let from = 0; from < items.length; from += ITEMS_PER_STATEMENT) {
    if (from > 0) await yieldToEventLoop();
    await upsertSlice(db, batchId, items.slice(from, from + ITEMS_PER_STATEMENT));
  }
}

async function upsertSlice(db: Db, batchId: string, items: ReadonlyArray<BatchItem & { department: string }>): Promise<void> {
  await db.query(
    `INSERT INTO catalog_batch_items (batch_id, seq, entity, action, code, department, document)
     SELECT $1, COALESCE((SELECT max(seq) FROM catalog_batch_items WHERE batch_id = $1), 0) + e.n, e.item->>'entity', e.item->>'action',
            e.item->>'code', e.item->>'department', e.item->'document'
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(item, n)
     ON CONFLICT (batch_id, entity, code) DO UPDATE SET action = EXCLUDED.action, department = EXCLUDED.department, document = EXCLUDED.document`,
    [batchId, JSON.stringify(items)],
  );
}

export async function deleteItem(db: Db, batchId: string, seq: number): Promise<boolean> {
  const rows = await db.query('DELETE FROM catalog_batch_items WHERE batch_id = $1 AND seq = $2 RETURNING seq', [batchId, seq]);
  return rows.length > 0;
}

export async function deleteBatch(db: Db, batchId: string): Promise<void> {
  await db.query("DELETE FROM catalog_batches WHERE id = $1 AND status = 'draft'", [batchId]);
}

/** For each item of a batch: the entity's latest stored version, if any. */
export async function latestForItems(db: Db, batchId: string, entity: CatalogEntity): Promise<Array<{ seq: number; code: string; action: BatchAction; latestStatus: string | null; latestFrom: string | null }>> {
  const { table, key } = VERSION_TABLES[entity];
  return db.query(
    `SELECT i.seq, i.code, i.action, l.status AS "latestStatus", to_char(l.valid_from, 'YYYY-MM-DD') AS "latestFrom"
     FROM catalog_batch_items i
     LEFT JOIN LATERAL (SELECT status, valid_from FROM ${table} v WHERE v.${key} = i.code ORDER BY version DESC LIMIT 1) l ON true
     WHERE i.batch_id = $1 AND i.entity = $2 ORDER BY i.seq`,
    [batchId, entity],
  );
}

/**
 * Turns a batch's items into versions, set-based: close every open version the batch
 * touches at the effective date, then insert the next version of each (an abolition copies
 * the last document with status abolished). The stored document's `version` is the version
 * number. The caller holds the transaction.
 */
export async function writeVersions(db: Db, batch: Batch, publishSeq: number): Promise<void> {
  for (const entity of CATALOG_ENTITIES) {
    const { table, key, extracted } = VERSION_TABLES[entity];
    await db.query(
      `UPDATE ${table} v SET valid_to = $2::date FROM catalog_batch_items i
       WHERE i.batch_id = $1 AND i.entity = $3 AND v.${key} = i.code AND v.valid_to IS NULL`,
      [batch.id, batch.effectiveDate, entity],
    );
    const columns = Object.keys(extracted);
    await db.query(
      `INSERT INTO ${table} (${key}, version, batch_id, publish_seq, valid_from, valid_to, status, ${columns.join(', ')}, document)
       SELECT i.code, COALESCE(l.version, 0) + 1, $1, $3, $2::date, NULL, CASE WHEN i.action = 'abolish' THEN 'abolished' ELSE COALESCE(d->>'status', 'active') END,
              ${columns.map((column) => extracted[column]).join(', ')}, d || jsonb_build_object('version', COALESCE(l.version, 0) + 1)
       FROM catalog_batch_items i
       LEFT JOIN LATERAL (SELECT version, document FROM ${table} v WHERE v.${key} = i.code ORDER BY version DESC LIMIT 1) l ON true
       CROSS JOIN LATERAL (SELECT CASE WHEN i.action = 'abolish' THEN jsonb_set(l.document, '{status}', '"abolished"') ELSE i.document END AS d) x
       WHERE i.batch_id = $1 AND i.entity = $4`,
      [batch.id, batch.effectiveDate, publishSeq, entity],
    );
  }
}

export async function markPublished(db: Db, batchId: string, publishSeq: number, approver: string, now: Date): Promise<void> {
  await db.query("UPDATE catalog_batches SET status = 'published', publish_seq = $2, approver = $3, published_at = $4 WHERE id = $1", [batchId, publishSeq, approver, now]);
}
