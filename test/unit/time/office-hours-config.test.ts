import { calendarFromLayers, officeHoursFromEnv } from '../../../engine/time/index.js';

describe('office hours from MATTERFLOW_OFFICE_HOURS', () => {
  test('unset: hour limits count clock hours', () => {
    expect(officeHoursFromEnv('')).toBeUndefined();
    expect(officeHoursFromEnv(undefined)).toBeUndefined();
  });

  test('two periods: 4 working hours from Friday 16:00 end on Monday 11:30 (Asia/Shanghai)', () => {
    const officeHours = officeHoursFromEnv('09:00-12:00, 13:30-17:30');
    expect(officeHours).toEqual({ periods: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }] });
    const calendar = calendarFromLayers({ officeHours });
    // 2025-06-13 is a Friday: 1.5 h left that day, 2.5 h on Monday 06-16 from 09:00.
    const due = calendar.addHours(new Date('2025-06-13T08:00:00Z'), 4);
    expect(due.toISOString()).toBe('2025-06-16T03:30:00.000Z');
  });

  test('a malformed value is refused with the expected form', () => {
    expect(() => officeHoursFromEnv('9-12')).toThrow(/09:00-12:00,13:30-17:30/);
  });
});
