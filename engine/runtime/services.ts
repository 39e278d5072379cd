/**
 * What the pure interpreter borrows from outside, passed in rather than looked up, so a
 * command stays a function of its inputs.
 */
export interface RuntimeServices {
  /** The business calendar for timers marked gov:calendar (structurally engine/time's BusinessCalendar). */
  calendar?: WorkingCalendar;
}

export interface WorkingCalendar {
  addDuration(
    start: Date,
    duration: string,
    options: { calendar: 'working' | 'natural' },
  ): { ok: true; value: Date } | { ok: false; error: { message: string; messageZh: string } };
}
