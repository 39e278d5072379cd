/**
 * Restart time and catalog search with a large history (issue 12 target: unchanged with 1,000,000 history rows).
 * The shipped server (dist/api/main.js, SLA on, workers on, sample catalog loaded) on a fresh PostgreSQL database:
 *   1. restarts on the database with an empty history, timed from spawn to "running at";
 *   2. catalog search (GET /catalog/matters?q=…) latency over BENCH_SEARCHES requests;
 *   3. BENCH_HISTORY_ROWS history rows written with one INSERT … SELECT generate_series (spread over the last
 *      BENCH_HISTORY_DAYS days, so over the month tables of migration 1090), then the same two measures again,
 *      and one case's trail read as the engine reads it.
 * Prints the figures and the configuration; asserts nothing. Run: npx tsx bench/history-scale.ts
 *      (DATABASE_URL: a server to create the scratch database on; default local)
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { createScratchDatabase } from '../engine/index.js';
import { api, buildIfStale, rssMb, startShippedServer, type ShippedServer } from './shipped-server.js';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.BENCH_HISTORY_ROWS ?? 1_000_000);
const DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 45);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 200);
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 2);
const QUERIES = ['营业执照', 'yyzz', '食品经营许可', '公司登记', '药品', '建设工程', '社会保险', '户口'];

interface Measure {
  restartMs: number[];
  restartCpuMs: number[];
  rssMb: number;
  searchP50: number;
  searchP99: number;
}

/** The made-up case number n's id, as the INSERT below makes it (md5 of the number, as a uuid). */
function md5Uuid(n: number): string {
  const hex = createHash('md5').update(String(n)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Restarts the server RESTARTS times (keeping the last one running), then times catalog searches on it. */
async function measure(databaseUrl: string, adminToken: string): Promise<{ figures: Measure; server: ShippedServer }> {
  const restartMs: number[] = [];
  const restartCpuMs: number[] = [];
  let server: ShippedServer | undefined;
  for (let round = 0; round < RESTARTS; round++) {
    await server?.stop();
    server = await startShippedServer(databaseUrl, { env: { MATTERFLOW_SAMPLES: 'true' } });
    restartMs.push(server.startMs);
    restartCpuMs.push(server.startCpuMs);
  }
  const latencies: number[] = [];
  for (let index = 0; index < SEARCHES; index++) {
    const started = performance.now();
    await api(server!.url, adminToken, 'GET', `/catalog/matters?q=${encodeURIComponent(QUERIES[index % QUERIES.length])}&limit=20`);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { figures: { restartMs, restartCpuMs, rssMb: rssMb(server!.process.pid!), searchP50: percentile(latencies, 50), searchP99: percentile(latencies, 99) }, server: server! };
}

async function main(): Promise<void> {
  buildIfStale();
  const scratch = await createScratchDatabase(SERVER_URL, 'mf_bench_history');
  const client = new pg.Client({ connectionString: scratch.url });
  let server = await startShippedServer(scratch.url, { expectToken: true, env: { MATTERFLOW_SAMPLES: 'true' } });
  try {
    const adminToken = server.adminToken!;
    await server.stop();
    await client.connect();
    const empty = await measure(scratch.url, adminToken);
    server = empty.server;
    await server.stop();

    const [instance] = (await client.query<{ id: string; department: string }>('SELECT id, department FROM process_instances LIMIT 1')).rows;
    const started = Date.now();
    // One statement: rows of 10,000 made-up cases (and, when there is one, the trail of a real case among them).
    await client.query(
      `INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data)
       SELECT CASE WHEN $3::uuid IS NOT NULL AND n % 10000 = 0 THEN $3::uuid ELSE md5((n % 10000)::text)::uuid END,
              coalesce($4, 'SCJGJ'), now() - (($1::int - n)::double precision / $1::int) * make_interval(days => $2::int),
              (ARRAY['element.activated', 'element.completed', 'userTask.created', 'variables.set'])[1 + n % 4],
              'Review', 'userTask', '受理', 'Review#' || n, 'bench', jsonb_build_object('n', n)
       FROM generate_series(1, $1::int) AS n`,
      [ROWS, DAYS, instance?.id ?? null, instance?.department ?? null],
    );
    await client.query('ANALYZE history');
    const insertSeconds = (Date.now() - started) / 1000;
    const { rows: months } = await client.query<{ month: string; rows: number }>(
      `SELECT tableoid::regclass::text AS month, count(*)::int AS rows FROM history GROUP BY 1 ORDER BY 1`,
    );

    const full = await measure(scratch.url, adminToken);
    server = full.server;
    // The trail of one case as the engine reads it (engine/store/queries/case-queries.ts), across the month tables.
    const lookups: number[] = [];
    for (let index = 0; index < 50; index++) {
      const readStarted = performance.now();
      await client.query('SELECT * FROM history WHERE instance_id = $1 ORDER BY id', [instance?.id ?? md5Uuid(index)]);
      lookups.push(performance.now() - readStarted);
    }
    lookups.sort((a, b) => a - b);
    const trail = `${Math.round(ROWS / 10_000)} rows of one case: p50 ${percentile(lookups, 50).toFixed(1)} ms, p99 ${percentile(lookups, 99).toFixed(1)} ms`;

    const restart = (figures: Measure) => figures.restartMs.map((ms, index) => `${(ms / 1000).toFixed(1)} s (${(figures.restartCpuMs[index] / 1000).toFixed(1)} s of CPU)`).join(', ');
    console.log(
      `\nHistory at scale: the shipped server (dist/api/main.js, SLA on, workers on, sample catalog loaded, LOG_LEVEL=warn) on PostgreSQL ${new URL(SERVER_URL).host}.` +
        `\n${ROWS.toLocaleString('en')} history rows over the last ${DAYS} days written in one INSERT … SELECT generate_series in ${insertSeconds.toFixed(1)} s;` +
        ` rows per table: ${months.map((month) => `${month.month} ${month.rows.toLocaleString('en')}`).join(', ')}.` +
        `\nRestart: spawn to "running at" (migrations checked, caches loaded, catalog index built), wall time and the server's own CPU time. Search: ${SEARCHES} sequential GET /catalog/matters?q=… .` +
        `\nMachine: ${os.cpus().length} cores, Node ${process.version}; shared with other work while measuring.\n`,
    );
    console.log('| history rows | restarts | catalog search p50 / p99 | server RSS after the searches |');
    console.log('|---|---|---|---|');
    console.log(`| 0 | ${restart(empty.figures)} | ${empty.figures.searchP50.toFixed(1)} / ${empty.figures.searchP99.toFixed(1)} ms | ${Math.round(empty.figures.rssMb)} MB |`);
    console.log(`| ${ROWS.toLocaleString('en')} | ${restart(full.figures)} | ${full.figures.searchP50.toFixed(1)} / ${full.figures.searchP99.toFixed(1)} ms | ${Math.round(full.figures.rssMb)} MB |`);
    console.log(`\nOne case's trail (SELECT … WHERE instance_id = $1 ORDER BY id, as the engine reads it) among ${ROWS.toLocaleString('en')} rows: ${trail}.`);
  } finally {
    await server.stop();
    await client.end().catch(() => undefined);
    await scratch.drop();
  }
}

await main();
