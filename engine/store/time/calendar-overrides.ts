import type { Db } from '../../db/index.js';
import type { OverrideKind } from '../../time/calendar-data.js';

/** A local override of the official schedule (a typhoon closure, a local make-up day). */
export interface CalendarOverrideRow {
  id: string;
  day: string;
  kind: OverrideKind;
  name: string;
  reason: string;
  created_by: string;
  created_at: Date;
}

/** The overrides between two dates (either bound optional, inclusive), by date. */
export function calendarOverrides(db: Db, range: { from?: string; to?: string }): Promise<CalendarOverrideRow[]> {
  return db.query<CalendarOverrideRow>(
    `SELECT id, day::text AS day, kind, name, reason, created_by, created_at FROM calendar_overrides
     WHERE ($1::date IS NULL OR day >= $1::date) AND ($2::date IS NULL OR day <= $2::date) ORDER BY day`,
    [range.from ?? null, range.to ?? null],
  );
}

/** The id of the override a date already has, if any (one per date). */
export async function overrideIdOn(tx: Db, date: string): Promise<string | undefined> {
  const existing = await tx.query<{ id: string }>('SELECT id FROM calendar_overrides WHERE day = $1::date', [date]);
  return existing[0]?.id;
}

/** Adds an override; the caller has checked that its date has none yet. */
export async function insertCalendarOverride(
  tx: Db,
  override: { id: string; date: string; kind: OverrideKind; name: string; reason: string; createdBy: string; createdAt: Date },
): Promise<void> {
  await tx.query('INSERT INTO calendar_overrides (id, day, kind, name, reason, created_by, created_at) VALUES ($1, $2::date, $3, $4, $5, $6, $7)', [
    override.id,
    override.date,
    override.kind,
    override.name,
    override.reason,
    override.createdBy,
    override.createdAt,
  ]);
}

/** Deletes an override by id (as text: a malformed id matches nothing); the row it was, if there was one. */
export async function deleteCalendarOverride(tx: Db, id: string): Promise<CalendarOverrideRow | undefined> {
  const [row] = await tx.query<CalendarOverrideRow>('DELETE FROM calendar_overrides WHERE id::text = $1 RETURNING id, day::text AS day, kind, name, reason, created_by, created_at', [id]);
  return row;
}
