/**
 * SLA cost and throughput (issue 5), on PostgreSQL (DATABASE_URL, else the local server) and PGlite in memory:
 *   overhead   start + complete a one-task case with and without the SLA extension (case clocks, a step clock,
 *              due date, stop), instances per second at the same concurrency
 *   monitor    one round over N open cases whose step clocks all passed 临期 and 超期: transitions/s
 *   metrics    the full report (recomputed from history with the calendar) over the cases above
 * Prints figures; asserts nothing. Run: npx tsx bench/sla.ts [instances] [concurrency]   (BENCH_TARGETS=postgres,pglite)
 */
import os from 'node:os';
import { createScratchDatabase, Engine, engineMigrations, migrate, PgliteDatabase, PostgresDatabase, type Actor, type Clock, type Database } from '../engine/index.js';
import { slaOf, withSla } from '../engine/sla/index.js';

const INSTANCES = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const TARGETS = (process.env.BENCH_TARGETS ?? 'postgres,pglite').split(',');
const actor: Actor = { userId: 'bench', department: 'BENCH', roles: ['admin'] };

const model = (id: string, sla: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="http://matterflow.dev/schema/gov/1.0" id="D_${id}" targetNamespace="http://matterflow.dev/bench">
  <bpmn:process id="${id}" isExecutable="true">
    ${sla ? '<bpmn:extensionElements><gov:sla statutory="P20D" committed="P10D" /></bpmn:extensionElements>' : ''}
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
    <bpmn:userTask id="Review" name="审查">${sla ? '<bpmn:extensionElements><gov:sla statutory="P5D" /></bpmn:extensionElements>' : ''}</bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

class BenchClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
}

async function pool<T>(count: number, concurrency: number, work: (index: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

async function caseThroughput(engine: Engine, processId: string, count: number, concurrency: number, complete: boolean): Promise<number> {
  const started = performance.now();
  await pool(count, concurrency, async () => {
    const instance = await engine.startInstance({ processId, actor });
    if (!complete) return;
    const [task] = await engine.listTasks(actor, { instanceId: instance.id });
    await engine.completeTask(actor, task.id, {});
  });
  return (count / (performance.now() - started)) * 1000;
}

async function run(label: string, target: () => Promise<{ db: Database; cleanup: () => Promise<void> }>): Promise<void> {
  const { db, cleanup } = await target();
  try {
    await migrate(db, [engineMigrations]);
    const clock = new BenchClock(new Date('2025-09-01T02:00:00Z'));
    const plain = new Engine(db, clock);
    const timed = withSla(new Engine(db, clock));
    await plain.deploy({ xml: model('bench-plain', false), actor });
    await timed.deploy({ xml: model('bench-sla', true), actor });
    const concurrency = db.kind === 'pglite' ? 1 : CONCURRENCY;
    await caseThroughput(plain, 'bench-plain', 50, concurrency, true);
    await caseThroughput(timed, 'bench-sla', 50, concurrency, true);
    const without = await caseThroughput(plain, 'bench-plain', INSTANCES, concurrency, true);
    const withClocks = await caseThroughput(timed, 'bench-sla', INSTANCES, concurrency, true);
    console.log(`${label.padEnd(22)} start+complete without SLA ${without.toFixed(0).padStart(6)} /s   with SLA ${withClocks.toFixed(0).padStart(6)} /s   (${((1 - withClocks / without) * 100).toFixed(0)}% slower)`);

    await caseThroughput(timed, 'bench-sla', INSTANCES, concurrency, false);
    clock.current = new Date('2025-09-09T04:00:00Z');
    const sla = slaOf(timed);
    let started = performance.now();
    const round = await sla.monitor.runOnce();
    let ms = performance.now() - started;
    const transitions = round.warnings + round.overdue;
    console.log(`${label.padEnd(22)} monitor round: ${round.warnings} 临期 + ${round.overdue} 超期 transitions in ${ms.toFixed(0)} ms (${((transitions / ms) * 1000).toFixed(0)} transitions/s)`);

    started = performance.now();
    const report = await sla.metrics.report(actor, { groupBy: 'department' });
    ms = performance.now() - started;
    console.log(`${label.padEnd(22)} metrics over ${report.total.cases} cases (${report.total.completed} completed) from history: ${ms.toFixed(0)} ms`);
  } finally {
    await cleanup();
  }
}

async function postgresTarget(): Promise<{ db: Database; cleanup: () => Promise<void> }> {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', 'mf_bench_sla');
  const db = new PostgresDatabase(scratch.url, CONCURRENCY);
  return {
    db,
    async cleanup() {
      await db.close();
      await scratch.drop();
    },
  };
}

async function main(): Promise<void> {
  console.log(`SLA cost and throughput, ${INSTANCES} cases, ${os.cpus().length} CPUs, node ${process.version}`);
  if (TARGETS.includes('postgres')) await run('PostgreSQL', postgresTarget);
  if (TARGETS.includes('pglite')) {
    await run('PGlite (memory)', async () => {
      const db = await PgliteDatabase.open();
      return { db, cleanup: () => db.close() };
    });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
