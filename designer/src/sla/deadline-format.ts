/**
 * A deadline as the law counts it, in China time whatever the browser's zone.
 *
 * The SLA engine stores a day-counted limit as the instant it ends: 24:00 Asia/Shanghai of its last
 * day, which is the next day's 00:00 (engine/time/deadline.ts). A clerk reads that as the last day
 * itself: "12-09 止", not "2026-12-10 00:00". A limit that ends within a day (an hour rule, office
 * hours) keeps its time: "12-09 当日 17:30". Pure (no DOM, no storage), so it is unit-tested in Node.
 */

export type DeadlineLanguage = 'zh-CN' | 'en';

export interface DeadlineParts {
  /** The last day, Asia/Shanghai, YYYY-MM-DD. */
  day: string;
  /** HH:mm when the limit ends within that day; null when it runs to the day's end. */
  time: string | null;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

function shanghaiParts(date: Date): Record<string, string> {
  return Object.fromEntries(SHANGHAI.formatToParts(date).map((entry) => [entry.type, entry.value]));
}

/** The last day and (unless it runs to 24:00) the time of a deadline; null for no or a bad date. */
export function deadlineParts(iso: string | null | undefined): DeadlineParts | null {
  if (!iso) return null;
  const due = new Date(iso);
  if (Number.isNaN(due.getTime())) return null;
  const part = shanghaiParts(due);
  if (part.hour === '00' && part.minute === '00' && part.second === '00') {
    // 24:00 of the day before: the limit includes that whole day.
    const lastDay = shanghaiParts(new Date(due.getTime() - 1));
    return { day: `${lastDay.year}-${lastDay.month}-${lastDay.day}`, time: null };
  }
  return { day: `${part.year}-${part.month}-${part.day}`, time: `${part.hour}:${part.minute}` };
}

/** "12-09 止" / "12-09 当日 17:30" (the year only when it is not this year's, in China time). */
export function formatDeadline(iso: string | null | undefined, language: DeadlineLanguage = 'zh-CN', now: Date = new Date()): string {
  const parts = deadlineParts(iso);
  if (!parts) return '';
  const thisYear = shanghaiParts(now).year;
  const day = parts.day.startsWith(`${thisYear}-`) ? parts.day.slice(5) : parts.day;
  if (language === 'en') return parts.time ? `${day} at ${parts.time}` : `until the end of ${day}`;
  return parts.time ? `${day} 当日 ${parts.time}` : `${day} 止`;
}

/** The deadline's last day (YYYY-MM-DD, China time): what working days are counted up to. */
export function deadlineLastDay(iso: string | null | undefined): string | null {
  return deadlineParts(iso)?.day ?? null;
}
