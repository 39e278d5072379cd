import { CalendarRepository, type Actor, type Engine } from '../../engine/index.js';
import { SlaMonitor, slaOf, SupervisionStarter, withSla, Webhooks } from '../../engine/sla/index.js';
import { CalendarCache } from '../../engine/sla/calendar-cache.js';
import { createTestApp, FakeClock, type TestApp } from '../support/context.js';

const shanghai = (local: string) => new Date(`${local}+08:00`);

const consultXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="http://matterflow.dev/schema/gov/1.0"
  id="D_Consult" targetNamespace="http://matterflow.dev/tests">
  <bpmn:process id="consultation" name="12345 咨询" isExecutable="true">
    <bpmn:extensionElements><gov:sla profile="12345-咨询" /><gov:supervision unit="ZSJ" /></bpmn:extensionElements>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Answer" />
    <bpmn:userTask id="Task_Answer" name="答复" />
    <bpmn:sequenceFlow id="F2" sourceRef="Task_Answer" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

const CASES = 30;

/** For the enclosing describe: an app whose hotline started CASES consultations on Monday 2025-09-01 at 10:00 (Shanghai). */
function consultations(): { clock: FakeClock; engine: () => Engine } {
  const clock = new FakeClock(shanghai('2025-09-01T10:00:00'));
  const hotline: Actor = { userId: 'rx1', department: 'RX12345', roles: ['staff'] };
  let testApp: TestApp;
  let engine: Engine;
  beforeAll(async () => {
    testApp = await createTestApp({ clock });
    engine = withSla(testApp.context.engine);
    await engine.deploy({ xml: consultXml, actor: hotline });
    for (let n = 0; n < CASES; n++) await engine.startInstance({ processId: 'consultation', businessKey: `ZX-${n}`, actor: hotline });
  });
  afterAll(async () => {
    await testApp.close();
  });
  return { clock, engine: () => engine };
}

/**
 * Two monitors (as two server processes would run them) share one database: every 临期, 超期 and 督办 happens
 * exactly once. On PostgreSQL (DATABASE_URL) the rounds really run in parallel on separate connections.
 */
describe('two SLA monitors on one database', () => {
  const { clock, engine: engineOf } = consultations();
  let engine: Engine;
  beforeAll(() => {
    engine = engineOf();
  });

  test('warnings, overdue events and 督办 instances are neither lost nor doubled', async () => {
    const first = slaOf(engine).monitor;
    const second = new SlaMonitor(engine, new CalendarCache(clock), new SupervisionStarter(engine), new Webhooks(engine.db, clock), { batchSize: 7 });
    // 2 working days from Monday 09-01 end at 24:00 on Wednesday 09-03; the 24-hour response limit at 10:00 on 09-02.
    clock.set(shanghai('2025-09-04T09:00:00'));
    const rounds = await Promise.all([first.runOnce(), second.runOnce(), first.runOnce(), second.runOnce()]);
    const total = (key: 'warnings' | 'overdue' | 'supervisionsStarted') => rounds.reduce((sum, round) => sum + round[key], 0);
    // Each case: statutory and response clocks, each 临期 then 超期.
    expect(total('warnings')).toBe(2 * CASES);
    expect(total('overdue')).toBe(2 * CASES);
    const events = await engine.db.query<{ type: string; count: string | number }>(
      `SELECT type, count(*) AS count FROM history WHERE type IN ('sla.warning', 'sla.overdue', 'sla.supervision.started') GROUP BY type ORDER BY type`,
    );
    expect(events.map((row) => [row.type, Number(row.count)])).toEqual([
      ['sla.overdue', 2 * CASES],
      ['sla.supervision.started', CASES],
      ['sla.warning', 2 * CASES],
    ]);
    const supervision = await engine.db.query<{ count: string | number }>(`SELECT count(*) AS count FROM process_instances WHERE process_id = 'case-supervision' AND department = 'ZSJ'`);
    expect(Number(supervision[0].count)).toBe(CASES);
    const perClock = await engine.db.query<{ max: string | number }>(`SELECT max(n) AS max FROM (SELECT count(*) AS n FROM history WHERE type = 'sla.overdue' GROUP BY data ->> 'clockId') counts`);
    expect(Number(perClock[0].max)).toBe(1);
  });
});

/** One monitor with many clocks due at once (deadlines fall at the end of a working day): its batches overlap. */
describe('one SLA monitor with more than a batch due', () => {
  const { clock, engine: engineOf } = consultations();
  let engine: Engine;
  beforeAll(() => {
    engine = engineOf();
  });

  const monitor = () => new SlaMonitor(engine, new CalendarCache(clock), new SupervisionStarter(engine), new Webhooks(engine.db, clock), { batchSize: 5, batchesAtOnce: 4 });

  /** Runs `work` watching the real transactions (each still runs on the database): how many were open at once. */
  async function mostOpenDuring<T>(work: () => Promise<T>): Promise<{ value: T; mostOpen: number }> {
    let open = 0;
    let mostOpen = 0;
    const transaction = engine.db.transaction.bind(engine.db);
    engine.db.transaction = async (inner) => {
      mostOpen = Math.max(mostOpen, ++open);
      try {
        return await transaction(inner);
      } finally {
        open--;
      }
    };
    try {
      return { value: await work(), mostOpen };
    } finally {
      engine.db.transaction = transaction;
    }
  }

  test('a calendar change reaches every running clock, in batches side by side', async () => {
    // A holiday after every deadline here: each clock is brought to the new revision, none moves.
    await new CalendarRepository(engine.db, clock).addOverride({ date: '2025-12-26', kind: 'holiday', name: '调休', reason: '测试' }, 'admin');
    const { value: recomputed, mostOpen } = await mostOpenDuring(() => monitor().recomputeAfterCalendarChange());
    expect(recomputed).toBe(2 * CASES);
    expect(mostOpen).toBeGreaterThan(1);
    expect(mostOpen).toBeLessThanOrEqual(4);
    // Every clock is now on the new revision: nothing is left to recompute, and none recorded a moved deadline.
    expect(await monitor().recomputeAfterCalendarChange()).toBe(0);
    const [{ moved }] = await engine.db.query<{ moved: number }>(`SELECT count(*)::int AS moved FROM history WHERE type = 'sla.deadline.recomputed'`);
    expect(moved).toBe(0);
  });

  test('transitions its batches side by side, each clock once', async () => {
    clock.set(shanghai('2025-09-04T09:00:00'));
    const { value: round, mostOpen } = await mostOpenDuring(() => monitor().runOnce());
    expect(mostOpen).toBeGreaterThan(1);
    expect(mostOpen).toBeLessThanOrEqual(4);
    expect(round).toMatchObject({ warnings: 2 * CASES, overdue: 2 * CASES });
    const perClock = await engine.db.query<{ type: string; clocks: number; most: number }>(
      `SELECT type, count(*)::int AS clocks, max(n)::int AS most FROM (SELECT type, count(*) AS n FROM history WHERE type IN ('sla.warning', 'sla.overdue') GROUP BY type, data ->> 'clockId') counts GROUP BY type ORDER BY type`,
    );
    expect(perClock).toEqual([
      { type: 'sla.overdue', clocks: 2 * CASES, most: 1 },
      { type: 'sla.warning', clocks: 2 * CASES, most: 1 },
    ]);
  });
});

/** Cases overdue together (deadlines end with a working day): their 督办 start side by side, the model deployed once. */
describe('starting the 督办 of many overdue cases', () => {
  const { clock, engine: engineOf } = consultations();
  let engine: Engine;
  beforeAll(() => {
    engine = engineOf();
  });

  test('the cases start side by side, each once, after one deployment', async () => {
    // Watches the real calls (each still runs its commands on the database).
    let open = 0;
    let mostOpen = 0;
    let deployments = 0;
    const startInstance = engine.startInstance.bind(engine);
    const deploy = engine.deploy.bind(engine);
    engine.startInstance = async (input) => {
      mostOpen = Math.max(mostOpen, ++open);
      try {
        return await startInstance(input);
      } finally {
        open--;
      }
    };
    engine.deploy = async (input) => {
      deployments++;
      return deploy(input);
    };
    try {
      clock.set(shanghai('2025-09-04T09:00:00'));
      const round = await new SlaMonitor(engine, new CalendarCache(clock), new SupervisionStarter(engine), new Webhooks(engine.db, clock)).runOnce();
      expect(round.supervisionsStarted).toBe(CASES);
    } finally {
      engine.startInstance = startInstance;
      engine.deploy = deploy;
    }
    expect(mostOpen).toBeGreaterThan(1);
    expect(mostOpen).toBeLessThanOrEqual(4);
    expect(deployments).toBe(1);
    const [{ instances, cases, started }] = await engine.db.query<{ instances: number; cases: number; started: number }>(
      `SELECT count(*)::int AS instances, count(DISTINCT state -> 'variables' ->> 'caseInstanceId')::int AS cases,
         (SELECT count(*)::int FROM history WHERE type = 'sla.supervision.started') AS started
       FROM process_instances WHERE process_id = 'case-supervision' AND department = 'ZSJ'`,
    );
    expect({ instances, cases, started }).toEqual({ instances: CASES, cases: CASES, started: CASES });
    const [{ failed }] = await engine.db.query<{ failed: number }>(`SELECT count(*)::int AS failed FROM sla_supervisions WHERE state <> 'started'`);
    expect(failed).toBe(0);
  });
});
