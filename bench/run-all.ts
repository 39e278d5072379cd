/**
 * `npm run bench`: runs every benchmark in bench/ one after the other (each in its own
 * process, so one's heap and JIT state do not colour the next) and prints their figures.
 * Benchmarks print; they never assert times. Pass names to run a subset: npm run bench -- calendar
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = fs
  .readdirSync(folder)
  .filter((file) => file.endsWith('.ts') && file !== 'run-all.ts' && !file.startsWith('_'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.includes(name)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n━━ ${file} ━━`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(folder, file)], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
