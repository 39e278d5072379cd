/**
 * The one mechanism behind every deadline: a stream of counted intervals (working days, office periods or all
 * time, minus paused time), and two questions about it. How much counted time lies between the origin and an
 * instant? At which instant has a given amount of counted time passed? Epoch milliseconds throughout.
 */

/** A half-open interval [start, end) of epoch milliseconds; end may be +Infinity. */
export type Interval = readonly [number, number];

/** Counted intervals in ascending order, not overlapping. */
export type CountedIntervals = Iterable<Interval>;

/**
 * The instant at which `amount` ms of counted time have passed since `origin`. An amount that ends exactly at
 * an interval's end returns that end, not the next interval's start (a 20th working day ends at its 24:00).
 * Returns null when the counted time stops for good before that (a pause that is still open).
 */
export function advanceCounted(origin: number, intervals: CountedIntervals, amount: number): number | null {
  if (amount <= 0) return origin;
  let remaining = amount;
  for (const [start, end] of intervals) {
    const from = Math.max(start, origin);
    if (end <= from) continue;
    if (end - from >= remaining) return from + remaining;
    remaining -= end - from;
  }
  return null;
}

/** Counted ms between `origin` and `until` (0 when until is before the origin). */
export function measureCounted(origin: number, intervals: CountedIntervals, until: number): number {
  let total = 0;
  for (const [start, end] of intervals) {
    if (start >= until) break;
    const from = Math.max(start, origin);
    const to = Math.min(end, until);
    if (to > from) total += to - from;
    if (end >= until) break;
  }
  return total;
}

/** Sorts and merges intervals so that the result is ascending and disjoint. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * The counted intervals with the excluded ones (ascending, disjoint) cut out: paused time never counts.
 * A fully cut interval still yields an empty marker [end, end], so a consumer with a bound can stop without
 * pulling (and the calendar looking at) days beyond it. An open exclusion (end +Infinity) ends the stream.
 */
export function* withoutIntervals(intervals: CountedIntervals, excluded: readonly Interval[]): Generator<Interval> {
  let next = 0;
  for (const [start, end] of intervals) {
    let from = start;
    let yielded = false;
    while (next < excluded.length && excluded[next][1] <= from) next++;
    for (let index = next; from < end && index < excluded.length && excluded[index][0] < end; index++) {
      const [cutStart, cutEnd] = excluded[index];
      if (cutStart > from) {
        yield [from, cutStart];
        yielded = true;
      }
      from = Math.max(from, cutEnd);
    }
    if (from === Number.POSITIVE_INFINITY) return;
    if (from < end) yield [from, end];
    else if (!yielded) yield [end, end];
  }
}
