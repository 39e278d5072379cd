import { randomUUID } from 'node:crypto';
import type { Db, UserTaskRow } from '../../engine/index.js';

/** One version of a dispatch override (分拨规则): the units in order, who changed it and why. */
export interface DispatchOverride {
  matterCode: string;
  regionCode: string;
  version: number;
  units: string[];
  changedBy: string;
  reason: string;
  changedAt: Date;
}

/** One dispatch of a ticket and the rule that was in force. */
export interface DispatchRecord {
  id: string;
  instanceId: string;
  taskId: string;
  matterCode: string;
  regionCode: string;
  unit: string | null;
  source: 'catalog' | 'override' | 'manual' | 'none';
  ruleRegion: string | null;
  ruleVersion: number | null;
  implCode: string | null;
  rank: number | null;
  reason: string | null;
  decidedBy: string;
  decidedAt: Date;
}

const OVERRIDE_COLUMNS = `matter_code AS "matterCode", region_code AS "regionCode", version, units, changed_by AS "changedBy", reason, changed_at AS "changedAt"`;
const RECORD_COLUMNS = `id, instance_id AS "instanceId", task_id AS "taskId", matter_code AS "matterCode", region_code AS "regionCode", unit, source,
  rule_region AS "ruleRegion", rule_version AS "ruleVersion", impl_code AS "implCode", rank, reason, decided_by AS "decidedBy", decided_at AS "decidedAt"`;

/** The latest override version of each region in `regions` for a matter. */
export async function latestOverrides(db: Db, matterCode: string, regions: readonly string[]): Promise<DispatchOverride[]> {
  return db.query<DispatchOverride>(
    `SELECT DISTINCT ON (region_code) ${OVERRIDE_COLUMNS} FROM catalog_dispatch_rules
     WHERE matter_code = $1 AND region_code = ANY ($2::text[]) ORDER BY region_code, version DESC`,
    [matterCode, [...regions]],
  );
}

/** Every version of a matter's override in one region, oldest first. */
export async function overrideHistory(db: Db, matterCode: string, regionCode: string): Promise<DispatchOverride[]> {
  return db.query<DispatchOverride>(`SELECT ${OVERRIDE_COLUMNS} FROM catalog_dispatch_rules WHERE matter_code = $1 AND region_code = $2 ORDER BY version`, [matterCode, regionCode]);
}

/** Writes the next version; the primary key refuses a concurrent writer of the same version. */
export async function insertOverride(db: Db, input: Omit<DispatchOverride, 'version'>): Promise<DispatchOverride> {
  const [row] = await db.query<DispatchOverride>(
    `INSERT INTO catalog_dispatch_rules (matter_code, region_code, version, units, changed_by, reason, changed_at)
     SELECT $1::text, $2::text, COALESCE(max(version), 0) + 1, $3::text[], $4::text, $5::text, $6::timestamptz FROM catalog_dispatch_rules WHERE matter_code = $1 AND region_code = $2
     RETURNING ${OVERRIDE_COLUMNS}`,
    [input.matterCode, input.regionCode, input.units, input.changedBy, input.reason, input.changedAt],
  );
  return row;
}

/** Records one dispatch of a ticket with the rule that decided it. */
export async function insertDispatch(db: Db, record: Omit<DispatchRecord, 'id'>): Promise<DispatchRecord> {
  const [row] = await db.query<DispatchRecord>(
    `INSERT INTO catalog_dispatches (id, instance_id, task_id, matter_code, region_code, unit, source, rule_region, rule_version, impl_code, rank, reason, decided_by, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${RECORD_COLUMNS}`,
    [randomUUID(), record.instanceId, record.taskId, record.matterCode, record.regionCode, record.unit, record.source, record.ruleRegion, record.ruleVersion, record.implCode, record.rank, record.reason, record.decidedBy, record.decidedAt],
  );
  return row;
}

/** A ticket's dispatches, in the order they were made. */
export async function dispatchesOf(db: Db, instanceId: string): Promise<DispatchRecord[]> {
  return db.query<DispatchRecord>(`SELECT ${RECORD_COLUMNS} FROM catalog_dispatches WHERE instance_id = $1 ORDER BY seq`, [instanceId]);
}

/** The matter and region a catalog ticket was started for (a 重办 instance carries its original's matter in its variables). */
export async function ticketOf(db: Db, instanceId: string): Promise<{ matterCode: string; regionCode: string } | undefined> {
  const [row] = await db.query<{ matterCode: string | null; regionCode: string | null }>(
    `SELECT COALESCE(c.matter_code, i.matter_code) AS "matterCode", COALESCE(i.region_code, c.region_code) AS "regionCode"
     FROM process_instances i LEFT JOIN catalog_cases c ON c.instance_id = i.id WHERE i.id = $1`,
    [instanceId],
  );
  return row?.matterCode && row.regionCode ? { matterCode: row.matterCode, regionCode: row.regionCode } : undefined;
}

/** The ticket's open dispatch step (派单, 派遣, 分拨), if it waits at one. */
export async function openDispatchStep(db: Db, instanceId: string): Promise<UserTaskRow | undefined> {
  const [row] = await db.query<UserTaskRow>(
    `SELECT * FROM user_tasks WHERE instance_id = $1 AND state = 'created' AND (element_id = 'Task_Dispatch' OR name = ANY ($2::text[])) ORDER BY created_at DESC LIMIT 1`,
    [instanceId, ['派单', '派遣', '分拨']],
  );
  return row;
}
