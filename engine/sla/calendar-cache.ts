import type { Db } from '../db/index.js';
import { CalendarRepository, type BusinessCalendar } from '../time/index.js';
import { calendarRevision } from '../store/sla/calendar-revision.js';

interface Clock {
  now(): Date;
}

/**
 * The business calendar read through the caller's transaction. The SLA extension runs inside a command's
 * transaction, and PGlite has one connection: reading through the outer pool there would wait for itself.
 * The calendar is rebuilt only when calendar_changes has a newer revision.
 */
export class CalendarCache {
  private cached: { revision: number; calendar: BusinessCalendar; checkedAt: number } | undefined;

  constructor(private readonly clock: Clock) {}

  /**
   * @param maxAgeMs reuse the calendar without asking for the revision when it was checked this recently (real
   * time). Safe for new clocks: each stores the revision it was computed on, and the monitor recomputes every
   * clock older than the current revision.
   */
  async current(db: Db, maxAgeMs = 0): Promise<{ revision: number; calendar: BusinessCalendar }> {
    const checkedAt = performance.now();
    if (this.cached && maxAgeMs > 0) {
      if (checkedAt - this.cached.checkedAt < maxAgeMs) return this.cached;
      // This caller asks; the commands arriving while it does use the cached calendar (the staleness the age already
      // allows). Without this, every command in flight when the age ran out asked too (about 27 a second at 1,300
      // starts/s), and each asking turned its one-statement command into BEGIN, the read, it, COMMIT.
      this.cached.checkedAt = checkedAt;
    }
    const revision = await calendarRevision(db);
    if (this.cached?.revision === revision) {
      this.cached.checkedAt = checkedAt;
      return this.cached;
    }
    const calendar = await new CalendarRepository(db, this.clock).calendar();
    this.cached = { revision, calendar, checkedAt };
    return this.cached;
  }
}
