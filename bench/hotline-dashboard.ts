/**
 * The 民意速办 dashboards at a month's size (issue 14): p50/p95 of each dashboard query over the shipped server
 * (dist/api/main.js in a process of its own, HTTP as the designer's #/hotline page calls it), on a database a
 * `npm run demo:12345` run filled, after VACUUM ANALYZE (what autovacuum does in service; a test server may run
 * without it). Beside each figure, since the machine may be shared: the CPU time per request of the server and of
 * the PostgreSQL backends serving it (read from /proc when PostgreSQL runs on this machine), and the load average.
 * Prints; asserts nothing.
 *
 *   DATABASE_URL=postgresql://…/demo npm run demo:12345 -- 20000 --month=2026-11
 *   DATABASE_URL=postgresql://…/demo npx tsx bench/hotline-dashboard.ts --month=2026-11 [--requests=30]
 */
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { createContext } from '../api/server.js';
import { api, buildIfStale, cpuMicros, startShippedServer } from './shipped-server.js';

const option = (name: string) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const DATABASE_URL = process.env.DATABASE_URL;
const MONTH = option('month') ?? '2026-11';
const REQUESTS = Number(option('requests') ?? 30);
const WARMUP = 3;
const HUMEN = '441900121';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Users the bench reads as: a city supervisor (every ticket) and a town's staff (their town's), with tokens. */
async function tokens(databaseUrl: string): Promise<{ city: string; town: string }> {
  const context = await createContext({ databaseUrl, log: pino({ level: 'warn' }) });
  try {
    await context.tokens.upsertUser({ id: 'bench-supervisor', name: '压测督办', department: 'ZSJ', roles: ['supervisor'], groups: [] });
    await context.tokens.upsertUser({ id: 'bench-town', name: '压测镇街', department: 'GAJ', regionCode: HUMEN, roles: ['staff'], groups: ['承办人员'] });
    return { city: await context.tokens.createToken('bench-supervisor', 'bench'), town: await context.tokens.createToken('bench-town', 'bench') };
  } finally {
    await context.db.close();
  }
}

/** CPU time (ms) so far of each PostgreSQL backend on the database, when PostgreSQL runs here (else empty). */
async function backendCpu(client: pg.Client): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      if (fs.existsSync(`/proc/${pid}/stat`)) cpu.set(pid, cpuMicros(pid) / 1000);
    } catch {
      // A backend that ended in between.
    }
  }
  return cpu;
}

function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

async function main(): Promise<void> {
  if (!DATABASE_URL) throw new Error('DATABASE_URL: the database a demo:12345 run filled');
  buildIfStale();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query('VACUUM ANALYZE');
  const users = await tokens(DATABASE_URL);
  const server = await startShippedServer(DATABASE_URL);
  const [year, month] = MONTH.split('-').map(Number);
  const from = new Date(`${MONTH}-01T00:00:00+08:00`).toISOString();
  const to = new Date(Date.UTC(year, month, 1) - 8 * 3_600_000).toISOString();
  const period = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const queries: Array<{ name: string; user: keyof typeof users; url: string }> = [
    { name: 'summary (city)', user: 'city', url: `/hotline/dashboard?${period}` },
    { name: 'rates by category', user: 'city', url: `/hotline/dashboard/rates?groupBy=category&${period}` },
    { name: 'rates by town', user: 'city', url: `/hotline/dashboard/rates?groupBy=town&${period}` },
    { name: 'rates by unit', user: 'city', url: `/hotline/dashboard/rates?groupBy=unit&${period}` },
    { name: 'hot spots (city)', user: 'city', url: `/hotline/dashboard/hot-spots?${period}` },
    { name: 'summary (town=虎门, supervisor)', user: 'city', url: `/hotline/dashboard?${period}&town=${HUMEN}` },
    { name: 'summary (a 虎门 staff user)', user: 'town', url: `/hotline/dashboard?${period}` },
    { name: 'hot spots (a 虎门 staff user)', user: 'town', url: `/hotline/dashboard/hot-spots?${period}` },
  ];
  try {
    const total = await api<{ total: { tickets: number } }>(server.url, users.city, 'GET', queries[0].url);
    console.log(`民意速办看板 ${MONTH}：${total.total.tickets} 件工单；shipped server (dist/api/main.js) over HTTP, ${REQUESTS} requests each after ${WARMUP} warm-up, one at a time; ${os.cpus().length} cores`);
    console.log('query'.padEnd(34), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'CPU ms/req: server'.padStart(19), 'PostgreSQL'.padStart(11), '  load (1/5/15 min)');
    for (const query of queries) {
      for (let index = 0; index < WARMUP; index++) await api(server.url, users[query.user], 'GET', query.url);
      const load = os.loadavg().map((value) => value.toFixed(2)).join(' ');
      const cpuBefore = cpuMicros(server.process.pid!);
      const dbBefore = await backendCpu(client);
      const latencies: number[] = [];
      for (let index = 0; index < REQUESTS; index++) {
        const started = performance.now();
        await api(server.url, users[query.user], 'GET', query.url);
        latencies.push(performance.now() - started);
      }
      const cpuMs = (cpuMicros(server.process.pid!) - cpuBefore) / 1000 / REQUESTS;
      const dbCpuMs = cpuSpent(dbBefore, await backendCpu(client)) / REQUESTS;
      latencies.sort((a, b) => a - b);
      console.log(query.name.padEnd(34), percentile(latencies, 50).toFixed(1).padStart(8), percentile(latencies, 95).toFixed(1).padStart(8), cpuMs.toFixed(1).padStart(19), dbCpuMs.toFixed(1).padStart(11), `  ${load}`);
    }
  } finally {
    await server.stop();
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
