import { caseReadable, SqlParams, type Actor, type Db } from '../../engine/index.js';

/** The tickets the dashboards count: taken in through 集中受理 in [from, to), not merged away, in one town or all. */
export interface DashboardScope {
  from: Date;
  to: Date;
  /** A town (镇街) code: its tickets and those of its villages; none for the whole city. */
  town?: string;
}

/** Counts for one category × town × handling unit: every rate is computed from these. */
export interface DashboardCell {
  matterCode: string;
  town: string | null;
  unit: string | null;
  tickets: number;
  completed: number;
  onTime: number;
  openOverdue: number;
  evaluations: number;
  satisfied: number;
  reopened: number;
  rectified: number;
  rectificationOverdue: number;
}

export interface HotSpotCell {
  matterCode: string;
  town: string | null;
  /** Monday of the week (Asia/Shanghai), YYYY-MM-DD. */
  week: string;
  tickets: number;
}

/** Satisfied on the 好差评 scale: 非常满意, 满意, 基本满意. */
const SATISFIED = ['非常满意', '满意', '基本满意'];

/**
 * Each ticket of the scope with its town (its region, or the town above its village or grid), its handling unit (the
 * last unit it was dispatched to), its principal clock's deadline, and its final evaluation (after any 重办, 一张工单跟到底).
 * Only tickets the actor may read (engine/staff/access.ts): a town user their town's, supervisors and city users all.
 * Every join is by a key with an index (catalog_intakes_received, sla_clocks_instance, case_reopens_root, …).
 */
function ticketsSql(actor: Actor, scope: DashboardScope, params: SqlParams, now: string): string {
  const from = params.add(scope.from);
  const to = params.add(scope.to);
  const town = params.add(scope.town ?? null);
  return `
    SELECT n.instance_id, n.matter_code, n.received_at, i.status, i.ended_at,
      CASE WHEN r.level = 'town' THEN r.code WHEN p.level = 'town' THEN p.code WHEN g.level = 'town' THEN g.code END AS town,
      (SELECT d.unit FROM catalog_dispatches d WHERE d.instance_id = n.instance_id AND d.unit IS NOT NULL ORDER BY d.seq DESC LIMIT 1) AS unit,
      (SELECT s.due_at FROM sla_clocks s WHERE s.instance_id = n.instance_id AND s.subject = 'case' AND s.principal ORDER BY s.created_at LIMIT 1) AS due_at,
      (SELECT x.result FROM (
         SELECT e.result, 0 AS depth FROM case_evaluations e WHERE e.instance_id = n.instance_id
         UNION ALL SELECT e.result, ro.reopen_count FROM case_reopens ro JOIN case_evaluations e ON e.instance_id = ro.instance_id WHERE ro.root_instance_id = n.instance_id
       ) x ORDER BY x.depth DESC LIMIT 1) AS result,
      EXISTS (SELECT 1 FROM case_reopens ro WHERE ro.root_instance_id = n.instance_id) AS reopened,
      (SELECT count(*) FROM case_rectifications c WHERE c.instance_id = n.instance_id
         OR c.instance_id IN (SELECT ro.instance_id FROM case_reopens ro WHERE ro.root_instance_id = n.instance_id)) AS rectifications,
      (SELECT count(*) FROM case_rectifications c WHERE (c.instance_id = n.instance_id
         OR c.instance_id IN (SELECT ro.instance_id FROM case_reopens ro WHERE ro.root_instance_id = n.instance_id))
         AND c.due_at IS NOT NULL AND COALESCE(c.closed_at, ${now}) > c.due_at) AS rectifications_overdue
    FROM catalog_intakes n
    JOIN process_instances i ON i.id = n.instance_id
    LEFT JOIN catalog_regions r ON r.code = n.region_code
    LEFT JOIN catalog_regions p ON p.code = r.parent_code
    LEFT JOIN catalog_regions g ON g.code = p.parent_code
    WHERE n.merged_into IS NULL AND n.received_at >= ${from} AND n.received_at < ${to}
      AND (${town}::text IS NULL OR ${town} IN (r.code, p.code, g.code))
      AND ${caseReadable(actor, 'i', params)}`;
}

/** Counts by category × town × unit, in one pass over the scope's tickets. */
export async function dashboardCells(db: Db, actor: Actor, scope: DashboardScope, now: Date): Promise<DashboardCell[]> {
  const params = new SqlParams([now, SATISFIED]);
  const tickets = ticketsSql(actor, scope, params, '$1::timestamptz');
  const rows = await db.query<Record<keyof DashboardCell, string | number | null>>(
    `SELECT t.matter_code AS "matterCode", t.town, t.unit, count(*) AS tickets,
       count(*) FILTER (WHERE t.status = 'completed' AND t.due_at IS NOT NULL) AS completed,
       count(*) FILTER (WHERE t.status = 'completed' AND t.due_at IS NOT NULL AND t.ended_at <= t.due_at) AS "onTime",
       count(*) FILTER (WHERE t.status = 'active' AND t.due_at < $1) AS "openOverdue",
       count(t.result) AS evaluations,
       count(*) FILTER (WHERE t.result = ANY ($2::text[])) AS satisfied,
       count(*) FILTER (WHERE t.reopened) AS reopened,
       count(*) FILTER (WHERE t.rectifications > 0) AS rectified,
       count(*) FILTER (WHERE t.rectifications_overdue > 0) AS "rectificationOverdue"
     FROM (${tickets}) t GROUP BY t.matter_code, t.town, t.unit`,
    params.values,
  );
  return rows.map((row) => ({
    matterCode: String(row.matterCode),
    town: row.town === null ? null : String(row.town),
    unit: row.unit === null ? null : String(row.unit),
    tickets: Number(row.tickets),
    completed: Number(row.completed),
    onTime: Number(row.onTime),
    openOverdue: Number(row.openOverdue),
    evaluations: Number(row.evaluations),
    satisfied: Number(row.satisfied),
    reopened: Number(row.reopened),
    rectified: Number(row.rectified),
    rectificationOverdue: Number(row.rectificationOverdue),
  }));
}

/** Tickets by category × town × week (weeks from Monday, China time): what the hot spots are made of. */
export async function hotSpotCells(db: Db, actor: Actor, scope: DashboardScope): Promise<HotSpotCell[]> {
  const params = new SqlParams([]);
  const town = params.add(scope.town ?? null);
  const from = params.add(scope.from);
  const to = params.add(scope.to);
  const rows = await db.query<{ matterCode: string; town: string | null; week: string; tickets: string | number }>(
    `SELECT n.matter_code AS "matterCode",
       CASE WHEN r.level = 'town' THEN r.code WHEN p.level = 'town' THEN p.code WHEN g.level = 'town' THEN g.code END AS town,
       to_char(date_trunc('week', n.received_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS week, count(*) AS tickets
     FROM catalog_intakes n
     JOIN process_instances i ON i.id = n.instance_id
     LEFT JOIN catalog_regions r ON r.code = n.region_code
     LEFT JOIN catalog_regions p ON p.code = r.parent_code
     LEFT JOIN catalog_regions g ON g.code = p.parent_code
     WHERE n.merged_into IS NULL AND n.received_at >= ${from} AND n.received_at < ${to}
       AND (${town}::text IS NULL OR ${town} IN (r.code, p.code, g.code))
       AND ${caseReadable(actor, 'i', params)}
     GROUP BY 1, 2, 3`,
    params.values,
  );
  return rows.map((row) => ({ matterCode: row.matterCode, town: row.town, week: row.week, tickets: Number(row.tickets) }));
}

/** The current name of each matter. */
export async function matterNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ code: string; name: string }>(`SELECT DISTINCT ON (code) code, name FROM catalog_matter_versions WHERE code = ANY ($1::text[]) ORDER BY code, version DESC`, [[...codes]]);
  return new Map(rows.map((row) => [row.code, row.name]));
}

export async function regionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ code: string; name: string }>('SELECT code, name FROM catalog_regions WHERE code = ANY ($1::text[])', [[...codes]]);
  return new Map(rows.map((row) => [row.code, row.name]));
}
