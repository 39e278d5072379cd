/**
 * Scale-out (issue 12): 1, 2 and 3 shipped server processes on one PostgreSQL database, driven together over
 * HTTP. Each configuration gets a fresh database and runs, for BENCH_SECONDS:
 *   - starters spread over every server start instances of start → timer (PT1S) → service task → end;
 *   - every server's own job executor fires the timers (they share the timers through the database);
 *   - workers, two per server, activate the jobs through their server and complete them there;
 * then the starters stop and the run drains until every instance started has completed.
 * Prints throughput per configuration, then the checks that nothing was duplicated:
 *   each timer fired once, each job activated to one worker only, no job completed twice, and each
 *   instance's history complete (the same trail as every other instance) with no event twice.
 * Run: npx tsx bench/scale-out.ts   (DATABASE_URL: a server to create scratch databases on; default local)
 *      BENCH_SECONDS=10 BENCH_STARTERS=24 BENCH_PROCESSES=1,2,3
 */
import os from 'node:os';
import pg from 'pg';
import { createScratchDatabase } from '../engine/index.js';
import { api, buildIfStale, cpuMicros, portalToken, startShippedServer, type ShippedServer } from './shipped-server.js';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STARTERS = Number(process.env.BENCH_STARTERS ?? 24);
const CONFIGURATIONS = (process.env.BENCH_PROCESSES ?? '1,2,3').split(',').map(Number);

/** Instances each server starts of another model (start → user task) before the measured run. */
const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 100);

const warmUpModel = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_ScaleWarmUp" targetNamespace="http://matterflow.dev/bench">
  <bpmn:process id="bench-scale-warm-up" name="压测：预热" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
    <bpmn:userTask id="Review" name="受理" />
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

const model = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_ScaleOut" targetNamespace="http://matterflow.dev/bench">
  <bpmn:process id="bench-scale-out" name="压测：等待后核验" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
    <bpmn:intermediateCatchEvent id="Wait" name="等待一秒"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="Check" />
    <bpmn:serviceTask id="Check" name="数据核验">
      <bpmn:extensionElements><zeebe:taskDefinition type="bench-scale-check" retries="3" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="F3" sourceRef="Check" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

interface Tally {
  started: number;
  startFailures: number;
  /** Job id → the workers it was handed to. */
  activations: Map<string, string[]>;
  /** Job id → successful completions. */
  completions: Map<string, number>;
  refusedCompletions: number;
}

interface Outcome {
  processes: number;
  startsPerSecond: number;
  completedPerSecond: number;
  drainSeconds: number;
  cpuPerInstanceUs: number;
  checks: Array<[string, boolean, string]>;
}

async function runConfiguration(processes: number): Promise<Outcome> {
  const scratch = await createScratchDatabase(SERVER_URL, 'mf_bench_scale');
  const servers: ShippedServer[] = [];
  try {
    // The first server migrates and creates the administrator; the others join a migrated database.
    servers.push(await startShippedServer(scratch.url, { expectToken: true, env: { MATTERFLOW_EXECUTOR_POLL_MS: '200' } }));
    servers.push(...(await Promise.all(Array.from({ length: processes - 1 }, () => startShippedServer(scratch.url, { env: { MATTERFLOW_EXECUTOR_POLL_MS: '200' } })))));
    const token = await portalToken(servers[0].url, servers[0].adminToken!);
    await api(servers[0].url, token, 'POST', '/deployments', model);
    await api(servers[0].url, token, 'POST', '/deployments', warmUpModel);
    // Warm-up before the clock starts (JIT, statement plans, pools, each server's model cache), on another model.
    await Promise.all(servers.map(async (server) => {
      for (let index = 0; index < WARM_UP; index++) await api(server.url, token, 'POST', '/process-instances', { processId: 'bench-scale-warm-up', variables: { applicant: '张三' } });
    }));

    const tally: Tally = { started: 0, startFailures: 0, activations: new Map(), completions: new Map(), refusedCompletions: 0 };
    const cpuBefore = servers.map((server) => cpuMicros(server.process.pid!));
    const began = Date.now();
    const until = began + SECONDS * 1000;
    let startersDone = false;
    const starters = Array.from({ length: STARTERS }, async (_, index) => {
      const server = servers[index % servers.length];
      while (Date.now() < until) {
        try {
          await api(server.url, token, 'POST', '/process-instances', { processId: 'bench-scale-out', variables: { applicant: '张三' } });
          tally.started++;
        } catch {
          tally.startFailures++;
        }
      }
    });
    const workers = servers.flatMap((server, serverIndex) =>
      [0, 1].map(async (workerIndex) => {
        const worker = `s${serverIndex}-w${workerIndex}`;
        for (;;) {
          const { items: jobs } = await api<{ items: Array<{ id: string }> }>(server.url, token, 'POST', '/jobs/activate', { type: 'bench-scale-check', worker, maxJobs: 32, lockMs: 300_000 });
          for (const job of jobs) tally.activations.set(job.id, [...(tally.activations.get(job.id) ?? []), worker]);
          await Promise.all(
            jobs.map(async (job) => {
              try {
                await api(server.url, token, 'POST', `/jobs/${job.id}/complete`, { variables: { checked: true } });
                tally.completions.set(job.id, (tally.completions.get(job.id) ?? 0) + 1);
              } catch {
                tally.refusedCompletions++;
              }
            }),
          );
          if (jobs.length === 0) {
            if (startersDone && (await openInstances(scratch.url)) === 0) return;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      }),
    );
    await Promise.all(starters);
    startersDone = true;
    const startsEnded = Date.now();
    await Promise.all(workers);
    const drained = Date.now();
    const cpu = servers.reduce((sum, server, index) => sum + cpuMicros(server.process.pid!) - cpuBefore[index], 0);
    const checks = await duplicationChecks(scratch.url, tally);
    return {
      processes,
      startsPerSecond: tally.started / ((startsEnded - began) / 1000),
      completedPerSecond: tally.completions.size / ((drained - began) / 1000),
      drainSeconds: (drained - startsEnded) / 1000,
      cpuPerInstanceUs: cpu / Math.max(1, tally.started),
      checks: [[`every start answered`, tally.startFailures === 0, `${tally.started} started, ${tally.startFailures} failed`], ...checks],
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await scratch.drop();
  }
}

async function openInstances(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ open: number }>(`SELECT count(*)::int AS open FROM process_instances WHERE process_id = 'bench-scale-out' AND status <> 'completed'`);
    return rows[0].open;
  } finally {
    await client.end();
  }
}

/** What the database and the workers saw: every figure must say "once". */
async function duplicationChecks(databaseUrl: string, tally: Tally): Promise<Array<[string, boolean, string]>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (sql: string) => (await client.query<{ n: number }>(sql)).rows[0].n;
    const instances = await one(`SELECT count(*)::int AS n FROM process_instances WHERE process_id = 'bench-scale-out'`);
    const completed = await one(`SELECT count(*)::int AS n FROM process_instances WHERE process_id = 'bench-scale-out' AND status = 'completed'`);
    const measured = `(SELECT h.* FROM history h JOIN process_instances p ON p.id = h.instance_id WHERE p.process_id = 'bench-scale-out') history`;
    const timersFired = await one(`SELECT count(*)::int AS n FROM ${measured} WHERE type = 'timer.fired'`);
    const timersFiredTwice = await one(`SELECT count(*)::int AS n FROM (SELECT instance_id FROM ${measured} WHERE type = 'timer.fired' GROUP BY instance_id HAVING count(*) > 1) twice`);
    const eventsTwice = await one(
      `SELECT count(*)::int AS n FROM (SELECT instance_id, type, element_instance_id FROM ${measured} WHERE element_instance_id IS NOT NULL
         GROUP BY instance_id, type, element_instance_id HAVING count(*) > 1) twice`,
    );
    // Every instance of this model has the same trail: the same events of the same elements, whatever server ran which step.
    const { rows: trails } = await client.query<{ trail: string; instances: number }>(
      `SELECT trail, count(*)::int AS instances FROM (
         SELECT instance_id, string_agg(type || coalesce('@' || element_id, ''), ' ' ORDER BY type, element_id) AS trail FROM ${measured} GROUP BY instance_id) t
       GROUP BY trail ORDER BY instances DESC`,
    );
    const activatedTwice = [...tally.activations.values()].filter((workers) => workers.length > 1).length;
    const completedTwice = [...tally.completions.values()].filter((count) => count > 1).length;
    const workersUsed = new Set([...tally.activations.values()].flat()).size;
    return [
      ['every instance started was recorded, and completed', instances === tally.started && completed === instances, `${instances} instances, ${completed} completed`],
      ['each timer fired once', timersFired === instances && timersFiredTwice === 0, `${timersFired} timer.fired events for ${instances} instances, ${timersFiredTwice} instances with more than one`],
      ['each job activated to one worker only', activatedTwice === 0 && tally.activations.size === instances, `${tally.activations.size} jobs handed to ${workersUsed} workers, ${activatedTwice} handed out twice`],
      ['no job completed twice', completedTwice === 0 && tally.completions.size === instances, `${tally.completions.size} jobs completed, ${completedTwice} twice, ${tally.refusedCompletions} completions refused`],
      ['each instance has the same complete trail', trails.length === 1 && trails[0].instances === instances, trails.length === 1 ? `${instances} instances: ${trails[0].trail.split(' ').length} events each` : `${trails.length} different trails`],
      ['no event of an element twice in an instance', eventsTwice === 0, `${eventsTwice} repeated (instance, event, element instance)`],
    ];
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  buildIfStale();
  const outcomes: Outcome[] = [];
  for (const processes of CONFIGURATIONS) outcomes.push(await runConfiguration(processes));
  console.log(
    `\nScale-out: N shipped servers (dist/api/main.js, SLA on, each with its job executor polling every 200 ms) on one PostgreSQL (${new URL(SERVER_URL).host}),` +
      `\n${STARTERS} HTTP starters spread over the servers for ${SECONDS} s, two job workers per server; model start → timer PT1S → service task → end.` +
      `\nMachine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), shared by the servers, PostgreSQL and this driver.\n`,
  );
  console.log('| server processes | HTTP starts/s | completed/s (start to drained) | drain after starts stop | server CPU per instance (all processes) |');
  console.log('|---|---|---|---|---|');
  for (const outcome of outcomes) {
    console.log(`| ${outcome.processes} | ${Math.round(outcome.startsPerSecond)} | ${Math.round(outcome.completedPerSecond)} | ${outcome.drainSeconds.toFixed(1)} s | ${Math.round(outcome.cpuPerInstanceUs)} µs |`);
  }
  let allPassed = true;
  for (const outcome of outcomes) {
    console.log(`\nChecks with ${outcome.processes} server process${outcome.processes > 1 ? 'es' : ''}:`);
    for (const [what, passed, detail] of outcome.checks) {
      allPassed &&= passed;
      console.log(`  ${passed ? 'ok  ' : 'FAIL'} ${what}: ${detail}`);
    }
  }
  console.log(allPassed ? '\nNothing was duplicated.' : '\nA check failed: see above.');
  if (!allPassed) process.exitCode = 1;
}

await main();
