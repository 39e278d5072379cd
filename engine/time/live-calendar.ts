import type { Db } from '../db/index.js';
import type { BusinessCalendar } from './business-calendar.js';
import { CalendarRepository } from './calendar-repository.js';
import type { DurationInput, DurationOptions } from './duration.js';
import type { TimeResult } from './errors.js';

interface Clock {
  now(): Date;
}

/**
 * The calendar the pure interpreter computes timers with. The interpreter is synchronous, so it
 * gets this stable object whose content is swapped when the stored calendar (loaded years,
 * local overrides) changes; `refresh` reads the database and is called at start-up and by the
 * server's workers, so a typhoon closure day entered through the API reaches new timers.
 */
export class LiveCalendar {
  private current: BusinessCalendar | undefined;

  constructor(private readonly clock: Clock) {}

  async refresh(db: Db): Promise<void> {
    this.current = await new CalendarRepository(db, this.clock).calendar();
  }

  addDuration(start: Date, duration: DurationInput, options: DurationOptions = {}): TimeResult<Date> {
    if (!this.current) throw new Error('LiveCalendar used before its first refresh');
    return this.current.addDuration(start, duration, options);
  }
}
