import { InvalidDurationError, normalizeDuration, type NormalizedDuration } from '../../../engine/time/index.js';

const value = (input: Parameters<typeof normalizeDuration>[0], options?: Parameters<typeof normalizeDuration>[1]): NormalizedDuration => {
  const result = normalizeDuration(input, options);
  if (!result.ok) throw result.error;
  return result.value;
};
const error = (input: Parameters<typeof normalizeDuration>[0], options?: Parameters<typeof normalizeDuration>[1]): InvalidDurationError => {
  const result = normalizeDuration(input, options);
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(input)}`);
  return result.error as InvalidDurationError;
};

describe('catalog durations {value, unit}', () => {
  test.each([
    [{ value: 20, unit: 'workingDay' }, { kind: 'workingDays', days: 20 }],
    [{ value: 90, unit: 'naturalDay' }, { kind: 'naturalDays', days: 90, lastDayRollover: true }],
    [{ value: 15, unit: 'naturalDay', lastDayRollover: false }, { kind: 'naturalDays', days: 15, lastDayRollover: false }],
    [{ value: 24, unit: 'hour' }, { kind: 'elapsed', ms: 86_400_000, officeHours: true }],
    [{ value: 30, unit: 'minute' }, { kind: 'elapsed', ms: 1_800_000, officeHours: true }],
    [{ value: 3, unit: 'month' }, { kind: 'months', months: 3, lastDayRollover: true }],
    [{ value: 1, unit: 'year' }, { kind: 'months', months: 12, lastDayRollover: true }],
    [{ value: 20, unit: '工作日', startEvent: '受理', endEvent: '办结', excludes: ['特别程序'] }, { kind: 'workingDays', days: 20 }],
    [{ value: 2, unit: '小时' }, { kind: 'elapsed', ms: 7_200_000, officeHours: true }],
  ])('%j', (input, expected) => {
    expect(value(input)).toEqual(expected);
  });

  test('an unknown unit is an error naming the unit and the accepted ones, in both languages', () => {
    const problem = error({ value: 20, unit: 'fortnight' });
    expect(problem).toBeInstanceOf(InvalidDurationError);
    expect(problem.code).toBe('INVALID_DURATION');
    expect(problem.message).toContain('"fortnight"');
    expect(problem.message).toContain('workingDay');
    expect(problem.messageZh).toContain('未知的时限单位');
  });

  test.each([
    [{ value: -1, unit: 'workingDay' }, /non-negative/],
    [{ value: Number.NaN, unit: 'hour' }, /non-negative/],
    [{ value: 2.5, unit: 'workingDay' }, /whole number/],
    [{ value: '20', unit: 'workingDay' } as unknown as { value: number; unit: string }, /non-negative number/],
  ])('%j is rejected', (input, message) => {
    expect(error(input).message).toMatch(message);
  });
});

describe('ISO 8601 durations', () => {
  test('with the working calendar, days are working days and hours are working hours', () => {
    expect(value('P20D', { calendar: 'working' })).toEqual({ kind: 'workingDays', days: 20 });
    expect(value('PT24H', { calendar: 'working' })).toEqual({ kind: 'elapsed', ms: 86_400_000, officeHours: true });
    expect(value('P1M', { calendar: 'working' })).toEqual({ kind: 'months', months: 1, lastDayRollover: true });
  });

  test('with the natural calendar, days roll over holidays and hours are clock hours', () => {
    expect(value('P15D', { calendar: 'natural' })).toEqual({ kind: 'naturalDays', days: 15, lastDayRollover: true });
    expect(value('P2W', { calendar: 'natural' })).toEqual({ kind: 'naturalDays', days: 14, lastDayRollover: true });
    expect(value('P1Y6M', { calendar: 'natural', lastDayRollover: false })).toEqual({ kind: 'months', months: 18, lastDayRollover: false });
    expect(value('PT1H30M', { calendar: 'natural' })).toEqual({ kind: 'elapsed', ms: 5_400_000, officeHours: false });
  });

  test('without a calendar, ISO durations are plain timer arithmetic', () => {
    expect(value('P1DT2H')).toEqual({ kind: 'isoClock', years: 0, months: 0, days: 1, ms: 7_200_000 });
    expect(value('PT0.5S')).toEqual({ kind: 'isoClock', years: 0, months: 0, days: 0, ms: 500 });
  });

  test.each([
    ['20D', {}],
    ['P', {}],
    ['PT', {}],
    ['P1DT', {}],
    ['-P1D', {}],
    ['P1.5D', {}],
    ['P1DT2H', { calendar: 'working' as const }],
    ['P1M10D', { calendar: 'natural' as const }],
    ['P2W', { calendar: 'working' as const }],
  ])('"%s" %j is rejected with a clear message', (text, options) => {
    const problem = error(text, options);
    expect(problem.message).toContain(text);
    expect(problem.messageZh.length).toBeGreaterThan(0);
  });
});
