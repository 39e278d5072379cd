import { BusinessCalendar, calendarFromLayers, InvalidCalendarDataError, InvalidDateError, officialSchedules } from '../../../engine/time/index.js';

const calendar = calendarFromLayers();

describe('20 working days from an acceptance across the 2025 National Day / Mid-Autumn holiday', () => {
  // Accepted Friday 2025-09-26. 2025-10-01..08 are off; Sunday 09-28 and Saturday 10-11 are 调休 working days.
  const countedDays = [
    '2025-09-28', '2025-09-29', '2025-09-30', '2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13', '2025-10-14', '2025-10-15', '2025-10-16',
    '2025-10-17', '2025-10-20', '2025-10-21', '2025-10-22', '2025-10-23', '2025-10-24', '2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30',
  ];

  test.each(countedDays.map((date, index) => [index + 1, date]))('working day %i after acceptance is %s', (count, date) => {
    expect(calendar.addWorkingDays('2025-09-26', count)).toBe(date);
    expect(calendar.countWorkingDays('2025-09-26', date)).toBe(count);
  });

  test('every day between acceptance and deadline is working exactly when it is counted', () => {
    const days = calendar.describeRange('2025-09-27', '2025-10-30');
    expect(days.filter((day) => day.working).map((day) => day.date)).toEqual(countedDays);
    expect(days.find((day) => day.date === '2025-10-06')).toMatchObject({ working: false, reason: 'statutoryHoliday', name: '国庆节、中秋节' });
    expect(days.find((day) => day.date === '2025-09-28')).toMatchObject({ working: true, reason: 'makeupWorkday' });
    expect(days.find((day) => day.date === '2025-10-12')).toMatchObject({ working: false, reason: 'weekend' });
  });

  test('subtracting walks back over the same days', () => {
    expect(calendar.subtractWorkingDays('2025-10-30', 20)).toBe('2025-09-26');
    expect(calendar.subtractWorkingDays('2025-10-09', 1)).toBe('2025-09-30');
    expect(calendar.countWorkingDays('2025-10-30', '2025-09-26')).toBe(-20);
    expect(calendar.addWorkingDays('2025-10-04', 0)).toBe('2025-10-04');
  });
});

describe('natural days: 民法典 第201–203条', () => {
  test('the start day is not counted; a last day on a holiday rolls to the next working day', () => {
    expect(calendar.addNaturalDays('2025-09-20', 10)).toBe('2025-09-30');
    // 10 days from 09-25 end on 10-05 (holiday); the next working day is 10-09.
    expect(calendar.addNaturalDays('2025-09-25', 10)).toBe('2025-10-09');
    expect(calendar.addNaturalDays('2025-09-25', 10, { lastDayRollover: false })).toBe('2025-10-05');
    // A period ending on an ordinary Sunday rolls to Monday; one ending on a 调休 Saturday does not roll.
    expect(calendar.addNaturalDays('2025-10-05', 7)).toBe('2025-10-13');
    expect(calendar.addNaturalDays('2025-10-04', 7)).toBe('2025-10-11');
  });

  test('months end on the corresponding day, or the month end, then roll over', () => {
    expect(calendar.addMonths('2025-01-31', 1, { lastDayRollover: false })).toBe('2025-02-28');
    expect(calendar.addMonths('2024-01-31', 1, { lastDayRollover: false })).toBe('2024-02-29');
    // 2025-02-28 is a Friday: no rollover. 2025-03-01 + 7 months = 2025-10-01 (National Day) → 10-09.
    expect(calendar.addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(calendar.addMonths('2025-03-01', 7)).toBe('2025-10-09');
  });
});

describe('local overrides', () => {
  const withOverrides = calendarFromLayers({
    overrides: [
      { date: '2025-07-21', kind: 'holiday', name: '台风停工', reason: '台风“韦帕”红色预警，全市停工' },
      { date: '2025-10-12', kind: 'workday', name: '补班', reason: '市政府通知：补 07-21 停工' },
    ],
  });

  test('an extra local holiday and a local working day change the count', () => {
    expect(withOverrides.describeDay('2025-07-21')).toEqual({
      date: '2025-07-21', working: false, reason: 'localHoliday', name: '台风停工', overrideReason: '台风“韦帕”红色预警，全市停工', source: 'local override',
    });
    expect(withOverrides.isWorkingDay('2025-10-12')).toBe(true);
    expect(calendar.addWorkingDays('2025-07-18', 1)).toBe('2025-07-21');
    expect(withOverrides.addWorkingDays('2025-07-18', 1)).toBe('2025-07-22');
    expect(withOverrides.addWorkingDays('2025-09-26', 20)).toBe('2025-10-29');
  });

  test('an override cannot make an unpublished year known', () => {
    const future = calendarFromLayers({ overrides: [{ date: '2027-02-01', kind: 'holiday', name: 'x', reason: 'y' }] });
    expect(() => future.isWorkingDay('2027-02-01')).toThrow(/2027/);
  });

  test('an impossible override date is rejected when the calendar is built', () => {
    expect(() => calendarFromLayers({ overrides: [{ date: '2025-02-30', kind: 'holiday', name: 'x', reason: 'y' }] })).toThrow(InvalidDateError);
  });
});

describe('dates are strict', () => {
  test.each(['2025-02-30', '2025-13-01', '2025-2-3', '20250203', '2023-02-29', ''])('"%s" is not a date', (text) => {
    expect(() => calendar.isWorkingDay(text)).toThrow(InvalidDateError);
  });

  test('2024-02-29 is a date', () => {
    expect(calendar.isWorkingDay('2024-02-29')).toBe(true);
  });
});

describe('hours', () => {
  const officeHours = { periods: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }] };
  const office = calendarFromLayers({ officeHours });
  const shanghai = (wall: string): Date => new Date(`${wall}+08:00`);

  test('without office hours, hours are clock hours', () => {
    expect(calendar.addHours(shanghai('2025-09-30T16:00:00'), 24)).toEqual(shanghai('2025-10-01T16:00:00'));
  });

  test('with office hours, only office time on working days counts (7 h a day)', () => {
    // 09-30 16:00–17:30 (1.5) + 10-09 (7) + 10-10 (7) + 10-11 调休 Saturday (7) + 10-13 09:00–10:30 (1.5) = 24.
    expect(office.addHours(shanghai('2025-09-30T16:00:00'), 24)).toEqual(shanghai('2025-10-13T10:30:00'));
    expect(office.addHours(shanghai('2025-10-09T12:30:00'), 1)).toEqual(shanghai('2025-10-09T14:30:00'));
    expect(office.addHours(shanghai('2025-10-09T07:00:00'), 2)).toEqual(shanghai('2025-10-09T11:00:00'));
    // A limit used up exactly at a period's end ends there (12:00), not when the next period opens.
    expect(office.addHours(shanghai('2025-10-09T11:00:00'), 1)).toEqual(shanghai('2025-10-09T12:00:00'));
    expect(office.addHours(shanghai('2025-10-09T11:00:00'), 1.5)).toEqual(shanghai('2025-10-09T14:00:00'));
    expect(office.addHours(shanghai('2025-10-09T20:00:00'), 0.5)).toEqual(shanghai('2025-10-10T09:30:00'));
  });

  test('malformed office hours are rejected', () => {
    const build = (periods: { start: string; end: string }[]) => () => BusinessCalendar.fromData({ years: officialSchedules(), officeHours: { periods } });
    expect(build([{ start: '9:00', end: '12:00' }])).toThrow(InvalidCalendarDataError);
    expect(build([{ start: '12:00', end: '09:00' }])).toThrow(InvalidCalendarDataError);
    expect(build([{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }])).toThrow(InvalidCalendarDataError);
    expect(build([])).toThrow(InvalidCalendarDataError);
  });
});
