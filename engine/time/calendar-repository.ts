import { officeHoursFromEnv } from './office-hours-config.js';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import { calendarChanges, calendarRevision, recordCalendarChange, type CalendarChangeAction } from '../store/time/calendar-changes.js';
import { calendarOverrides, deleteCalendarOverride, insertCalendarOverride, overrideIdOn, type CalendarOverrideRow } from '../store/time/calendar-overrides.js';
import { calendarYears, upsertCalendarYear } from '../store/time/calendar-years.js';
import type { BusinessCalendar } from './business-calendar.js';
import type { LocalOverride, OfficeHours, OfficialDay, YearSchedule } from './calendar-data.js';
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
  action: CalendarChangeAction;
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
    const current = await calendarRevision(this.db);
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
    const rows = await calendarYears(this.db);
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
      await upsertCalendarYear(tx, { year: file.year, papers, days, actor, at: now, reason: reason ?? null });
      await recordCalendarChange(tx, 'year-loaded', { year: file.year, details: { days: days.length, papers }, actor, at: now, reason });
    });
    return { year: file.year, papers, days, loadedBy: actor, loadedAt: now, reason: reason ?? null };
  }

  async listOverrides(range: { from?: string; to?: string } = {}): Promise<StoredOverride[]> {
    const rows = await calendarOverrides(this.db, range);
    return rows.map(toStoredOverride);
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
      const existing = await overrideIdOn(tx, override.date);
      if (existing !== undefined) {
        throw new EngineError('conflict', `${override.date} already has a local override (${existing}); delete it first`, `${override.date} 已有本地调整（${existing}），请先删除`);
      }
      await insertCalendarOverride(tx, stored);
      await recordCalendarChange(tx, 'override-added', { date: stored.date, details: { id: stored.id, kind: stored.kind, name: stored.name }, actor, at: stored.createdAt, reason: stored.reason });
      return stored;
    });
  }

  /** Deletes an override; the change trail keeps what it was and why it went. */
  async deleteOverride(id: string, actor: string, reason?: string): Promise<StoredOverride> {
    return this.db.transaction(async (tx) => {
      const row = await deleteCalendarOverride(tx, id);
      if (!row) throw new EngineError('not-found', `No calendar override ${id}`, `日历调整 ${id} 不存在`);
      const deleted = toStoredOverride(row);
      await recordCalendarChange(tx, 'override-deleted', { date: deleted.date, details: { ...deleted, createdAt: deleted.createdAt.toISOString() }, actor, at: this.clock.now(), reason });
      return deleted;
    });
  }

  async changes(limit = 100): Promise<CalendarChange[]> {
    const rows = await calendarChanges(this.db, limit);
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
}

function toStoredOverride(row: CalendarOverrideRow): StoredOverride {
  return { id: row.id, date: row.day, kind: row.kind, name: row.name, reason: row.reason, createdBy: row.created_by, createdAt: new Date(row.created_at) };
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
