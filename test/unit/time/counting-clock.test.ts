import fc from 'fast-check';
import { advanceCounted, measureCounted, mergeIntervals, withoutIntervals, type Interval } from '../../../engine/time/counting-clock.js';
import { calendarFromLayers, formatDayNumber, parseIsoDate } from '../../../engine/time/index.js';

const calendar = calendarFromLayers();
const intervalList = fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 500 })), { maxLength: 12 }).map((pairs) => mergeIntervals(pairs.map(([start, length]): Interval => [start, start + length])));

describe('the counting clock', () => {
  test('measuring up to the instant reached by advancing gives the amount back', () => {
    fc.assert(
      fc.property(intervalList, intervalList, fc.integer({ min: 0, max: 3_000 }), (counted, paused, amount) => {
        const stream = () => withoutIntervals([...counted, [20_000, Number.POSITIVE_INFINITY]], paused);
        const end = advanceCounted(0, stream(), amount) as number;
        expect(measureCounted(0, stream(), end)).toBe(amount);
      }),
    );
  });

  test('paused time is never counted', () => {
    fc.assert(
      fc.property(intervalList, intervalList, (counted, paused) => {
        for (const [start, end] of withoutIntervals(counted, paused)) {
          if (start === end) continue; // an empty marker, no time
          for (const [cutStart, cutEnd] of paused) expect(end <= cutStart || start >= cutEnd).toBe(true);
        }
      }),
    );
  });

  test('an open pause stops the clock for good', () => {
    expect(advanceCounted(0, withoutIntervals([[0, Number.POSITIVE_INFINITY]], [[10, Number.POSITIVE_INFINITY]]), 20)).toBeNull();
    expect(advanceCounted(0, withoutIntervals([[0, Number.POSITIVE_INFINITY]], [[10, Number.POSITIVE_INFINITY]]), 5)).toBe(5);
  });
});

describe('working-day arithmetic is consistent for any date 2004–2026', () => {
  const first = parseIsoDate('2004-01-01');
  const last = parseIsoDate('2026-10-01');

  // Starting 100 days into the data: 40 working days back (with 春节) must not leave the covered years.
  test('countWorkingDays undoes addWorkingDays, forwards and backwards', () => {
    fc.assert(
      fc.property(fc.integer({ min: first + 100, max: last }), fc.integer({ min: -40, max: 40 }), (day, count) => {
        const date = formatDayNumber(day);
        const target = calendar.addWorkingDays(date, count);
        expect(calendar.countWorkingDays(date, target)).toBe(count);
        if (count !== 0) expect(calendar.isWorkingDay(target)).toBe(true);
      }),
    );
  });

  test('the natural-day rollover always lands on a working day no earlier than the plain end', () => {
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.integer({ min: 0, max: 60 }), (day, count) => {
        const rolled = calendar.addNaturalDays(formatDayNumber(day), count);
        expect(calendar.isWorkingDay(rolled)).toBe(true);
        expect(parseIsoDate(rolled)).toBeGreaterThanOrEqual(day + count);
      }),
    );
  });
});
