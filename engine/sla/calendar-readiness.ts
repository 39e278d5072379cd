import type { Actor } from '../actor.js';
import type { Engine } from '../engine.js';
import { readsEveryDepartment } from '../staff/access.js';
import { LOAD_YEAR_ENDPOINT } from '../time/errors.js';
import { clocksWaitingForCalendar } from '../store/sla/calendar-readiness.js';
import { shanghaiDayOf } from '../time/shanghai-time.js';
import { partsOfDay } from '../time/civil-date.js';
import type { CalendarCache } from './calendar-cache.js';

/**
 * Whether the calendar is ready for the limits now being started. A limit of 20 working days started in December,
 * or of 60 started in October, ends in the next year, and the engine counts no working day of a year whose official
 * schedule (国务院办公厅节假日安排, published each November or so) is not loaded: such a clock runs without a deadline
 * until an administrator loads the year, when the SLA monitor recomputes it. This says so ahead of time, to those who
 * can act on it, instead of leaving each case page to say it one clock at a time.
 */
export interface CalendarReadiness {
  /** The year after the current one (China time), or the current one when even its schedule is missing. */
  year: number;
  loaded: boolean;
  /** From this day (1 October) a limit started can end in `year`: the schedule is needed from then on. */
  neededFrom: string;
  /** The schedule is missing and needed: today is past `neededFrom`, or clocks already wait for it. */
  needed: boolean;
  /** Running or paused clocks the reader may see that have no deadline for want of a year's schedule. */
  clocksWaiting: number;
  loadWith: string;
  message: string;
  messageZh: string;
}

export class CalendarReadinessCheck {
  constructor(
    private readonly engine: Engine,
    private readonly calendars: CalendarCache,
  ) {}

  async of(actor: Actor): Promise<CalendarReadiness> {
    const { calendar } = await this.calendars.current(this.engine.db);
    const today = partsOfDay(shanghaiDayOf(this.engine.clock.now()));
    // Next year's schedule, unless this year's is missing itself (a server whose calendar nobody kept up): that one first.
    const thisYearMissing = !calendar.coversYear(today.year);
    const year = thisYearMissing ? today.year : today.year + 1;
    const loaded = calendar.coversYear(year);
    const neededFrom = `${year - 1}-10-01`;
    const everyDepartment = readsEveryDepartment(actor);
    const waiting = await clocksWaitingForCalendar(this.engine.db, { everyDepartment, department: actor.department });
    const needed = !loaded && (thisYearMissing || today.month >= 10 || waiting > 0);
    const loadWith = LOAD_YEAR_ENDPOINT.replace('{year}', String(year));
    return { year, loaded, neededFrom, needed, clocksWaiting: waiting, loadWith, ...wording(year, loaded, needed, waiting, loadWith) };
  }
}

function wording(year: number, loaded: boolean, needed: boolean, waiting: number, loadWith: string): { message: string; messageZh: string } {
  if (loaded) return { message: `The official holiday schedule for ${year} is loaded.`, messageZh: `${year} 年国务院办公厅节假日安排已加载。` };
  if (!needed) return { message: `The official holiday schedule for ${year} is not loaded yet; it is needed from 1 October.`, messageZh: `${year} 年节假日安排尚未加载，10 月 1 日起需要。` };
  const clocks = waiting > 0 ? ` ${waiting} running time ${waiting === 1 ? 'limit has' : 'limits have'} no deadline until it is.` : ' Limits that end in that year will have no deadline until it is.';
  const clocksZh = waiting > 0 ? `已有 ${waiting} 个办理时限因截止日落在 ${year} 年而暂无截止时间，` : `截止日落在 ${year} 年的办理时限将暂无截止时间，`;
  return {
    message: `The official holiday schedule for ${year} is not loaded.${clocks} An administrator loads it with ${loadWith} once the State Council publishes it; the deadlines are then recomputed.`,
    messageZh: `${year} 年国务院办公厅节假日安排尚未加载：${clocksZh}请管理员在国务院公布后通过 ${loadWith} 加载，加载后自动重算截止时间。`,
  };
}
