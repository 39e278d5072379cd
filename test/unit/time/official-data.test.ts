import { readFileSync } from 'node:fs';
import {
  BusinessCalendar,
  calendarFromLayers,
  CalendarYearNotLoadedError,
  chineseDaysSchedules,
  scheduleFromHolidayCn,
  type HolidayCnFile,
} from '../../../engine/time/index.js';

// The reference is the copy of NateScarlet/holiday-cn in engine/time/data/holidays-cn (see NOTICE.md there).
const dataDir = new URL('../../../engine/time/data/holidays-cn/', import.meta.url);
const readYear = (year: number): HolidayCnFile => JSON.parse(readFileSync(new URL(`${year}.json`, dataDir), 'utf8')) as HolidayCnFile;

/** What the State Council data says about every listed day: true = working (调休), false = day off. */
function officialListing(): Map<string, boolean> {
  const listed = new Map<string, boolean>();
  for (let year = 2007; year <= 2027; year++) for (const day of readYear(year).days) listed.set(day.date, !day.isOffDay);
  return listed;
}

function* everyDate(from: string, to: string): Generator<{ iso: string; weekday: number }> {
  for (let date = new Date(`${from}T00:00:00Z`); date <= new Date(`${to}T00:00:00Z`); date.setUTCDate(date.getUTCDate() + 1)) {
    yield { iso: date.toISOString().slice(0, 10), weekday: date.getUTCDay() };
  }
}

function disagreements(calendar: BusinessCalendar): string[] {
  const listed = officialListing();
  const wrong: string[] = [];
  for (const { iso, weekday } of everyDate('2007-01-01', '2026-12-31')) {
    const expected = listed.get(iso) ?? (weekday !== 0 && weekday !== 6);
    if (calendar.isWorkingDay(iso) !== expected) wrong.push(`${iso}: expected ${expected ? 'working' : 'off'}`);
  }
  return wrong;
}

describe('the business calendar agrees with the State Council schedules 2007–2026 (holiday-cn)', () => {
  test('the default calendar (chinese-days + bundled holiday-cn) agrees on every date', () => {
    expect(disagreements(calendarFromLayers())).toEqual([]);
  });

  test('chinese-days alone, an independent source, agrees on every date', () => {
    expect(disagreements(BusinessCalendar.fromData({ years: chineseDaysSchedules() }))).toEqual([]);
  });

  test('the check can fail: a calendar that ignores 调休 working days disagrees', () => {
    const holidaysOnly = chineseDaysSchedules().map((schedule) => ({ ...schedule, days: schedule.days.filter((day) => day.isOffDay) }));
    const wrong = disagreements(BusinessCalendar.fromData({ years: holidaysOnly }));
    expect(wrong).toContain('2025-09-28: expected working');
    expect(wrong).toContain('2025-10-11: expected working');
  });

  test('the covered years are 2004–2026 and nothing later', () => {
    const calendar = calendarFromLayers();
    expect(calendar.years()[0]).toBe(2004);
    expect(calendar.years().at(-1)).toBe(2026);
    expect(calendar.scheduleOf(2025)?.papers).toEqual(['https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm']);
  });
});

describe('2027 is not published: every question about it is an error that says how to load it', () => {
  const calendar = calendarFromLayers();

  test('a 2027 date is a CalendarYearNotLoadedError naming the year and the admin endpoint', () => {
    let caught: unknown;
    try {
      calendar.isWorkingDay('2027-01-04');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalendarYearNotLoadedError);
    const error = caught as CalendarYearNotLoadedError;
    expect(error.year).toBe(2027);
    expect(error.code).toBe('CALENDAR_YEAR_NOT_LOADED');
    expect(error.message).toContain('POST /api/v1/calendar/years/2027');
    expect(error.messageZh).toContain('2027 年');
  });

  test('counting across New Year into 2027 errors instead of guessing Monday to Friday', () => {
    expect(calendar.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    expect(() => calendar.addWorkingDays('2026-12-30', 2)).toThrow(CalendarYearNotLoadedError);
    expect(() => calendar.countWorkingDays('2026-12-01', '2027-01-10')).toThrow(/2027/);
  });

  test('the empty 2027 file does not count as a schedule', () => {
    const withEmpty2027 = calendarFromLayers({ loadedYears: [scheduleFromHolidayCn(readYear(2027), 'test')] });
    expect(withEmpty2027.coversYear(2027)).toBe(false);
    expect(() => withEmpty2027.isWorkingDay('2027-03-01')).toThrow(CalendarYearNotLoadedError);
  });

  test('once a 2027 schedule is loaded, 2027 dates are answered, with its 调休 days', () => {
    const loaded = calendarFromLayers({
      loadedYears: [{ year: 2027, source: 'database', days: [{ date: '2027-01-01', name: '元旦', isOffDay: true }, { date: '2027-01-09', name: '元旦', isOffDay: false }] }],
    });
    expect(loaded.isWorkingDay('2027-01-01')).toBe(false);
    expect(loaded.isWorkingDay('2027-01-09')).toBe(true);
    expect(loaded.isWorkingDay('2027-01-04')).toBe(true);
    expect(loaded.addWorkingDays('2026-12-30', 2)).toBe('2027-01-04');
  });
});

describe('year boundaries: a late-December day can be decided by the next year’s notice', () => {
  test('2018-12-29 (Saturday) is a working day by the 2019 notice', () => {
    const calendar = BusinessCalendar.fromData({ years: [2018, 2019].map((year) => scheduleFromHolidayCn(readYear(year), 'holiday-cn')) });
    expect(calendar.describeDay('2018-12-29')).toMatchObject({ working: true, reason: 'makeupWorkday', name: '元旦' });
    expect(calendar.describeDay('2018-12-31')).toMatchObject({ working: false, reason: 'statutoryHoliday' });
  });

  test('without the next year’s notice the day is answered but flagged provisional', () => {
    const calendar = BusinessCalendar.fromData({ years: [scheduleFromHolidayCn(readYear(2018), 'holiday-cn')] });
    expect(calendar.describeDay('2018-12-29')).toEqual({ date: '2018-12-29', working: false, reason: 'weekend', provisional: true });
    expect(calendarFromLayers().describeDay('2026-12-27').provisional).toBe(true);
    expect(calendarFromLayers().describeDay('2025-12-27').provisional).toBeUndefined();
  });
});
