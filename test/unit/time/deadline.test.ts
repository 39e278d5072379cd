import {
  calendarFromLayers,
  computeDeadline,
  instantAtShare,
  InvalidDurationError,
  InvalidPauseError,
  readClock,
  withExtension,
  type ClockInput,
  type NormalizedDuration,
  type TimeResult,
} from '../../../engine/time/index.js';

const calendar = calendarFromLayers();
const shanghai = (wall: string): Date => new Date(`${wall}+08:00`);
const endOfDay = (date: string): Date => new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000);
const unwrap = <T>(result: TimeResult<T>): T => {
  if (!result.ok) throw result.error;
  return result.value;
};

const twentyWorkingDays: NormalizedDuration = { kind: 'workingDays', days: 20 };
const tenWorkingDays: NormalizedDuration = { kind: 'workingDays', days: 10 };

describe('a 行政许可 (第42条) accepted before the 2025 National Day holiday, with 补正 and one extension', () => {
  // Accepted Friday 2025-09-26 10:00. 补正 requested Tuesday 09-30 15:00, materials received Friday 10-10 09:00:
  // the days after the request day up to the receipt day (10-01..10-10: working days 10-09, 10-10) do not count.
  const accepted: ClockInput = { start: shanghai('2025-09-26T10:00:00'), duration: twentyWorkingDays };
  const withSupplement: ClockInput = { ...accepted, pauses: [{ from: shanghai('2025-09-30T15:00:00'), to: shanghai('2025-10-10T09:00:00') }] };
  const extended = withExtension(withSupplement, tenWorkingDays);

  test('without pauses the deadline is the end of 2025-10-30', () => {
    expect(unwrap(computeDeadline(calendar, accepted))).toEqual({ dueAt: endOfDay('2025-10-30'), lastDay: '2025-10-30', budget: 20, unit: 'workingDay', paused: false });
  });

  test('补正 shifts it by the two paused working days to the end of 2025-11-03', () => {
    expect(unwrap(computeDeadline(calendar, withSupplement))).toMatchObject({ dueAt: endOfDay('2025-11-03'), lastDay: '2025-11-03' });
  });

  test('the +10 working-day extension moves it to the end of 2025-11-17', () => {
    expect(unwrap(computeDeadline(calendar, extended))).toMatchObject({ dueAt: endOfDay('2025-11-17'), lastDay: '2025-11-17', budget: 30 });
  });

  test('day by day, the clock counts exactly the working days that are not paused', () => {
    const counted = [
      '2025-09-28', '2025-09-29', '2025-09-30', '2025-10-11', '2025-10-13', '2025-10-14', '2025-10-15', '2025-10-16', '2025-10-17', '2025-10-20',
      '2025-10-21', '2025-10-22', '2025-10-23', '2025-10-24', '2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31', '2025-11-03',
      '2025-11-04', '2025-11-05', '2025-11-06', '2025-11-07', '2025-11-10', '2025-11-11', '2025-11-12', '2025-11-13', '2025-11-14', '2025-11-17',
    ];
    let expected = 0;
    for (const day of calendar.describeRange('2025-09-26', '2025-11-17')) {
      if (counted.includes(day.date)) expected++;
      const reading = unwrap(readClock(calendar, extended, endOfDay(day.date)));
      expect([day.date, reading.consumed]).toEqual([day.date, expected]);
      expect(reading.remaining).toBe(30 - expected);
    }
    expect(expected).toBe(30);
  });

  test('临期 at 80 % falls at the end of the 24th counted day, 2025-11-07', () => {
    expect(unwrap(instantAtShare(calendar, extended, 0.8))).toEqual(endOfDay('2025-11-07'));
    expect(unwrap(readClock(calendar, extended, shanghai('2025-11-07T23:59:00'))).level).toBe('normal');
    expect(unwrap(readClock(calendar, extended, endOfDay('2025-11-07'))).level).toBe('warning');
  });

  test('without the extension it is overdue on 2025-11-04, by a fraction of a working day', () => {
    const reading = unwrap(readClock(calendar, withSupplement, shanghai('2025-11-04T12:00:00')));
    expect(reading).toMatchObject({ level: 'overdue', consumed: 20.5, total: 20, remaining: -0.5, paused: false });
  });

  test('while 补正 is still open there is no deadline, and the clock stands still', () => {
    const open: ClockInput = { ...accepted, pauses: [{ from: shanghai('2025-09-30T15:00:00') }] };
    expect(unwrap(computeDeadline(calendar, open))).toMatchObject({ dueAt: null, lastDay: null, paused: true });
    const reading = unwrap(readClock(calendar, open, shanghai('2025-10-20T10:00:00')));
    // 3 days counted before the pause; if resumed on 10-20, 17 remain from 10-21: the deadline would be 11-12.
    expect(reading).toMatchObject({ consumed: 3, remaining: 17, paused: true, level: 'normal', dueAt: endOfDay('2025-11-12') });
    expect(unwrap(instantAtShare(calendar, open, 0.8))).toBeNull();
    expect(unwrap(instantAtShare(calendar, open, 0.1))).toEqual(endOfDay('2025-09-29'));
  });

  test('a pause that starts and ends on the same day removes no day', () => {
    const sameDay: ClockInput = { ...accepted, pauses: [{ from: shanghai('2025-10-13T09:00:00'), to: shanghai('2025-10-13T17:00:00') }] };
    expect(unwrap(computeDeadline(calendar, sameDay)).dueAt).toEqual(endOfDay('2025-10-30'));
  });
});

describe('bad clock input is an error value and changes nothing', () => {
  const start = shanghai('2025-09-26T10:00:00');

  test('overlapping or reversed pauses', () => {
    const overlapping = computeDeadline(calendar, {
      start,
      duration: twentyWorkingDays,
      pauses: [{ from: shanghai('2025-10-09T10:00:00'), to: shanghai('2025-10-14T10:00:00') }, { from: shanghai('2025-10-13T10:00:00'), to: shanghai('2025-10-15T10:00:00') }],
    });
    expect(overlapping.ok).toBe(false);
    if (!overlapping.ok) expect(overlapping.error).toBeInstanceOf(InvalidPauseError);
    const reversed = computeDeadline(calendar, { start, duration: twentyWorkingDays, pauses: [{ from: shanghai('2025-10-14T10:00:00'), to: shanghai('2025-10-09T10:00:00') }] });
    expect(reversed.ok).toBe(false);
    const openThenMore = computeDeadline(calendar, { start, duration: twentyWorkingDays, pauses: [{ from: shanghai('2025-10-09T10:00:00') }, { from: shanghai('2025-10-20T10:00:00') }] });
    expect(openThenMore.ok).toBe(false);
  });

  test('an extension in another unit', () => {
    const result = computeDeadline(calendar, { start, duration: twentyWorkingDays, extensions: [{ kind: 'naturalDays', days: 10, lastDayRollover: true }] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toBeInstanceOf(InvalidDurationError);
  });

  test('a deadline reaching into an unpublished year', () => {
    const result = computeDeadline(calendar, { start: shanghai('2026-12-10T10:00:00'), duration: twentyWorkingDays });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('CALENDAR_YEAR_NOT_LOADED');
  });
});

describe('other units', () => {
  test('natural days: 90 days of 行政处罚 ending on a holiday roll to the next working day', () => {
    // 2025-07-07 + 90 days = 2025-10-05 (National Day) → 2025-10-09.
    const result = unwrap(computeDeadline(calendar, { start: shanghai('2025-07-07T09:00:00'), duration: { kind: 'naturalDays', days: 90, lastDayRollover: true } }));
    expect(result).toMatchObject({ dueAt: endOfDay('2025-10-09'), lastDay: '2025-10-09', rolledOverFrom: '2025-10-05', unit: 'naturalDay' });
  });

  test('natural days with a pause: the paused days are added before the rollover', () => {
    const result = unwrap(
      computeDeadline(calendar, {
        start: shanghai('2025-09-01T09:00:00'),
        duration: { kind: 'naturalDays', days: 15, lastDayRollover: true },
        pauses: [{ from: shanghai('2025-09-05T09:00:00'), to: shanghai('2025-09-08T09:00:00') }],
      }),
    );
    // 09-16 + 3 paused days = 09-19 (Friday).
    expect(result.lastDay).toBe('2025-09-19');
  });

  test('hours: 24 hours from 派单 with office hours, minus a pause', () => {
    const office = calendarFromLayers({ officeHours: { periods: [{ start: '09:00', end: '12:00' }, { start: '13:30', end: '17:30' }] } });
    const input: ClockInput = { start: shanghai('2025-09-30T16:00:00'), duration: { kind: 'elapsed', ms: 24 * 3_600_000, officeHours: true } };
    expect(unwrap(computeDeadline(office, input)).dueAt).toEqual(shanghai('2025-10-13T10:30:00'));
    const paused = { ...input, pauses: [{ from: shanghai('2025-10-09T10:00:00'), to: shanghai('2025-10-09T14:30:00') }] };
    // 10-09 10:00–12:00 and 13:30–14:30 (3 office hours) do not count: 10:30 + 3 office hours = 15:00.
    expect(unwrap(computeDeadline(office, paused)).dueAt).toEqual(shanghai('2025-10-13T15:00:00'));
    const reading = unwrap(readClock(office, input, shanghai('2025-10-09T12:00:00')));
    expect(reading).toMatchObject({ unit: 'hour', consumed: 4.5, remaining: 19.5 });
    // Without office hours, 24 hours are 24 clock hours.
    expect(unwrap(computeDeadline(calendar, input)).dueAt).toEqual(shanghai('2025-10-01T16:00:00'));
  });

  test('the engine’s timer call: calendar.addDuration(start, ISO, {calendar})', () => {
    const start = shanghai('2025-09-26T10:00:00');
    expect(unwrap(calendar.addDuration(start, 'P20D', { calendar: 'working' }))).toEqual(endOfDay('2025-10-30'));
    expect(unwrap(calendar.addDuration(start, 'P10D', { calendar: 'natural' }))).toEqual(endOfDay('2025-10-09'));
    expect(unwrap(calendar.addDuration(start, 'PT24H'))).toEqual(shanghai('2025-09-27T10:00:00'));
    expect(unwrap(calendar.addDuration(shanghai('2025-01-31T10:00:00'), 'P1M'))).toEqual(shanghai('2025-02-28T10:00:00'));
    expect(unwrap(calendar.addDuration(start, { value: 20, unit: 'workingDay' }))).toEqual(endOfDay('2025-10-30'));
    const unknown = calendar.addDuration(start, { value: 20, unit: 'weekday' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('INVALID_DURATION');
  });

  test('a start on a weekend counts from the next working day', () => {
    expect(unwrap(calendar.addDuration(shanghai('2025-10-12T20:00:00'), 'P2D', { calendar: 'working' }))).toEqual(endOfDay('2025-10-14'));
  });
});
