/**
 * Durable throughput (issue 3): completed instances per second, with full history, on
 * PostgreSQL (DATABASE_URL, else the local server) and on PGlite (in memory and in a folder).
 *   straight-through  start → service task (job completed by an in-process worker through the
 *                     Engine API, batch activation) → end
 *   user task         start → user task (completed through the Engine API) → end
 *   with limits       the same with a statutory case limit and a step limit (gov:sla), as a permit has:
 *                     the start opens two SLA clocks, the completion stops them
 *   three steps       start → 受理 → 审查 → 决定 → end: a case that goes on after each command, as a permit does
 *   after ANALYZE     straight-through again after the database was analysed with the job queue empty, as
 *                     autovacuum does in a quiet hour (see engine/store/jobs/queue-claims.ts for what that once cost)
 * The engine is built as the server builds it (api/server.ts shippedEngine: SLA module on, full history).
 * Prints figures and database round trips per instance; asserts nothing.
 * Run: npx tsx bench/durable.ts [instances] [concurrency]   (BENCH_TARGETS=postgres,pglite)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase, PgliteDatabase, PostgresDatabase, type Actor, type Database, type Db, type Engine } from '../engine/index.js';
import { shippedEngine } from '../api/server.js';
import { CalendarRepository } from '../engine/time/index.js';
import { systemClock, type Clock } from '../engine/index.js';

const INSTANCES = Number(process.argv[2] ?? 4000);
const CONCURRENCY = Number(process.argv[3] ?? 32);
const TARGETS = (process.env.BENCH_TARGETS ?? 'postgres,pglite,pglite-folder').split(',');
const actor: Actor = { userId: 'bench', department: 'BENCH', roles: ['admin'], groups: ['bench'] };

const straightThroughXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_Straight" targetNamespace="http://matterflow.dev/bench">
  <bpmn:process id="bench-straight" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Work" />
    <bpmn:serviceTask id="Work" name="Work">
      <bpmn:extensionElements><zeebe:taskDefinition type="bench-work" retries="3" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Work" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

const userTaskXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_User" targetNamespace="http://matterflow.dev/bench">
  <bpmn:process id="bench-user" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
    <bpmn:userTask id="Review" name="审查">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="bench" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

const limitedXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:gov="http://matterflow.dev/schema/gov/1.0" id="Defs_Limited" targetNamespace="http://matterflow.dev/bench">
  <bpmn:process id="bench-limited" isExecutable="true">
    <bpmn:extensionElements><gov:sla statutory="P20D" calendar="working" /></bpmn:extensionElements>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
    <bpmn:userTask id="Review" name="审查">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="bench" /><gov:sla statutory="P5D" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

const threeStepXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_Steps" targetNamespace="http://matterflow.dev/bench">
  <bpmn:process id="bench-steps" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Accept" />
    <bpmn:userTask id="Accept" name="受理">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="bench" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Accept" targetRef="Examine" />
    <bpmn:userTask id="Examine" name="审查">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="bench" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F3" sourceRef="Examine" targetRef="Decide" />
    <bpmn:userTask id="Decide" name="决定">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="bench" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F4" sourceRef="Decide" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

/** Counts statements (BEGIN/COMMIT included) to report round trips per instance. */
class CountingDb implements Database {
  statements = 0;
  constructor(readonly inner: Database) {}
  get kind() {
    return this.inner.kind;
  }
  get location() {
    return this.inner.location;
  }
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    this.statements++;
    return this.inner.query<T>(sql, params);
  }
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    this.statements += 2;
    return this.inner.transaction((tx) =>
      work({
        query: <R>(sql: string, params?: readonly unknown[]) => {
          this.statements++;
          return tx.query<R>(sql, params);
        },
        transaction: (nested) => nested(tx),
        exec: (script) => tx.exec(script),
      }),
    );
  }
  exec(script: string): Promise<void> {
    return this.inner.exec(script);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

async function pool<T>(count: number, concurrency: number, work: (index: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** Starters and in-process workers run at once; the clock stops when the last instance has completed. */
async function straightThrough(engine: Engine, db: CountingDb, count: number, concurrency: number, label = 'start → service job → end'): Promise<void> {
  let completed = 0;
  const before = db.statements;
  const cpu = await cpuMark(db);
  const started = performance.now();
  const starting = pool(count, concurrency, () => engine.startInstance({ processId: 'bench-straight', actor }));
  const workers = Array.from({ length: Math.max(1, Math.floor(concurrency / 4)) }, async (_, index) => {
    while (completed < count) {
      const jobs = await engine.activateJobs(actor, { type: 'bench-work', worker: `w${index}`, max: 32, lockMs: 60_000 });
      if (jobs.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        continue;
      }
      await pool(jobs.length, 4, async (at) => {
        await engine.completeJob(actor, jobs[at].id, { done: true });
        completed++;
      });
    }
  });
  await Promise.all([starting, ...workers]);
  await report(db, label, count, performance.now() - started, db.statements - before, cpu);
}

async function userTask(engine: Engine, db: CountingDb, count: number, concurrency: number, processId = 'bench-user', label = 'start → user task → end', steps = 1): Promise<void> {
  const before = db.statements;
  const cpu = await cpuMark(db);
  const started = performance.now();
  await pool(count, concurrency, async () => {
    const instance = await engine.startInstance({ processId, actor });
    for (let step = 0; step < steps; step++) {
      const [task] = await engine.listTasks(actor, { instanceId: instance.id, state: 'created' });
      await engine.completeTask(actor, task.id, { approved: true });
    }
  });
  await report(db, label, count, performance.now() - started, db.statements - before, cpu);
}

const limitedTask = (engine: Engine, db: CountingDb, count: number, concurrency: number) => userTask(engine, db, count, concurrency, 'bench-limited', '… with case and step limits');
/** A permit's usual path: three steps by staff (受理 → 审查 → 决定), each a command on a case that goes on. */
const threeSteps = (engine: Engine, db: CountingDb, count: number, concurrency: number) => userTask(engine, db, count, concurrency, 'bench-steps', 'start → 受理 → 审查 → 决定 → end', 3);

interface CpuMark {
  process: NodeJS.CpuUsage;
  machine: number;
  /** The database's write-ahead log position (bytes), where it can be read: what the database wrote, which no neighbour's load changes. */
  wal: number | null;
}

async function walPosition(db: Db): Promise<number | null> {
  try {
    // Read past the counter: the reading is not the product's statement.
    const [row] = await (db instanceof CountingDb ? db.inner : db).query<{ at: string }>(`SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::text AS at`);
    return Number(row.at);
  } catch {
    return null;
  }
}

/** Busy CPU time of the whole machine (all cores, µs): this process plus PostgreSQL plus the kernel. */
function machineBusyMicros(): number {
  return os.cpus().reduce((sum, cpu) => sum + (cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq) * 1000, 0);
}

async function cpuMark(db: Db): Promise<CpuMark> {
  return { process: process.cpuUsage(), machine: machineBusyMicros(), wal: await walPosition(db) };
}

/**
 * Instances/s depends on what else runs on the machine; statements and CPU per instance do not.
 * The engine process's CPU and the machine's (engine + PostgreSQL + kernel) show which side limits.
 */
async function report(db: Db, label: string, count: number, ms: number, statements: number, mark: CpuMark): Promise<void> {
  const own = process.cpuUsage(mark.process);
  const machine = (machineBusyMicros() - mark.machine) / count;
  const walNow = mark.wal === null ? null : await walPosition(db);
  const wal = mark.wal === null || walNow === null ? '' : `  WAL ${((walNow - mark.wal) / count / 1024).toFixed(1)} KiB/instance`;
  console.log(
    `  ${label.padEnd(36)} ${String(count).padStart(6)} instances  ${(count / (ms / 1000)).toFixed(0).padStart(6)} /s  ` +
      `${(statements / count).toFixed(1)} statements/instance  CPU/instance: engine ${(own.user / count).toFixed(0)}+${(own.system / count).toFixed(0)} µs (user+sys), ` +
      `machine ${machine.toFixed(0)} µs of ${((os.cpus().length * ms * 1000) / count).toFixed(0)}${wal}`,
  );
}

async function verify(db: Db, processId: string, count: number): Promise<void> {
  const [row] = await db.query<{ done: number; history: number }>(
    `SELECT count(*)::int AS done, (SELECT count(*)::int FROM history h JOIN process_instances p ON p.id = h.instance_id WHERE p.process_id = $1) AS history
     FROM process_instances WHERE process_id = $1 AND status = 'completed'`,
    [processId],
  );
  if (row.done < count) console.log(`  !! only ${row.done} of ${count} ${processId} instances completed`);
  else console.log(`  ${processId}: ${row.done} completed, ${(row.history / row.done).toFixed(1)} history rows each`);
}

/**
 * The engine's clock for a run. A statutory limit of 20 working days started in December ends in the next year, and
 * until the State Council publishes that year's holidays (and an administrator loads them) the engine will not guess
 * its working days: the case clock opens with no deadline and says why (CALENDAR_YEAR_NOT_LOADED). That is right for
 * a city, but a benchmark of it would measure the refusal, not the path a permit takes. So when two months from now
 * fall in a year the calendar does not cover, the run goes back whole years to a date it does, and says so.
 */
async function benchClock(db: Database): Promise<{ clock: Clock; note: string }> {
  await shippedEngine(db); // the migrations, so the stored calendar can be read
  const calendar = await new CalendarRepository(db, systemClock).calendar();
  const yearsBack = (): number => {
    for (let back = 0; back < 10; back++) {
      if (calendar.coversYear(new Date(Date.now() + 60 * 86_400_000).getUTCFullYear() - back)) return back;
    }
    return 0;
  };
  const back = yearsBack();
  if (back === 0) return { clock: systemClock, note: '' };
  const shifted = (): Date => {
    const now = new Date();
    now.setUTCFullYear(now.getUTCFullYear() - back);
    return now;
  };
  return { clock: { now: shifted }, note: `\n  (dated ${shifted().toISOString().slice(0, 10)}: the ${new Date().getUTCFullYear() + 1} holiday schedule is not loaded, so today's 20-working-day limits could not be counted)` };
}

async function run(label: string, open: () => Promise<{ db: Database; cleanup: () => Promise<void> }>, count: number, concurrency: number): Promise<void> {
  const { db: raw, cleanup } = await open();
  const db = new CountingDb(raw);
  try {
    // The shipped configuration: the server's migrations, calendar, staff directory and SLA module (every
    // command runs in a transaction, and each start opens its SLA clocks), as api/server.ts builds it.
    const { clock, note } = await benchClock(raw);
    const { engine } = await shippedEngine(db, clock);
    await engine.deploy({ xml: straightThroughXml, actor });
    await engine.deploy({ xml: userTaskXml, actor });
    await engine.deploy({ xml: limitedXml, actor });
    await engine.deploy({ xml: threeStepXml, actor });
    console.log(`${label} (${count} instances, concurrency ${concurrency}, group commit ${engine.groupCommit ? 'on' : 'off'}: MATTERFLOW_GROUP_COMMIT)${note}`);
    // Warm-up: compile caches, JIT, connection pool.
    await straightThrough(engine, db, Math.min(200, count), concurrency).catch((error) => console.log('  warm-up failed', error));
    await userTask(engine, db, Math.min(200, count), concurrency);
    await limitedTask(engine, db, Math.min(200, count), concurrency);
    await threeSteps(engine, db, Math.min(200, count), concurrency);
    await straightThrough(engine, db, count, concurrency);
    await userTask(engine, db, count, concurrency);
    await limitedTask(engine, db, count, concurrency);
    await threeSteps(engine, db, count, concurrency);
    // A quiet hour: autovacuum analyses the database while the job queue is empty, so the planner believes the
    // queue holds no row when the next burst comes (engine/store/jobs/queue-claims.ts says what that once cost).
    await raw.exec('ANALYZE');
    await straightThrough(engine, db, count, concurrency, '… after ANALYZE of the empty queue');
    await verify(db, 'bench-straight', 2 * count);
    await verify(db, 'bench-user', count);
    await verify(db, 'bench-limited', count);
    await verify(db, 'bench-steps', count);
    const grouped = engine.groupCommit?.stats;
    if (grouped) console.log(`  group commit: ${grouped.commands} command transactions in ${grouped.transactions} database transactions (${(grouped.commands / grouped.transactions).toFixed(1)} each)`);
  } finally {
    await cleanup();
  }
}

async function postgresTarget(): Promise<{ db: Database; cleanup: () => Promise<void> }> {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', 'mf_bench');
  const db = new PostgresDatabase(scratch.url, Number(process.env.BENCH_POOL ?? 16));
  return {
    db,
    async cleanup() {
      await db.close();
      await scratch.drop();
    },
  };
}

async function main(): Promise<void> {
  console.log(`Durable throughput, shipped configuration (SLA on, full history), ${os.cpus().length} CPUs, node ${process.version}`);
  if (TARGETS.includes('postgres')) {
    // No server (a fresh machine without PostgreSQL): the PGlite figures still print.
    await run('PostgreSQL', postgresTarget, INSTANCES, CONCURRENCY).catch((error: Error) => console.log(`PostgreSQL skipped: ${error.message}`));
  }
  const small = Math.max(200, Math.floor(INSTANCES / 4));
  if (TARGETS.includes('pglite')) {
    await run('PGlite in memory', async () => {
      const db = await PgliteDatabase.open();
      return { db, cleanup: () => db.close() };
    }, small, 8);
  }
  if (TARGETS.includes('pglite-folder')) {
    await run('PGlite in a data folder', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-bench-'));
      const db = await PgliteDatabase.open(folder);
      return { db, cleanup: async () => (await db.close(), fs.rmSync(folder, { recursive: true, force: true })) };
    }, small, 8);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
