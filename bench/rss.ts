/**
 * Server memory with many waiting instances (issue 12 target: RSS < 300 MB with 100,000 instances waiting at a
 * user task). The shipped server (dist/api/main.js, SLA on, workers on) on a fresh PostgreSQL database:
 *   1. RSS after start on the empty database;
 *   2. BENCH_RSS_SEEDED instances started over HTTP (start → user task), each with its task, SLA clock and history;
 *   3. the rest up to BENCH_RSS_INSTANCES cloned from those in SQL (new ids, same rows: instance, task, clocks,
 *      history...), since starting 100,000 over HTTP takes longer than the machine can spare;
 *   4. the server restarted on the full database: start time and RSS (anything loaded at start that grows with the
 *      instances shows here), then RSS after a minute of work (task lists, starts, completions, the SLA monitor and
 *      job executor rounds over the waiting instances).
 * Prints the figures and the configuration; asserts nothing. Run: npx tsx bench/rss.ts
 *      (DATABASE_URL: a server to create the scratch database on; default local)
 */
import os from 'node:os';
import pg from 'pg';
import { createScratchDatabase } from '../engine/index.js';
import { api, buildIfStale, portalToken, rssMb, startShippedServer, type ShippedServer } from './shipped-server.js';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const INSTANCES = Number(process.env.BENCH_RSS_INSTANCES ?? 100_000);
const SEEDED = Number(process.env.BENCH_RSS_SEEDED ?? 500);
const WORK_SECONDS = Number(process.env.BENCH_RSS_WORK_SECONDS ?? 60);

const userTaskXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs_Rss" targetNamespace="http://matterflow.dev/bench">
  <bpmn:process id="bench-rss" name="压测：受理" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review" />
    <bpmn:userTask id="Review" name="受理" />
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

async function startMany(server: ShippedServer, token: string, count: number, connections = 16): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next++ < count) await api(server.url, token, 'POST', '/process-instances', { processId: 'bench-rss', variables: { applicant: '张三', amount: 100 } });
    }),
  );
}

/**
 * Copies every instance-scoped row of the seeded instances until there are `total` instances: each copy gets a new
 * instance id, new uuid row ids, and fresh serial numbers. Columns come from the catalog (identifiers, not input).
 */
async function cloneInstances(databaseUrl: string, total: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ seeded }] = (await client.query<{ seeded: number }>('SELECT count(*)::int AS seeded FROM process_instances')).rows;
    const copies = Math.ceil((total - seeded) / seeded);
    await client.query(`CREATE TEMP TABLE clone_map AS
      SELECT id AS old_id, gen_random_uuid() AS new_id FROM process_instances, generate_series(1, $1::int) LIMIT $2::int`, [copies, total - seeded]);
    await client.query('CREATE INDEX ON clone_map (old_id)');
    const { rows: columns } = await client.query<{ table_name: string; column_name: string; data_type: string; generated: boolean }>(
      `SELECT c.table_name, c.column_name, c.data_type, (c.column_default LIKE 'nextval%' OR c.is_identity = 'YES' OR c.is_generated = 'ALWAYS') AS generated
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name NOT LIKE 'history\\_%'
         AND c.table_name IN (SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'instance_id' UNION SELECT 'process_instances')
       ORDER BY c.table_name, c.ordinal_position`,
    );
    const tables = [...new Set(columns.map((column) => column.table_name))].sort((a, b) => (a === 'process_instances' ? -1 : b === 'process_instances' ? 1 : a.localeCompare(b)));
    for (const table of tables) {
      const own = columns.filter((column) => column.table_name === table && !column.generated);
      const key = table === 'process_instances' ? 'id' : 'instance_id';
      const value = (column: (typeof own)[number]) => {
        if (column.column_name === key) return 'm.new_id';
        if (column.column_name === 'id' && column.data_type === 'uuid') return 'gen_random_uuid()';
        if (column.column_name === 'business_key') return 'NULL';
        return `t.${pg.escapeIdentifier(column.column_name)}`;
      };
      const started = Date.now();
      const result = await client.query(
        `INSERT INTO ${pg.escapeIdentifier(table)} (${own.map((column) => pg.escapeIdentifier(column.column_name)).join(', ')})
         SELECT ${own.map(value).join(', ')} FROM ${pg.escapeIdentifier(table)} t JOIN clone_map m ON m.old_id = t.${key} ON CONFLICT DO NOTHING`,
      );
      console.log(`  cloned ${table}: ${result.rowCount} rows (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function counts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (sql: string) => (await client.query<{ n: number }>(sql)).rows[0].n;
    return {
      instances: await one(`SELECT count(*)::int AS n FROM process_instances WHERE status = 'active'`),
      tasks: await one(`SELECT count(*)::int AS n FROM user_tasks`),
      history: await one('SELECT count(*)::int AS n FROM history'),
    };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  buildIfStale();
  const scratch = await createScratchDatabase(SERVER_URL, 'mf_bench_rss');
  let server = await startShippedServer(scratch.url, { expectToken: true });
  const figures: Array<[string, string]> = [];
  try {
    figures.push(['server RSS after start, empty database', `${Math.round(rssMb(server.process.pid!))} MB (started in ${(server.startMs / 1000).toFixed(1)} s, ${(server.startCpuMs / 1000).toFixed(1)} s of CPU)`]);
    // A clerk of the department (the task has no candidate post, so any of its staff may complete it).
    const token = await portalToken(server.url, server.adminToken!);
    await api(server.url, token, 'POST', '/deployments', userTaskXml);
    await startMany(server, token, SEEDED);
    figures.push([`server RSS after ${SEEDED} starts over HTTP`, `${Math.round(rssMb(server.process.pid!))} MB`]);
    await server.stop();

    console.log(`Cloning the ${SEEDED} instances in SQL up to ${INSTANCES.toLocaleString('en')}:`);
    await cloneInstances(scratch.url, INSTANCES);
    const rows = await counts(scratch.url);

    server = await startShippedServer(scratch.url);
    figures.push([`server RSS after a restart with ${rows.instances.toLocaleString('en')} waiting instances`, `${Math.round(rssMb(server.process.pid!))} MB (started in ${(server.startMs / 1000).toFixed(1)} s, ${(server.startCpuMs / 1000).toFixed(1)} s of CPU)`]);
    let peak = 0;
    const until = Date.now() + WORK_SECONDS * 1000;
    let listed = 0;
    let completed = 0;
    let refusal = '';
    while (Date.now() < until) {
      const page = await api<{ items: Array<{ id: string }>; nextCursor?: string }>(server.url, token, 'GET', '/user-tasks?limit=100');
      listed += page.items.length;
      await api(server.url, token, 'GET', '/process-instances?limit=100');
      await startMany(server, token, 20, 4);
      const [task] = page.items;
      if (task) {
        await api(server.url, token, 'POST', `/user-tasks/${task.id}/complete`, { variables: {} }).then(
          () => completed++,
          (error: Error) => (refusal ||= error.message.slice(0, 200)),
        );
      }
      peak = Math.max(peak, rssMb(server.process.pid!));
    }
    if (refusal) console.log(`A completion was refused: ${refusal}`);
    figures.push([`server RSS after ${WORK_SECONDS} s of work on them (task and instance lists, starts, completions; SLA monitor and executor running)`, `${Math.round(rssMb(server.process.pid!))} MB (peak ${Math.round(peak)} MB; ${listed} tasks listed, ${completed} completed)`]);
    console.log(
      `\nServer memory: the shipped server (dist/api/main.js, SLA on, workers on, LOG_LEVEL=warn) on PostgreSQL ${new URL(SERVER_URL).host};` +
        `\n${rows.instances.toLocaleString('en')} instances waiting at a user task (${rows.tasks.toLocaleString('en')} tasks, ${rows.history.toLocaleString('en')} history rows): ${SEEDED} started over HTTP, the rest cloned in SQL.` +
        `\nMachine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; shared with other work while measuring.\n`,
    );
    console.log('| measure | figure | issue 12 target |');
    console.log('|---|---|---|');
    for (const [what, figure] of figures) console.log(`| ${what} | ${figure} | ${what.includes('restart') ? '< 300 MB' : ''} |`);
  } finally {
    await server.stop();
    await scratch.drop();
  }
}

await main();
