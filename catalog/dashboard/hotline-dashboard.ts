import type { Actor } from '../../engine/index.js';
import type { Catalog } from '../catalog.js';
import { CatalogError } from '../validation/catalog-error.js';
import { dashboardCells, hotSpotCells, matterNames, regionNames, type DashboardCell, type DashboardScope } from '../store/dashboard-store.js';
import { regionLevel } from '../store/regions.js';

export const DASHBOARD_GROUPS = ['category', 'town', 'unit'] as const;
export type DashboardGroup = (typeof DASHBOARD_GROUPS)[number];

/** One line of a dashboard: counts and the two rates that matter (按时办结率, 满意率). */
export interface RateRow {
  key: string | null;
  name: string;
  tickets: number;
  /** Completed tickets with a deadline, and of those completed by it (the first handling, before any 重办). */
  completed: number;
  onTime: number;
  onTimeRate: number | null;
  openOverdue: number;
  /** The final evaluation of each ticket (after any 重办); satisfied: 非常满意, 满意, 基本满意. */
  evaluations: number;
  satisfied: number;
  satisfactionRate: number | null;
  reopened: number;
  rectified: number;
  rectificationOverdue: number;
}

export interface HotSpotRow {
  matterCode: string;
  matterName: string;
  town: string | null;
  townName: string;
  /** Tickets per week, in the order of `weeks`. */
  counts: number[];
  total: number;
  /** Last week minus the week before. */
  rise: number;
}

export interface HotSpots {
  weeks: string[];
  /** The busiest category × town pairs, most tickets first. */
  rows: HotSpotRow[];
  /** The pairs that rose most from the week before the last to the last, largest rise first. */
  rising: HotSpotRow[];
}

const COUNTS = ['tickets', 'completed', 'onTime', 'openOverdue', 'evaluations', 'satisfied', 'reopened', 'rectified', 'rectificationOverdue'] as const;

/** Four decimals: a rate as exact as a dashboard shows it (99.99%). */
function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function rateRow(key: string | null, name: string, cells: DashboardCell[]): RateRow {
  const sum = Object.fromEntries(COUNTS.map((count) => [count, cells.reduce((total, cell) => total + cell[count], 0)])) as Record<(typeof COUNTS)[number], number>;
  return { key, name, ...sum, onTimeRate: rate(sum.onTime, sum.completed), satisfactionRate: rate(sum.satisfied, sum.evaluations) };
}

/**
 * The 12345 dashboards of the city and of each town (issue 14, item 6): on-time and satisfaction rates, overall and
 * by category, town or handling unit, and the hot spots (category × town by week). Counted in the database in one
 * pass over the period's tickets, within what the actor may read.
 */
export class HotlineDashboard {
  constructor(private readonly catalog: Catalog) {}

  async scope(actor: Actor, input: { from?: Date; to?: Date; town?: string }): Promise<DashboardScope> {
    const now = this.catalog.engine.clock.now();
    const to = input.to ?? now;
    const from = input.from ?? new Date(to.getTime() - 30 * 86_400_000);
    if (from.getTime() >= to.getTime()) throw new CatalogError('invalid', 'from must be before to', '开始时间须早于结束时间', [{ code: 'empty-period', field: '/from', message: 'Empty period', messageZh: '时间段为空' }]);
    if (input.town) {
      if ((await regionLevel(this.catalog.db, input.town)) !== 'town') throw new CatalogError('invalid', `'${input.town}' is no town (镇街)`, `“${input.town}”不是镇街`, [{ code: 'not-a-town', field: '/town', message: 'Not a town', messageZh: '不是镇街' }]);
    }
    return { from, to, ...(input.town ? { town: input.town } : {}) };
  }

  async summary(actor: Actor, scope: DashboardScope): Promise<RateRow> {
    const cells = await dashboardCells(this.catalog.db, actor, scope, this.catalog.engine.clock.now());
    const name = scope.town ? ((await regionNames(this.catalog.db, [scope.town])).get(scope.town) ?? scope.town) : '全市';
    return rateRow(scope.town ?? null, name, cells);
  }

  /** Rates by category, town or unit, most tickets first. */
  async rates(actor: Actor, scope: DashboardScope, groupBy: DashboardGroup): Promise<RateRow[]> {
    const cells = await dashboardCells(this.catalog.db, actor, scope, this.catalog.engine.clock.now());
    const keyOf = (cell: DashboardCell) => (groupBy === 'category' ? cell.matterCode : groupBy === 'town' ? cell.town : cell.unit);
    const groups = new Map<string | null, DashboardCell[]>();
    for (const cell of cells) groups.set(keyOf(cell), [...(groups.get(keyOf(cell)) ?? []), cell]);
    const keys = [...groups.keys()].filter((key): key is string => key !== null);
    const names = await this.names(groupBy, keys);
    const none = groupBy === 'unit' ? '未分拨' : groupBy === 'town' ? '市级（未到镇街）' : '未分类';
    return [...groups.entries()]
      .map(([key, list]) => rateRow(key, key === null ? none : (names.get(key) ?? key), list))
      .sort((a, b) => b.tickets - a.tickets || String(a.key).localeCompare(String(b.key)));
  }

  /** Category × town by week: the busiest pairs (at most `top`) and those rising most in the last week. */
  async hotSpots(actor: Actor, scope: DashboardScope, top = 15): Promise<HotSpots> {
    const cells = await hotSpotCells(this.catalog.db, actor, scope);
    const weeks = weeksOf(scope);
    const pairs = new Map<string, { matterCode: string; town: string | null; counts: number[] }>();
    for (const cell of cells) {
      const key = `${cell.matterCode}|${cell.town ?? ''}`;
      const pair = pairs.get(key) ?? { matterCode: cell.matterCode, town: cell.town, counts: weeks.map(() => 0) };
      const index = weeks.indexOf(cell.week);
      if (index >= 0) pair.counts[index] += cell.tickets;
      pairs.set(key, pair);
    }
    const matters = await matterNames(this.catalog.db, [...new Set(cells.map((cell) => cell.matterCode))]);
    const towns = await regionNames(this.catalog.db, [...new Set(cells.map((cell) => cell.town).filter((town): town is string => town !== null))]);
    const rows = [...pairs.values()].map((pair) => {
      const last = pair.counts[pair.counts.length - 1] ?? 0;
      const before = pair.counts[pair.counts.length - 2] ?? 0;
      return {
        ...pair,
        matterName: matters.get(pair.matterCode) ?? pair.matterCode,
        townName: pair.town ? (towns.get(pair.town) ?? pair.town) : '市级（未到镇街）',
        total: pair.counts.reduce((sum, count) => sum + count, 0),
        rise: last - before,
      };
    });
    const order = (a: HotSpotRow, b: HotSpotRow) => a.matterCode.localeCompare(b.matterCode) || String(a.town).localeCompare(String(b.town));
    return {
      weeks,
      rows: [...rows].sort((a, b) => b.total - a.total || order(a, b)).slice(0, top),
      rising: rows.filter((row) => row.rise > 0).sort((a, b) => b.rise - a.rise || order(a, b)).slice(0, top),
    };
  }

  private async names(groupBy: DashboardGroup, keys: string[]): Promise<Map<string, string>> {
    if (groupBy === 'category') return matterNames(this.catalog.db, keys);
    if (groupBy === 'town') return regionNames(this.catalog.db, keys);
    const directory = this.catalog.engine.staff.directory;
    return new Map(keys.map((key) => [key, directory.unit(key)?.name ?? directory.department(key)?.name ?? key]));
  }
}

/** The Mondays (China time) of the weeks the period touches, oldest first. */
export function weeksOf(scope: { from: Date; to: Date }): string[] {
  const day = 86_400_000;
  const shanghai = (date: Date) => new Date(date.getTime() + 8 * 3_600_000);
  const start = shanghai(scope.from);
  const monday = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()) - ((start.getUTCDay() + 6) % 7) * day;
  const end = shanghai(new Date(scope.to.getTime() - 1)).getTime();
  const weeks: string[] = [];
  for (let at = monday; at <= end; at += 7 * day) weeks.push(new Date(at).toISOString().slice(0, 10));
  return weeks;
}
