/**
 * The path integrators take (issue 12): the shipped server (`dist/api/main.js`, as `npm start` runs it: SLA
 * module on, job executor and SLA monitor running, pino logging at warn) in its own process, on a fresh
 * PostgreSQL database, driven over HTTP from this process: autocannon for the saturated figures, a paced open-loop
 * generator for the steady rate (bench/paced-load.ts), a lean node:http client for straight-through
 * (bench/json-client.ts). Prints, and asserts nothing:
 *   - the database's own commit limit in the same run (one-row INSERT transactions per second, 1 and 8 clients);
 *   - HTTP start → user task: saturated throughput, and p50/p99 at a steady rate (paced, open loop: bench/paced-load.ts);
 *   - server CPU per request (the server process's user+system time over the requests it answered);
 *   - straight-through over HTTP: start, activate the job, complete it (completed instances per second).
 * Run: npx tsx bench/http.ts   (DATABASE_URL: a server to create a scratch database on; default local)
 *      BENCH_SECONDS=10 BENCH_RATE=500 BENCH_CONNECTIONS=32 BENCH_CPU_PROF=/tmp/prof (a profile of the server)
 *      BENCH_STRAIGHT_BACKLOG=256 (how far starts may run ahead of completions)  BENCH_ONLY=straight
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { jsonClient } from './json-client.js';
import { pacedLoad } from './paced-load.js';
import pg from 'pg';
import { createScratchDatabase } from '../engine/index.js';
import { api, buildIfStale, cpuMicros, portalToken, rssMb, startShippedServer, type ShippedServer } from './shipped-server.js';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** Straight-through: how far the starts may run ahead of the completions (instances started and not yet completed). */
const STRAIGHT_BACKLOG = Number(process.env.BENCH_STRAIGHT_BACKLOG ?? 256);

const userTaskXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_HttpUser" targetNamespace="http://matterflow.dev/bench">
  <bpmn:process id="bench-http-user" name="压测：受理" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
    <bpmn:userTask id="Review" name="受理">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="受理窗口" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

const straightThroughXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_HttpStraight" targetNamespace="http://matterflow.dev/bench">
  <bpmn:process id="bench-http-straight" name="压测：数据核验" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Check" />
    <bpmn:serviceTask id="Check" name="数据核验">
      <bpmn:extensionElements><zeebe:taskDefinition type="bench-http-check" retries="3" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="F2" sourceRef="Check" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

/** One-row INSERT transactions per second with `clients` connections: what the database itself can commit. */
async function commitLimit(databaseUrl: string, clients: number): Promise<number> {
  const setup = new pg.Client({ connectionString: databaseUrl });
  await setup.connect();
  await setup.query('CREATE TABLE IF NOT EXISTS bench_commit_limit (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())');
  await setup.end();
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  const until = Date.now() + Math.min(SECONDS, 5) * 1000;
  let committed = 0;
  await Promise.all(
    connections.map(async (client) => {
      while (Date.now() < until) {
        await client.query('INSERT INTO bench_commit_limit DEFAULT VALUES');
        committed++;
      }
      await client.end();
    }),
  );
  return committed / Math.min(SECONDS, 5);
}

/** Busy CPU time of the whole machine (all cores, µs): the server, PostgreSQL, this client and the kernel. */
function machineBusyMicros(): number {
  return os.cpus().reduce((sum, cpu) => sum + (cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq) * 1000, 0);
}

function line(what: string, figure: string, target: string): void {
  console.log(`| ${what} | ${figure} | ${target} |`);
}

async function main(): Promise<void> {
  buildIfStale();
  const scratch = await createScratchDatabase(SERVER_URL, 'mf_bench_http');
  // BENCH_CPU_PROF=folder: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const nodeArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : process.env.BENCH_PERF ? ['--perf-basic-prof'] : [];
  const server = await startShippedServer(scratch.url, { expectToken: true, nodeArgs });
  try {
    const admin = server.adminToken!;
    const token = await portalToken(server.url, admin);
    for (const xml of [userTaskXml, straightThroughXml]) await api(server.url, token, 'POST', '/deployments', xml);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const start = (processId: string) => ({ url: `${server.url}/api/v1/process-instances`, method: 'POST', headers, body: JSON.stringify({ processId, variables: { applicant: '张三', amount: 100 } }) });

    console.log(`\nHTTP benchmark: the shipped server (dist/api/main.js, SLA on, workers on) on PostgreSQL ${new URL(SERVER_URL).host}, ${SECONDS} s per figure, autocannon in another process\n`);
    console.log('| measure | figure | issue 12 target |');
    console.log('|---|---|---|');
    line('database commit limit: one-row INSERT, 1 client / 8 clients', `${Math.round(await commitLimit(scratch.url, 1))} / ${Math.round(await commitLimit(scratch.url, 8))} tps`, '(reference)');

    // Warm up: JIT, statement plans, connection pool.
    await autocannon({ ...start('bench-http-user'), connections: 8, duration: 2 });

    // BENCH_ONLY=straight: the straight-through figure alone (a quicker loop while working on that path).
    if (process.env.BENCH_ONLY !== 'straight') {
      const me = { url: `${server.url}/api/v1/me`, headers };
      let cpuBefore = cpuMicros(server.process.pid!);
      const meRun = await autocannon({ ...me, connections: CONNECTIONS, duration: SECONDS });
      line('GET /me: server CPU per request', `${Math.round((cpuMicros(server.process.pid!) - cpuBefore) / meRun.requests.total)} µs`, '(reference)');

      cpuBefore = cpuMicros(server.process.pid!);
      const saturated = await autocannon({ ...start('bench-http-user'), connections: CONNECTIONS, duration: SECONDS });
      const cpuPerStart = (cpuMicros(server.process.pid!) - cpuBefore) / saturated['2xx'];
      line(`HTTP start → user task, saturated (${CONNECTIONS} connections)`, `${Math.round(saturated['2xx'] / SECONDS)} starts/s (p50 ${saturated.latency.p50} ms, p99 ${saturated.latency.p99} ms, ${saturated.non2xx + saturated.errors} failed)`, '≥ 1,500 starts/s');
      line('server CPU per HTTP start', `${Math.round(cpuPerStart)} µs`, '≤ 400 µs');

      // A steady rate is paced here (bench/paced-load.ts): autocannon's overallRate sends each second's budget in a burst.
      const paced = { rate: RATE, seconds: SECONDS, connections: CONNECTIONS };
      const floor = await pacedLoad({ ...me, method: 'GET' }, paced);
      line(`GET /me, steady ${RATE} req/s (the tail of the machine and the load generator, for reference)`, `p50 ${floor.p50} ms, p99 ${floor.p99} ms (from the send: ${floor.p99FromSend} ms; generator late by up to ${floor.worstSendDelay} ms)`, '(reference)');
      const steady = await pacedLoad({ ...start('bench-http-user'), method: 'POST' }, paced);
      line(`HTTP start → user task, steady ${RATE} req/s`, `p50 ${steady.p50} ms, p90 ${steady.p90} ms, p99 ${steady.p99} ms (from the send: ${steady.p99FromSend} ms; ${steady.ok} of ${steady.sent} answered 2xx, ${steady.failed} failed; generator late by up to ${steady.worstSendDelay} ms)`, 'p99 < 20 ms');

    }

    const straight = await straightThroughOverHttp(server, token);
    line('straight-through over HTTP (start; activate and complete the job)', `${Math.round(straight.completed)} completed/s (${Math.round(straight.started)} started/s, ${straight.backlog} waiting at the end, ${straight.jobsPerActivation.toFixed(1)} jobs per activation; CPU per instance: server ${Math.round(straight.cpuPerInstance)} µs, this client ${Math.round(straight.clientPerInstance)} µs, machine ${Math.round(straight.machinePerInstance)} µs of ${Math.round(straight.machineBudget)})`, '≥ 800 completed/s');
    const rss = rssMb(server.process.pid!);
    console.log(`\nServer RSS at the end: ${Math.round(rss)} MB. Figures on a 2-core machine where autocannon, the server and PostgreSQL share the cores.`);
  } finally {
    await server.stop();
    await scratch.drop();
  }
}

/**
 * Starts instances as fast as `CONNECTIONS / 2` clients can, while 4 workers over HTTP activate jobs in batches and
 * complete each: completed instances per second over the run (counted by completed jobs), and the server's CPU per
 * completed instance (a start, a completion and a share of an activation). The client is bench/json-client.ts:
 * node:http on kept-alive connections, as lean as autocannon is for the other figures.
 */
async function straightThroughOverHttp(server: ShippedServer, token: string): Promise<{
  started: number; completed: number; backlog: number; jobsPerActivation: number; cpuPerInstance: number; clientPerInstance: number; machinePerInstance: number; machineBudget: number;
}> {
  const client = jsonClient(server.url, token, CONNECTIONS * 2);
  const cpuBefore = cpuMicros(server.process.pid!);
  const clientBefore = process.cpuUsage();
  const machineBefore = machineBusyMicros();
  const until = Date.now() + SECONDS * 1000;
  let started = 0;
  let completed = 0;
  let activations = 0;
  const starters = Array.from({ length: CONNECTIONS / 2 }, async () => {
    while (Date.now() < until) {
      // A straight-through rate is a rate the path sustains: starts that outran the workers would only pile up
      // waiting jobs and spend, on starts, the CPU the completions needed.
      if (started - completed >= STRAIGHT_BACKLOG) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      started++;
      await client.call('POST', '/process-instances', { processId: 'bench-http-straight', variables: { applicant: '张三' } });
    }
  });
  const workers = Array.from({ length: 4 }, async (_, index) => {
    while (Date.now() < until) {
      const { items: jobs } = await client.call<{ items: Array<{ id: string }> }>('POST', '/jobs/activate', { type: 'bench-http-check', worker: `w${index}`, maxJobs: 32, lockMs: 60_000 });
      activations++;
      await Promise.all(jobs.map(async (job) => {
        await client.call('POST', `/jobs/${job.id}/complete`, { variables: { checked: true } });
        completed++;
      }));
      if (jobs.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
  await Promise.all([...starters, ...workers]);
  client.close();
  const cpu = cpuMicros(server.process.pid!) - cpuBefore;
  const clientCpu = process.cpuUsage(clientBefore);
  const machine = machineBusyMicros() - machineBefore;
  // The CPU is shared between the starts and the completions of the run, so per instance it is counted over the
  // instances that did both: the backlog left at the end (at most STRAIGHT_BACKLOG) is started only.
  return { started: started / SECONDS, completed: completed / SECONDS, backlog: started - completed, jobsPerActivation: completed / activations, cpuPerInstance: cpu / completed,
    clientPerInstance: (clientCpu.user + clientCpu.system) / completed, machinePerInstance: machine / completed, machineBudget: (os.cpus().length * SECONDS * 1_000_000) / completed,
  };
}

await main();
