/**
 * Serves `items` in lanes, up to `atOnce` lanes side by side: the items that share a key form one lane, in their
 * order in `items`, and `serve` works through a lane one item after another. Background work that comes in crowds
 * runs this way: what would collide (one instance's timers) or must stay in order (one receiver's deliveries) shares
 * a lane, and the rest no longer waits for it.
 */
export async function inLanes<T>(items: readonly T[], keyOf: (item: T) => string, atOnce: number, serve: (lane: T[]) => Promise<void>): Promise<void> {
  const lanes = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const lane = lanes.get(key);
    if (lane) lane.push(item);
    else lanes.set(key, [item]);
  }
  const waiting = [...lanes.values()];
  await Promise.all(
    Array.from({ length: Math.min(atOnce, waiting.length) }, async () => {
      for (let lane = waiting.shift(); lane; lane = waiting.shift()) await serve(lane);
    }),
  );
}
