import { officeHoursFromEnv } from './office-hours-config.js';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import { jsonb } from '../store/jsonb.js';
import type { BusinessCalendar } from './business-calendar.js';
import type { LocalOverride, OfficeHours, OfficialDay, OverrideKind, YearSchedule } from './calendar-data.js';
import { dayNumberFromParts, isValidIsoDate, parseIsoDate } from './civil-date.js';
import type { HolidayCnFile } from './holiday-cn-source.js';
import { calendarFromLayers } from './official-schedules.js';

export const DATABASE_SOURCE = 'database';

export interface StoredYear {
  year: number;
  papers: string[];
  days: OfficialDay[];
  loadedBy: string;
  loadedAt: Date;
  reason: string | null;
}

export interface StoredOverride extends LocalOverride {
  id: string;
  createdBy: string;
  createdAt: Date;
}

export interface CalendarChange {
  seq: number;
  action: 'year-loaded' | 'override-added' | 'override-deleted';
  year: number | null;
  date: string | null;
  details: Record<string, unknown>;
  changedBy: string;
  changedAt: Date;
  reason: string | null;
}

interface Clock {
  now(): Date;
}

/**
 * The business calendar as the database holds it: the schedules shipped with the code (chinese-days, bundled
 * holiday-cn) merged with years an administrator loaded and local overrides. Every change is recorded in
 * calendar_changes; its highest seq is the revision, so a cached calendar is rebuilt only after a change made by
 * any process.
 */
export class CalendarRepository {
  private cached: { revision: number; calendar: BusinessCalendar } | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock = { now: () => new Date() },
    private readonly officeHours: OfficeHours | undefined = officeHoursFromEnv(),
  ) {}

  /** The current calendar (cached until the calendar changes). */
  async calendar(): Promise<BusinessCalendar> {
    const [{ revision }] = await this.db.query<{ revision: string | number }>('SELECT coalesce(max(seq), 0) AS revision FROM calendar_changes');
    const current = Number(revision);
    if (this.cached?.revision === current) return this.cached.calendar;
    const [years, overrides] = await Promise.all([this.loadedYears(), this.listOverrides()]);
    const calendar = calendarFromLayers({
      loadedYears: years.map((year): YearSchedule => ({ year: year.year, papers: year.papers, days: year.days, source: DATABASE_SOURCE })),
      overrides,
      ...(this.officeHours ? { officeHours: this.officeHours } : {}),
    });
    this.cached = { revision: current, calendar };
    return calendar;
  }

  async loadedYears(): Promise<StoredYear[]> {
    const rows = await this.db.query<{ year: number; papers: string[]; days: OfficialDay[]; loaded_by: string; loaded_at: Date; reason: string | null }>(
      'SELECT year, papers, days, loaded_by, loaded_at, reason FROM calendar_years ORDER BY year',
    );
    return rows.map((row) => ({ year: row.year, papers: row.papers, days: row.days, loadedBy: row.loaded_by, loadedAt: new Date(row.loaded_at), reason: row.reason }));
  }

  /**
   * Loads (or replaces) a year's official schedule, e.g. when the State Council publishes next year's arrangement.
   * Throws EngineError('invalid') naming each bad day; nothing is written then.
   */
  async saveYear(file: HolidayCnFile, actor: string, reason?: string): Promise<StoredYear> {
    checkYearFile(file);
    const days = file.days.map(({ date, name, isOffDay }) => ({ date, name, isOffDay }));
    const papers = file.papers ?? [];
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO calendar_years (year, papers, days, loaded_by, loaded_at, reason) VALUES ($1, $2::jsonb, $3::jsonb, $4, $5, $6)
         ON CONFLICT (year) DO UPDATE SET papers = EXCLUDED.papers, days = EXCLUDED.days, loaded_by = EXCLUDED.loaded_by, loaded_at = EXCLUDED.loaded_at, reason = EXCLUDED.reason`,
        [file.year, jsonb(papers), jsonb(days), actor, now, reason ?? null],
      );
      await this.recordChange(tx, 'year-loaded', { year: file.year, details: { days: days.length, papers }, actor, at: now, reason });
    });
    return { year: file.year, papers, days, loadedBy: actor, loadedAt: now, reason: reason ?? null };
  }

  async listOverrides(range: { from?: string; to?: string } = {}): Promise<StoredOverride[]> {
    const rows = await this.db.query<{ id: string; day: string; kind: OverrideKind; name: string; reason: string; created_by: string; created_at: Date }>(
      `SELECT id, day::text AS day, kind, name, reason, created_by, created_at FROM calendar_overrides
       WHERE ($1::date IS NULL OR day >= $1::date) AND ($2::date IS NULL OR day <= $2::date) ORDER BY day`,
      [range.from ?? null, range.to ?? null],
    );
    return rows.map((row) => ({ id: row.id, date: row.day, kind: row.kind, name: row.name, reason: row.reason, createdBy: row.created_by, createdAt: new Date(row.created_at) }));
  }

  /** Adds a local override. One per date: a second one for the same date is a conflict (delete the first). */
  async addOverride(override: LocalOverride, actor: string): Promise<StoredOverride> {
    if (!isValidIsoDate(override.date)) {
      throw new EngineError('invalid', `"${override.date}" is not a calendar date`, `“${override.date}”不是有效日期`, [
        { message: `date "${override.date}" does not exist (YYYY-MM-DD)`, messageZh: `日期“${override.date}”不存在（YYYY-MM-DD）` },
      ]);
    }
    const stored: StoredOverride = { ...override, id: randomUUID(), createdBy: actor, createdAt: this.clock.now() };
    return this.db.transaction(async (tx) => {
      const existing = await tx.query<{ id: string }>('SELECT id FROM calendar_overrides WHERE day = $1::date', [override.date]);
      if (existing.length > 0) {
        throw new EngineError('conflict', `${override.date} already has a local override (${existing[0].id}); delete it first`, `${override.date} 已有本地调整（${existing[0].id}），请先删除`);
      }
      await tx.query('INSERT INTO calendar_overrides (id, day, kind, name, reason, created_by, created_at) VALUES ($1, $2::date, $3, $4, $5, $6, $7)', [
        stored.id,
        stored.date,
        stored.kind,
        stored.name,
        stored.reason,
        actor,
        stored.createdAt,
      ]);
      await this.recordChange(tx, 'override-added', { date: stored.date, details: { id: stored.id, kind: stored.kind, name: stored.name }, actor, at: stored.createdAt, reason: stored.reason });
      return stored;
    });
  }

  /** Deletes an override; the change trail keeps what it was and why it went. */
  async deleteOverride(id: string, actor: string, reason?: string): Promise<StoredOverride> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string; day: string; kind: OverrideKind; name: string; reason: string; created_by: string; created_at: Date }>(
        'DELETE FROM calendar_overrides WHERE id::text = $1 RETURNING id, day::text AS day, kind, name, reason, created_by, created_at',
        [id],
      );
      if (!row) throw new EngineError('not-found', `No calendar override ${id}`, `日历调整 ${id} 不存在`);
      const deleted: StoredOverride = { id: row.id, date: row.day, kind: row.kind, name: row.name, reason: row.reason, createdBy: row.created_by, createdAt: new Date(row.created_at) };
      await this.recordChange(tx, 'override-deleted', { date: deleted.date, details: { ...deleted, createdAt: deleted.createdAt.toISOString() }, actor, at: this.clock.now(), reason });
      return deleted;
    });
  }

  async changes(limit = 100): Promise<CalendarChange[]> {
    const rows = await this.db.query<{ seq: string | number; action: CalendarChange['action']; year: number | null; day: string | null; details: Record<string, unknown>; changed_by: string; changed_at: Date; reason: string | null }>(
      'SELECT seq, action, year, day::text AS day, details, changed_by, changed_at, reason FROM calendar_changes ORDER BY seq DESC LIMIT $1',
      [limit],
    );
    return rows.map((row) => ({
      seq: Number(row.seq),
      action: row.action,
      year: row.year,
      date: row.day,
      details: row.details,
      changedBy: row.changed_by,
      changedAt: new Date(row.changed_at),
      reason: row.reason,
    }));
  }

  private async recordChange(
    tx: Db,
    action: CalendarChange['action'],
    change: { year?: number; date?: string; details: Record<string, unknown>; actor: string; at: Date; reason?: string },
  ): Promise<void> {
    await tx.query('INSERT INTO calendar_changes (action, year, day, details, changed_by, changed_at, reason) VALUES ($1, $2, $3::date, $4::jsonb, $5, $6, $7)', [
      action,
      change.year ?? null,
      change.date ?? null,
      jsonb(change.details),
      change.actor,
      change.at,
      change.reason ?? null,
    ]);
  }
}

/**
 * A year's days must be real dates inside the notice's reach (December of the year before through the year
 * itself), each named once; otherwise the whole file is refused, naming every bad day.
 */
function checkYearFile(file: HolidayCnFile): void {
  const problems: Array<{ message: string; messageZh: string }> = [];
  const earliest = dayNumberFromParts(file.year - 1, 12, 1);
  const latest = dayNumberFromParts(file.year, 12, 31);
  const seen = new Set<string>();
  if (file.days.length === 0) problems.push({ message: 'days is empty: an unpublished year cannot be loaded', messageZh: 'days 为空：尚未公布的年份不能加载' });
  file.days.forEach((day, index) => {
    const where = `/days/${index}/date`;
    if (!isValidIsoDate(day.date)) {
      problems.push({ message: `${where} "${day.date}" does not exist`, messageZh: `${where}“${day.date}”不是有效日期` });
      return;
    }
    const number = parseIsoDate(day.date);
    if (number < earliest || number > latest) {
      problems.push({ message: `${where} ${day.date} is outside ${file.year - 1}-12 … ${file.year}-12`, messageZh: `${where} ${day.date} 不在 ${file.year - 1} 年 12 月至 ${file.year} 年底范围内` });
    }
    if (seen.has(day.date)) problems.push({ message: `${where} ${day.date} is listed twice`, messageZh: `${where} ${day.date} 重复` });
    seen.add(day.date);
  });
  if (problems.length > 0) throw new EngineError('invalid', `The ${file.year} schedule is invalid`, `${file.year} 年节假日安排不合法`, problems);
}
