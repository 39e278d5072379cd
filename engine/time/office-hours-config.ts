import type { OfficeHours } from './calendar-data.js';
import { InvalidCalendarDataError } from './errors.js';

/**
 * Office hours from MATTERFLOW_OFFICE_HOURS, e.g. "09:00-12:00,13:30-17:30" (Asia/Shanghai).
 * Unset means hour-based limits count clock hours. A malformed value stops the start-up with
 * a message rather than silently counting the wrong hours.
 */
export function officeHoursFromEnv(value = process.env.MATTERFLOW_OFFICE_HOURS): OfficeHours | undefined {
  if (!value || value.trim() === '') return undefined;
  const periods = value.split(',').map((part) => {
    const match = /^\s*(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})\s*$/.exec(part);
    if (!match) {
      throw new InvalidCalendarDataError(
        `MATTERFLOW_OFFICE_HOURS must look like "09:00-12:00,13:30-17:30", not "${value}"`,
        `MATTERFLOW_OFFICE_HOURS 格式应为“09:00-12:00,13:30-17:30”，而不是“${value}”`,
      );
    }
    return { start: match[1], end: match[2] };
  });
  return { periods };
}
