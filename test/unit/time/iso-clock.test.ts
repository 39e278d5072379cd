import { addIsoClock } from '../../../engine/time/iso-clock.js';
import { addIsoDuration, parseIsoDuration, timerValueProblem } from '../../../engine/model/index.js';

const at = (iso: string) => new Date(iso).getTime();
const plus = (start: string, text: string) => new Date(addIsoDuration(new Date(start), parseIsoDuration(text)!)).toISOString();

describe('ISO 8601 durations on the Asia/Shanghai calendar', () => {
  test.each([
    ['2025-01-31T10:00:00+08:00', 'P1M', '2025-02-28T02:00:00.000Z'],
    ['2024-01-31T10:00:00+08:00', 'P1M', '2024-02-29T02:00:00.000Z'],
    ['2025-03-31T03:00:00+08:00', 'P1M', '2025-04-29T19:00:00.000Z'],
    ['2025-02-01T05:00:00+08:00', 'P1M', '2025-02-28T21:00:00.000Z'],
    ['2024-02-29T09:00:00+08:00', 'P1Y', '2025-02-28T01:00:00.000Z'],
    ['2025-01-31T10:00:00+08:00', 'P1M1D', '2025-03-01T02:00:00.000Z'],
    ['2025-10-01T00:00:00+08:00', 'P20D', '2025-10-20T16:00:00.000Z'],
    ['2025-10-01T00:00:00+08:00', 'PT36H', '2025-10-02T04:00:00.000Z'],
  ])('%s + %s = %s', (start, duration, expected) => {
    expect(plus(start, duration)).toBe(expected);
  });

  test('a result beyond what a date can hold is NaN, never a wrong date', () => {
    expect(addIsoClock(at('2025-01-01T00:00:00Z'), { years: 300_000, months: 0, days: 0, ms: 0 })).toBeNaN();
  });

  test('durations beyond a hundred years and cycles faster than once a second are named as problems', () => {
    expect(timerValueProblem('duration', 'P9999Y')?.message).toMatch(/longer than 100 years/);
    expect(timerValueProblem('duration', 'P36600D')?.message).toMatch(/longer than 100 years/);
    expect(timerValueProblem('duration', 'P99Y')).toBeUndefined();
    expect(timerValueProblem('cycle', 'R/PT0S')?.messageZh).toMatch(/不足 1 秒/);
    expect(timerValueProblem('cycle', 'R999999999/PT0.5S')?.message).toMatch(/once a second/);
    expect(timerValueProblem('cycle', 'R3/PT10M')).toBeUndefined();
    expect(timerValueProblem('cycle', 'R/2025-10-01T09:00:00+08:00/P1D')).toBeUndefined();
  });
});
