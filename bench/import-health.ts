/**
 * Health-check latency while the catalog imports a large CSV (issue 16: a 100,000-row import
 * once held the event loop so long that a health check answered 8 s late). Runs the real server
 * on embedded PGlite with the sample catalog, then imports (a) the sample's implementation
 * entries as a CSV, changed so every row is new, and (b) a 100,000-row CSV, while a client asks
 * GET /api/v1/health every 50 ms; prints the import's answer and time and the health latencies.
 * Run: npx tsx bench/import-health.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadSampleCatalog } from '../catalog/index.js';
import { startServer } from '../api/server.js';
import { createScratchDatabase } from '../engine/index.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'matterflow-import-bench-'));
const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'mf_bench') : undefined;
const server = await startServer({ port: 0, ...(scratch ? { databaseUrl: scratch.url } : { dataDir }), log: pino({ level: 'silent' }), workers: false });
console.log(`database: ${server.context.db.kind}`);
try {
  await loadSampleCatalog(server.context.db, server.context.engine);
  await server.context.tokens.upsertUser({ id: 'editor', name: 'editor', department: 'ZSJ', roles: ['catalog-admin'], groups: [] });
  const token = await server.context.tokens.createToken('editor');
  const auth = { authorization: `Bearer ${token}` };

  const exported = await fetch(`${server.url}/api/v1/catalog/export/implementations?format=csv`, { headers: auth });
  const lines = (await exported.text()).split('\n').filter((line) => line.trim() !== '');
  const [header, ...rows] = lines;
  // New implementation codes, so every row is an addition the import must validate and store.
  const renamed = (row: string, n: number) => row.replace(/^([^,]+)/, (code) => `${code.replace(/"/g, '')}-B${n}`);
  const csvOf = (count: number) => [header, ...Array.from({ length: count }, (_, n) => renamed(rows[n % rows.length], n))].join('\n');

  for (const count of [rows.length, 20_000, 100_000]) {
    const body = csvOf(count);
    const latencies: number[] = [];
    let importing = true;
    const probe = (async () => {
      while (importing) {
        const started = performance.now();
        await fetch(`${server.url}/api/v1/health`);
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const started = performance.now();
    const response = await fetch(`${server.url}/api/v1/catalog/import/implementations?format=csv`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body });
    const answer = (await response.json()) as { rows?: number; title?: string; errors?: unknown[] };
    const took = performance.now() - started;
    importing = false;
    await probe;
    latencies.sort((a, b) => a - b);
    const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]?.toFixed(1);
    console.log(
      `import of ${count.toLocaleString('en')} rows (${(body.length / 1024 / 1024).toFixed(1)} MB): HTTP ${response.status} in ${(took / 1000).toFixed(2)} s ` +
        `(${answer.rows !== undefined ? `${answer.rows} rows` : `${answer.title}; ${answer.errors?.length ?? 0} errors listed`}); ` +
        `health checks during it: ${latencies.length}, p50 ${pick(0.5)} ms, p99 ${pick(0.99)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`,
    );
  }
} finally {
  await server.close();
  await scratch?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
