import type { Db } from '../../db/index.js';
import { jsonb } from '../jsonb.js';

/** What changed the business calendar: a year loaded, an override added or deleted. */
export type CalendarChangeAction = 'year-loaded' | 'override-added' | 'override-deleted';

export interface CalendarChangeRow {
  seq: string | number;
  action: CalendarChangeAction;
  year: number | null;
  day: string | null;
  details: Record<string, unknown>;
  changed_by: string;
  changed_at: Date;
  reason: string | null;
}

/** The calendar's revision: the highest change seq (0 before any), so any process sees another's change. */
export async function calendarRevision(db: Db): Promise<number> {
  const [{ revision }] = await db.query<{ revision: string | number }>('SELECT coalesce(max(seq), 0) AS revision FROM calendar_changes');
  return Number(revision);
}

/** Records a change in the trail, in the transaction of the change itself. */
export async function recordCalendarChange(
  tx: Db,
  action: CalendarChangeAction,
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

/** The latest changes, newest first. */
export function calendarChanges(db: Db, limit: number): Promise<CalendarChangeRow[]> {
  return db.query<CalendarChangeRow>('SELECT seq, action, year, day::text AS day, details, changed_by, changed_at, reason FROM calendar_changes ORDER BY seq DESC LIMIT $1', [limit]);
}
