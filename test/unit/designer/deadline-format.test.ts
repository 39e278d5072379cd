import { deadlineLastDay, deadlineParts, formatDeadline } from '../../../designer/src/sla/deadline-format.js';

// The SLA engine stores a day limit as the instant it ends: 24:00 Asia/Shanghai of its last day,
// i.e. the next day 00:00 (2026-12-09 止 is 2026-12-09T16:00:00Z). The formatter must show the last
// day, in China time, whether the browser runs in Beijing or elsewhere.
const NOW = new Date('2026-12-02T10:00:00+08:00');

// The formatter reads every instant in Asia/Shanghai explicitly, so the process's own zone does not
// matter here; test/browser/monitor-trail.test.ts runs the same display in a Beijing-zoned browser.
describe('deadlines read as the law counts them', () => {

  test('a limit ending at the end of working day 12-09 shows "12-09 止", not 12-10 00:00', () => {
    expect(formatDeadline('2026-12-09T16:00:00Z', 'zh-CN', NOW)).toBe('12-09 止');
    expect(formatDeadline('2026-12-10T00:00:00+08:00', 'zh-CN', NOW)).toBe('12-09 止');
    expect(deadlineLastDay('2026-12-09T16:00:00.000Z')).toBe('2026-12-09');
  });

  test('a limit with a time of day shows that day and time', () => {
    expect(formatDeadline('2026-12-09T09:30:00Z', 'zh-CN', NOW)).toBe('12-09 当日 17:30');
    expect(formatDeadline('2026-12-09T17:30:00+08:00', 'en', NOW)).toBe('12-09 at 17:30');
    // 08:00 Beijing is 00:00 UTC: only Beijing midnight is the end of a day.
    expect(deadlineParts('2026-12-09T00:00:00Z')).toEqual({ day: '2026-12-09', time: '08:00' });
  });

  test('another year keeps its year; the end of a year rolls back to 12-31', () => {
    expect(formatDeadline('2027-01-05T16:00:00Z', 'zh-CN', NOW)).toBe('2027-01-05 止');
    expect(formatDeadline('2026-12-31T16:00:00Z', 'zh-CN', NOW)).toBe('12-31 止');
    expect(formatDeadline('2026-12-31T16:00:00Z', 'zh-CN', new Date('2027-01-02T10:00:00+08:00'))).toBe('2026-12-31 止');
    expect(formatDeadline('2026-12-09T16:00:00Z', 'en', NOW)).toBe('until the end of 12-09');
  });

  test('no deadline or a bad one shows nothing', () => {
    expect(formatDeadline(null)).toBe('');
    expect(formatDeadline(undefined)).toBe('');
    expect(formatDeadline('not a date')).toBe('');
  });
});
