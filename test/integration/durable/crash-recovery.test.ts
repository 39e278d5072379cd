import { JobExecutor } from '../../../engine/index.js';
import { renewLease } from '../../../engine/store/jobs/executor-lease.js';
import { clerk, harness, type Harness } from './harness.js';
import { end, process, start } from './models.js';

const waitHour = process(
  'wait-hour',
  [start(), '<bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>', end()].join('\n'),
  [
    ['F1', 'Start', 'Wait'],
    ['F2', 'Wait', 'End'],
  ],
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a server that dies holding timer locks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
    await h.context.engine.deploy({ xml: waitHour, actor: clerk });
  });
  afterAll(() => h.close());

  test('its due timers are taken over as soon as its lease runs out, long before the lock would expire', async () => {
    const { engine, db } = h.context;
    const instance = await engine.startInstance({ processId: 'wait-hour', actor: clerk });
    h.clock.advance(3_600_000);
    // The dying server renewed its lease and locked the timer (for a minute), then was killed before firing it.
    await renewLease(db, 'dead-server', 400);
    expect(await engine.acquireDueTimers('dead-server', 10, 60_000)).toHaveLength(1);

    const survivor = new JobExecutor(engine, { owner: 'survivor', leaseMs: 5_000 });
    expect((await survivor.runOnce()).fired).toBe(0);
    await sleep(600);
    expect((await survivor.runOnce()).fired).toBe(1);
    expect((await engine.getInstance(clerk, instance.id)).status).toBe('completed');
  });

  test('a live executor keeps its locks while it renews its lease', async () => {
    const { engine, db } = h.context;
    await engine.startInstance({ processId: 'wait-hour', actor: clerk });
    h.clock.advance(3_600_000);
    await renewLease(db, 'busy-server', 400);
    expect(await engine.acquireDueTimers('busy-server', 10, 60_000)).toHaveLength(1);
    await sleep(250);
    await renewLease(db, 'busy-server', 400);
    await sleep(250);
    const other = new JobExecutor(engine, { owner: 'other', leaseMs: 5_000 });
    expect((await other.runOnce()).fired).toBe(0);
    // The busy server fires it after all; a round of another executor never does.
    const busy = new JobExecutor(engine, { owner: 'busy-server', leaseMs: 5_000 });
    expect((await busy.runOnce()).fired).toBe(0); // already 'activated' by itself: left to the firing in progress
    await db.query("UPDATE jobs SET state = 'activatable', lock_owner = NULL WHERE lock_owner = 'busy-server'");
    expect((await busy.runOnce()).fired).toBe(1);
  });

  test('stopping an executor cleanly hands its locks back at once', async () => {
    const { engine, db } = h.context;
    await engine.startInstance({ processId: 'wait-hour', actor: clerk });
    h.clock.advance(3_600_000);
    const leaving = new JobExecutor(engine, { owner: 'leaving', leaseMs: 60_000, pollIntervalMs: 60_000 });
    await renewLease(db, 'leaving', 60_000);
    expect(await engine.acquireDueTimers('leaving', 10, 60_000)).toHaveLength(1);
    await leaving.stop();
    const [{ count }] = await db.query<{ count: number }>("SELECT count(*)::int AS count FROM jobs WHERE lock_owner = 'leaving'");
    expect(count).toBe(0);
    expect((await new JobExecutor(engine, { owner: 'next' }).runOnce()).fired).toBe(1);
  });

  test('job tombstones are kept for their retention period, then pruned by the executor', async () => {
    const { db } = h.context;
    const insert = (id: string, at: Date) =>
      db.query("INSERT INTO job_tombstones (id, instance_id, department, type, worker, outcome, finished_by, finished_at) VALUES ($1, $1, 'SCJGJ', 't', 'w', 'completed', 'clerk', $2)", [id, at]);
    const now = h.clock.now().getTime();
    await insert('00000000-0000-4000-8000-0000000000a1', new Date(now - 8 * 24 * 3_600_000));
    await insert('00000000-0000-4000-8000-0000000000a2', new Date(now - 24 * 3_600_000));
    await new JobExecutor(h.context.engine, { owner: 'pruner' }).runOnce();
    const left = await db.query<{ id: string }>("SELECT id FROM job_tombstones WHERE id IN ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2')");
    expect(left.map((row) => row.id)).toEqual(['00000000-0000-4000-8000-0000000000a2']);
  });
});
