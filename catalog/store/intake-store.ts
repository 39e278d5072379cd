import { caseReadable, SqlParams, type Actor, type Db } from '../../engine/index.js';

export const INTAKE_CHANNELS = ['phone', 'web', 'app', 'window'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export interface IntakeRow {
  instanceId: string;
  department: string;
  channel: IntakeChannel;
  matterCode: string;
  regionCode: string;
  text: string;
  address: string | null;
  recognised: unknown;
  longitude: number | null;
  latitude: number | null;
  receivedBy: string;
  receivedAt: Date;
  mergedInto: string | null;
  mergeReason: string | null;
  mergedBy: string | null;
  mergedAt: Date | null;
  businessKey?: string | null;
  status?: string;
}

const COLUMNS = `n.instance_id AS "instanceId", n.department, n.channel, n.matter_code AS "matterCode", n.region_code AS "regionCode", n.text, n.address, n.recognised,
  n.longitude, n.latitude, n.received_by AS "receivedBy", n.received_at AS "receivedAt", n.merged_into AS "mergedInto", n.merge_reason AS "mergeReason",
  n.merged_by AS "mergedBy", n.merged_at AS "mergedAt", i.business_key AS "businessKey", i.status`;

/** Records how a ticket came in; a repeated intake of the same instance leaves the first row. */
export async function insertIntake(db: Db, row: Omit<IntakeRow, 'mergedInto' | 'mergeReason' | 'mergedBy' | 'mergedAt' | 'businessKey' | 'status'>): Promise<void> {
  await db.query(
    `INSERT INTO catalog_intakes (instance_id, department, channel, matter_code, region_code, text, address, recognised, longitude, latitude, received_by, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
    [row.instanceId, row.department, row.channel, row.matterCode, row.regionCode, row.text, row.address, JSON.stringify(row.recognised), row.longitude, row.latitude, row.receivedBy, row.receivedAt],
  );
}

/** A ticket's own intake, with its instance's business key and status. */
export async function intakeOf(db: Db, instanceId: string): Promise<IntakeRow | undefined> {
  const [row] = await db.query<IntakeRow>(`SELECT ${COLUMNS} FROM catalog_intakes n JOIN process_instances i ON i.id = n.instance_id WHERE n.instance_id = $1`, [instanceId]);
  return row;
}

/**
 * The intake a case came in by: its own, or, for a 重办 (a new case reopening a ticket), the intake of the ticket
 * its reopen chain started from (case_reopens.root_instance_id): the citizen's appeal is the same.
 */
export async function intakeOfCase(db: Db, instanceId: string): Promise<IntakeRow | undefined> {
  const [row] = await db.query<IntakeRow>(
    `SELECT ${COLUMNS} FROM catalog_intakes n JOIN process_instances i ON i.id = n.instance_id
     WHERE n.instance_id = COALESCE((SELECT root_instance_id FROM case_reopens WHERE instance_id = $1), $1)`,
    [instanceId],
  );
  return row;
}

/** How near two reported locations must be to count as the same place (about 300 m in Dongguan's latitudes). */
export const SAME_PLACE_DEGREES = 0.003;

/**
 * Open tickets of the same matter and place received within the window around `at`, not merged away. The same
 * place: the same recognised region, or, when both came with a location, within about 300 m of each other.
 */
export async function likelyDuplicates(db: Db, actor: Actor, input: { instanceId: string; matterCode: string; regionCode: string; at: Date; windowMs: number; longitude?: number | null; latitude?: number | null }): Promise<IntakeRow[]> {
  const params = new SqlParams([input.matterCode, input.regionCode, input.instanceId, new Date(input.at.getTime() - input.windowMs), new Date(input.at.getTime() + input.windowMs), input.longitude ?? null, input.latitude ?? null, SAME_PLACE_DEGREES]);
  // Only tickets the actor may open: one just across a town border is no duplicate offered to a town's clerk.
  return db.query<IntakeRow>(
    `SELECT ${COLUMNS} FROM catalog_intakes n JOIN process_instances i ON i.id = n.instance_id
     WHERE n.matter_code = $1 AND n.instance_id <> $3 AND n.merged_into IS NULL AND i.status = 'active'
       AND n.received_at BETWEEN $4 AND $5
       AND (n.region_code = $2 OR ($6::float8 IS NOT NULL AND $7::float8 IS NOT NULL AND abs(n.longitude - $6) <= $8 AND abs(n.latitude - $7) <= $8))
       AND ${caseReadable(actor, 'i', params)}
     ORDER BY n.received_at LIMIT 20`,
    params.values,
  );
}

/**
 * Links a duplicate to its master, inside the transaction that cancels the duplicate: both intake rows are locked
 * (in a fixed order, so two crossing merges cannot deadlock) and checked again there, so a concurrent merge of
 * either ticket, or a master closed meanwhile, refuses this one and leaves both tickets as they were.
 */
/** Two tickets' merge state and case status, locked (in id order, so two merges cannot deadlock) until the transaction ends. */
export function lockMergeStates(tx: Db, ids: readonly string[]): Promise<Array<{ instanceId: string; mergedInto: string | null; status: string }>> {
  return tx.query<{ instanceId: string; mergedInto: string | null; status: string }>(
    `SELECT n.instance_id AS "instanceId", n.merged_into AS "mergedInto", i.status FROM catalog_intakes n JOIN process_instances i ON i.id = n.instance_id
     WHERE n.instance_id = ANY ($1::uuid[]) ORDER BY n.instance_id FOR UPDATE OF n`,
    [[...ids]],
  );
}

/** Links a duplicate ticket to its master (合并), with who merged it, when and why. */
export async function markMerged(tx: Db, input: { instanceId: string; masterId: string; reason: string; by: string; at: Date }): Promise<void> {
  await tx.query('UPDATE catalog_intakes SET merged_into = $2, merge_reason = $3, merged_by = $4, merged_at = $5 WHERE instance_id = $1', [input.instanceId, input.masterId, input.reason, input.by, input.at]);
}

/** The tickets merged into a master, in the order they were merged. */
export async function mergedInto(db: Db, masterId: string): Promise<IntakeRow[]> {
  return db.query<IntakeRow>(`SELECT ${COLUMNS} FROM catalog_intakes n JOIN process_instances i ON i.id = n.instance_id WHERE n.merged_into = $1 ORDER BY n.merged_at`, [masterId]);
}

/** Which of these tickets the actor may open (engine/staff/access.ts): a link to one they may not would only say 404. */
export async function readableTickets(db: Db, actor: Actor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const params = new SqlParams([[...new Set(ids)]]);
  const rows = await db.query<{ id: string }>(`SELECT i.id FROM process_instances i WHERE i.id = ANY ($1::uuid[]) AND ${caseReadable(actor, 'i', params)}`, params.values);
  return new Set(rows.map((row) => row.id));
}
