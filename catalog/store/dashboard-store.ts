import { caseIdReadable, caseReadable, SqlParams, type Actor, type Db } from '../../engine/index.js';

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

/** An intake's town: its region (r) and two ancestors (p, g) joined, the first of them at town level. */
const INTAKE_REGIONS = `LEFT JOIN catalog_regions r ON r.code = n.region_code
      LEFT JOIN catalog_regions p ON p.code = r.parent_code
      LEFT JOIN catalog_regions g ON g.code = p.parent_code`;
const INTAKE_TOWN = `CASE WHEN r.level = 'town' THEN r.code WHEN p.level = 'town' THEN p.code WHEN g.level = 'town' THEN g.code END`;

/**
 * Each ticket of the scope with its town (its region, or the town above its village or grid), its handling unit (the
 * last unit it was dispatched to), its principal clock's deadline, and its final evaluation (after any 重办, 一张工单跟到底),
 * as CTEs ending in `tickets`. Only tickets the actor may read (engine/staff/access.ts): a town user their town's,
 * supervisors and city users all.
 *
 * Set-based, one pass over each table: the scope is read once (MATERIALIZED), a ticket's family (itself and its 重办
 * instances) once, and each fact joined by instance. (Correlated subqueries per ticket were each evaluated once per
 * reference after PostgreSQL pulled the scope up: 2万 tickets cost 0.7–2 s, and a planner estimate of millions
 * switched JIT on.)
 */
function ticketsCtes(actor: Actor, scope: DashboardScope, params: SqlParams, now: string): string {
  const from = params.add(scope.from);
  const to = params.add(scope.to);
  const town = params.add(scope.town ?? null);
  return `
    scope AS MATERIALIZED (
      SELECT n.instance_id, n.matter_code, i.status, i.ended_at,
        ${INTAKE_TOWN} AS town
      FROM catalog_intakes n
      JOIN process_instances i ON i.id = n.instance_id
      ${INTAKE_REGIONS}
      WHERE n.merged_into IS NULL AND n.received_at >= ${from} AND n.received_at < ${to}
        AND (${town}::text IS NULL OR ${town} IN (r.code, p.code, g.code))
        AND ${caseReadable(actor, 'i', params)}
    ),
    family AS MATERIALIZED (
      SELECT s.instance_id AS root, s.instance_id, 0 AS depth FROM scope s
      UNION ALL
      SELECT ro.root_instance_id, ro.instance_id, ro.reopen_count FROM case_reopens ro JOIN scope s ON s.instance_id = ro.root_instance_id
    ),
    units AS (
      SELECT DISTINCT ON (d.instance_id) d.instance_id, d.unit FROM catalog_dispatches d JOIN scope s ON s.instance_id = d.instance_id
      WHERE d.unit IS NOT NULL ORDER BY d.instance_id, d.seq DESC
    ),
    deadlines AS (
      SELECT DISTINCT ON (c.instance_id) c.instance_id, c.due_at FROM sla_clocks c JOIN scope s ON s.instance_id = c.instance_id
      WHERE c.subject = 'case' AND c.principal ORDER BY c.instance_id, c.created_at
    ),
    finals AS (
      SELECT DISTINCT ON (f.root) f.root, e.result FROM family f JOIN case_evaluations e ON e.instance_id = f.instance_id ORDER BY f.root, f.depth DESC
    ),
    reopens AS (SELECT f.root FROM family f WHERE f.instance_id <> f.root GROUP BY f.root),
    rectifications AS (
      SELECT f.root, count(*) AS rectifications, count(*) FILTER (WHERE c.due_at IS NOT NULL AND COALESCE(c.closed_at, ${now}) > c.due_at) AS overdue
      FROM family f JOIN case_rectifications c ON c.instance_id = f.instance_id GROUP BY f.root
    ),
    tickets AS (
      SELECT s.instance_id, s.matter_code, s.town, s.status, s.ended_at, u.unit, dl.due_at, fi.result,
        ro.root IS NOT NULL AS reopened,
        COALESCE(rc.rectifications, 0) AS rectifications, COALESCE(rc.overdue, 0) AS rectifications_overdue
      FROM scope s
      LEFT JOIN units u ON u.instance_id = s.instance_id
      LEFT JOIN deadlines dl ON dl.instance_id = s.instance_id
      LEFT JOIN finals fi ON fi.root = s.instance_id
      LEFT JOIN reopens ro ON ro.root = s.instance_id
      LEFT JOIN rectifications rc ON rc.root = s.instance_id
    )`;
}

/** Counts by category × town × unit, in one pass over the scope's tickets. */
export async function dashboardCells(db: Db, actor: Actor, scope: DashboardScope, now: Date): Promise<DashboardCell[]> {
  const params = new SqlParams([now, SATISFIED]);
  const ctes = ticketsCtes(actor, scope, params, '$1::timestamptz');
  const rows = await db.query<Record<keyof DashboardCell, string | number | null>>(
    `WITH ${ctes}
     SELECT t.matter_code AS "matterCode", t.town, t.unit, count(*) AS tickets,
       count(*) FILTER (WHERE t.status = 'completed' AND t.due_at IS NOT NULL) AS completed,
       count(*) FILTER (WHERE t.status = 'completed' AND t.due_at IS NOT NULL AND t.ended_at <= t.due_at) AS "onTime",
       count(*) FILTER (WHERE t.status = 'active' AND t.due_at < $1) AS "openOverdue",
       count(t.result) AS evaluations,
       count(*) FILTER (WHERE t.result = ANY ($2::text[])) AS satisfied,
       count(*) FILTER (WHERE t.reopened) AS reopened,
       count(*) FILTER (WHERE t.rectifications > 0) AS rectified,
       count(*) FILTER (WHERE t.rectifications_overdue > 0) AS "rectificationOverdue"
     FROM tickets t GROUP BY t.matter_code, t.town, t.unit`,
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

/**
 * Tickets by category × town × week (weeks from Monday, China time): what the hot spots are made of. The case is
 * read only to decide whether the actor may read it (not at all for a city-wide reader).
 */
export async function hotSpotCells(db: Db, actor: Actor, scope: DashboardScope): Promise<HotSpotCell[]> {
  const params = new SqlParams([]);
  const town = params.add(scope.town ?? null);
  const from = params.add(scope.from);
  const to = params.add(scope.to);
  const rows = await db.query<{ matterCode: string; town: string | null; week: string; tickets: string | number }>(
    `SELECT n.matter_code AS "matterCode",
       ${INTAKE_TOWN} AS town,
       to_char(date_trunc('week', n.received_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS week, count(*) AS tickets
     FROM catalog_intakes n
     ${INTAKE_REGIONS}
     WHERE n.merged_into IS NULL AND n.received_at >= ${from} AND n.received_at < ${to}
       AND (${town}::text IS NULL OR ${town} IN (r.code, p.code, g.code))
       AND ${caseIdReadable(actor, 'n.instance_id', params)}
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

/** The name of each of these regions (codes with no region are left out). */
export async function regionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.query<{ code: string; name: string }>('SELECT code, name FROM catalog_regions WHERE code = ANY ($1::text[])', [[...codes]]);
  return new Map(rows.map((row) => [row.code, row.name]));
}
