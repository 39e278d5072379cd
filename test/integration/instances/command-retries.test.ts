import { EngineError, OptimisticConflict, PgliteDatabase, type Database } from '../../../engine/index.js';
import { retryDelayMs, runCommand } from '../../../engine/instances/command-unit.js';
import { clerk } from '../durable/harness.js';

describe('a command that keeps colliding', () => {
  let db: Database;
  beforeAll(async () => {
    db = await PgliteDatabase.open();
  });
  afterAll(() => db.close());

  test('is retried on fresh state, and a conflict that outlives the retries is a 409 conflict, not a crash', async () => {
    let attempts = 0;
    const started = Date.now();
    const error = await runCommand(db, clerk, () => new Date(), async () => {
      attempts++;
      throw new OptimisticConflict('00000000-0000-4000-8000-000000000001');
    }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ kind: 'conflict', messageZh: expect.stringMatching(/请稍后重试/) });
    expect(attempts).toBe(8);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a conflict that clears on a later attempt succeeds', async () => {
    let attempts = 0;
    const value = await runCommand(db, clerk, () => new Date(), async () => {
      if (++attempts < 3) throw new OptimisticConflict('x');
      return 'done';
    });
    expect(value).toBe('done');
    expect(attempts).toBe(3);
  });

  test('the backoff is jittered and grows with the attempt, within a cap', () => {
    expect(retryDelayMs(1, () => 0)).toBe(0);
    expect(retryDelayMs(1, () => 0.999)).toBe(3);
    expect(retryDelayMs(4, () => 0.999)).toBe(31);
    expect(retryDelayMs(20, () => 0.999)).toBe(99);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(6)));
    expect(spread.size).toBeGreaterThan(10);
  });
});
