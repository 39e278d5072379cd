// Builds what is out of date: the server (tsc into dist/) and the designer (vite into designer/dist/).
// Each output records a fingerprint of its sources (path, size, modification time); an output
// whose fingerprint matches is up to date and is not built again, so `npm start` after the first
// start costs a second, not the 15-20 s of a full build. `--force` builds both regardless.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const TARGETS = [
  {
    name: 'server',
    stamp: path.join(root, 'dist', '.sources'),
    output: path.join(root, 'dist', 'api', 'main.js'),
    sources: ['engine', 'catalog', 'api', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    include: (file) => /\.(ts|json)$/.test(file),
    build: () => execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }),
  },
  {
    name: 'designer',
    stamp: path.join(root, 'designer', 'dist', '.sources'),
    output: path.join(root, 'designer', 'dist', 'index.html'),
    sources: ['designer', 'package-lock.json'],
    include: (file) => !file.includes(`${path.sep}dist${path.sep}`) && !file.includes(`${path.sep}node_modules${path.sep}`),
    build: () => execFileSync(bin('vite'), ['build', '--config', 'designer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' }),
  },
];

function* files(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) return yield [entry, stat];
  for (const name of fs.readdirSync(entry).sort()) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    yield* files(path.join(entry, name));
  }
}

function fingerprint(target) {
  const hash = createHash('sha256');
  for (const source of target.sources) {
    for (const [file, stat] of files(path.join(root, source))) {
      if (target.include(file)) hash.update(`${path.relative(root, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  }
  return hash.digest('hex');
}

/** Builds the stale targets (all with force); returns the names built. */
export function buildWhatIsStale({ force = false } = {}) {
  const built = [];
  for (const target of TARGETS) {
    const sources = fingerprint(target);
    const recorded = fs.existsSync(target.stamp) ? fs.readFileSync(target.stamp, 'utf8') : '';
    if (!force && recorded === sources && fs.existsSync(target.output)) continue;
    const started = Date.now();
    target.build();
    fs.writeFileSync(target.stamp, sources);
    built.push(`${target.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  return built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = buildWhatIsStale({ force: process.argv.includes('--force') });
  console.log(built.length > 0 ? `Built: ${built.join(', ')}` : 'Up to date: nothing to build');
}
