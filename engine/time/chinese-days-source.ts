import { createRequire } from 'node:module';
import type { OfficialDay, YearSchedule } from './calendar-data.js';

const require = createRequire(import.meta.url);

/** The shape of chinese-days' bundled data: date → "English name,中文名,days". */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export const CHINESE_DAYS_SOURCE = 'chinese-days';

/**
 * The official schedules shipped in the npm package chinese-days (2004–2026 in 1.5.7), one per calendar year of
 * the dates (chinese-days does not keep which notice a late-December day came from). Upgrading the package is
 * one way to get a newly published year.
 */
export function chineseDaysSchedules(): YearSchedule[] {
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const byYear = new Map<number, OfficialDay[]>();
  const add = (entries: Record<string, string>, isOffDay: boolean): void => {
    for (const [date, label] of Object.entries(entries)) {
      const year = Number(date.slice(0, 4));
      const name = label.split(',')[1] ?? label;
      const days = byYear.get(year) ?? [];
      days.push({ date, name, isOffDay });
      byYear.set(year, days);
    }
  };
  add(data.holidays, true);
  add(data.workdays, false);
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => ({ year, days: days.sort((a, b) => a.date.localeCompare(b.date)), source: CHINESE_DAYS_SOURCE }));
}
