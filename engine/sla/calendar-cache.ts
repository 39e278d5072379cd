import type { Db } from '../db/index.js';
import { CalendarRepository, type BusinessCalendar } from '../time/index.js';

interface Clock {
  now(): Date;
}

/**
 * The business calendar read through the caller's transaction. The SLA extension runs inside a command's
 * transaction, and PGlite has one connection: reading through the outer pool there would wait for itself.
 * The calendar is rebuilt only when calendar_changes has a newer revision.
 */
export class CalendarCache {
  private cached: { revision: number; calendar: BusinessCalendar } | undefined;

  constructor(private readonly clock: Clock) {}

  async current(db: Db): Promise<{ revision: number; calendar: BusinessCalendar }> {
    const [row] = await db.query<{ revision: string | number }>('SELECT coalesce(max(seq), 0) AS revision FROM calendar_changes');
    const revision = Number(row.revision);
    if (this.cached?.revision === revision) return this.cached;
    const calendar = await new CalendarRepository(db, this.clock).calendar();
    this.cached = { revision, calendar };
    return this.cached;
  }
}
