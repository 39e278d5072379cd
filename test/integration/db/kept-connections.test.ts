import { spawn } from 'node:child_process';
import path from 'node:path';
import { onPostgres } from '../../support/database.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Runs `script` (ESM, tsx) in its own node process; resolves with its exit code and output, or 'still running' after `ms`. */
function runNode(script: string, env: Record<string, string>, ms: number): Promise<{ code: number | 'still running'; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ code: 'still running', output });
    }, ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

/**
 * engine/db/postgres-database.ts keeps its idle connections (no closing after 10 s, for the tail at a steady rate);
 * they must not keep a process alive: a script that ends without closing the database still exits.
 */
(onPostgres() ? describe : describe.skip)('kept PostgreSQL connections', () => {
  test('a process whose pool is only idle exits, and the connections were really kept while it ran', async () => {
    const script = `
      import { PostgresDatabase } from './engine/db/index.js';
      const db = new PostgresDatabase(process.env.DATABASE_URL, 4);
      const first = await Promise.all([1, 2, 3].map(() => db.query('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')));
      await new Promise((resolve) => setTimeout(resolve, 200));
      const again = await Promise.all([1, 2, 3].map(() => db.query('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')));
      const pids = (rows) => rows.map(([row]) => row.pid).sort().join(',');
      console.log(JSON.stringify({ same: pids(first) === pids(again) }));
    `;
    const { code, output } = await runNode(script, {}, 20_000);
    expect({ code, output: output.replace(/\(node:\d+\) ExperimentalWarning[^\n]*\n|\(Use `node --trace-warnings[^\n]*\n/g, '').trim() }).toEqual({ code: 0, output: '{"same":true}' });
  });
});
