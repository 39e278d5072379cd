/**
 * What the pure interpreter borrows from outside, passed in rather than looked up, so a
 * command stays a function of its inputs.
 */
export interface RuntimeServices {
  /** The business calendar for timers marked gov:calendar (structurally engine/time's BusinessCalendar). */
  calendar?: WorkingCalendar;
  /** Who handles a task: departments, their units and the region tree (structurally engine/staff's StaffDirectory). */
  directory?: RoutingDirectory;
  /**
   * In an instance a call activity started: whether the calling instances catch an error of this code. False keeps an
   * uncaught error in this instance, as an incident on the element that threw it (Camunda 8); absent: pass it up.
   */
  callersCatch?: (errorCode: string) => boolean;
}

export interface WorkingCalendar {
  addDuration(
    start: Date,
    duration: string,
    options: { calendar: 'working' | 'natural' },
  ): { ok: true; value: Date } | { ok: false; error: { message: string; messageZh: string } };
}

/** Where a task goes: a department, and when a unit was named, the unit and its region. */
export interface Routing {
  department: string;
  unit?: string;
  regionCode?: string;
}

export interface RoutingDirectory {
  /** A department code, or a unit code (its department and region); undefined when neither is known. */
  route(code: string): Routing | undefined;
  /** '/441900/441900003/' for a known region; undefined for an unknown one. */
  regionPath(code: string): string | undefined;
}
