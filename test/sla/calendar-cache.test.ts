import type { Db } from '../../engine/index.js';
import { CalendarCache } from '../../engine/sla/calendar-cache.js';
import { createTestApp, FakeClock, type TestApp } from '../support/context.js';

/** Counts the calendar revision reads that pass through it. */
function countingRevisionReads(db: Db): { db: Db; reads: () => number } {
  let reads = 0;
  const counted: Db = {
    query: (sql, params) => {
      if (sql.includes('FROM calendar_changes')) reads++;
      return db.query(sql, params);
    },
    transaction: (work) => work(counted),
    exec: (script) => db.exec(script),
  };
  return { db: counted, reads: () => reads };
}

/**
 * The commands' calendar (engine/sla/calendar-cache.ts): its revision is asked at most once per max age, however many
 * commands are in flight when the age runs out; a read without a max age always asks.
 */
describe('the calendar cache on the command path', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await createTestApp({ clock: new FakeClock(new Date('2025-09-01T02:00:00Z')) });
  });
  afterAll(async () => {
    await testApp.close();
  });

  test('commands in flight when the age runs out ask for the revision once, and all get a calendar', async () => {
    const cache = new CalendarCache(new FakeClock(new Date('2025-09-01T02:00:00Z')));
    const { db, reads } = countingRevisionReads(testApp.context.engine.db);
    // The first call builds the calendar (the repository reads the revision too).
    const first = await cache.current(db, 60_000);
    const built = reads();
    // Within the age: no read.
    await Promise.all(Array.from({ length: 10 }, () => cache.current(db, 60_000)));
    expect(reads()).toBe(built);
    // The age ran out: 32 commands at once (they all ask before the first read answers), one read.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const answers = await Promise.all(Array.from({ length: 32 }, () => cache.current(db, 50)));
    expect(reads()).toBe(built + 1);
    for (const answer of answers) expect(answer.revision).toBe(first.revision);
    // Without a max age (the monitor, an extension request): always asked.
    await cache.current(db);
    await cache.current(db);
    expect(reads()).toBe(built + 3);
  });
});
