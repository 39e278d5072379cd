// A page's total: counted by the database only when the page cannot tell it (engine/store/queries/page.ts).
import { pageTotal } from '../../../engine/store/queries/page.js';

describe('the total beside a page', () => {
  /** A count that says how often it was asked. */
  const counting = (total: number) => {
    const count = Object.assign(async () => (count.calls++, total), { calls: 0 });
    return count;
  };

  it('a first page without the extra row holds every match: no count is asked', async () => {
    const count = counting(99);
    expect(await pageTotal(['a', 'b'], 10, undefined, count)).toBe(2);
    expect(await pageTotal([], 10, undefined, count)).toBe(0);
    expect(await pageTotal(['a', 'b', 'c'], 3, undefined, count)).toBe(3);
    expect(count.calls).toBe(0);
  });

  it('a first page with the extra row, or any later page, asks the database', async () => {
    const count = counting(42);
    expect(await pageTotal(['a', 'b', 'c', 'd'], 3, undefined, count)).toBe(42);
    expect(await pageTotal(['a'], 3, ['2026-12-04T00:00:00.000Z', 'id'], count)).toBe(42);
    expect(count.calls).toBe(2);
  });
});
