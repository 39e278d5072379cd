import type { Db } from '../../db/index.js';

/** The calendar's current revision: the newest calendar_changes entry, 0 before any change. */
export async function calendarRevision(db: Db): Promise<number> {
  const [row] = await db.query<{ revision: string | number }>('SELECT coalesce(max(seq), 0) AS revision FROM calendar_changes');
  return Number(row.revision);
}
