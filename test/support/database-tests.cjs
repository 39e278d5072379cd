// A jest --filter module (`npm run test:pglite`): only the test files whose database follows DATABASE_URL, that is
// those that reach test/support/database.ts (freshDatabase, onPostgres) or read DATABASE_URL, through their imports
// inside test/. CI runs every file on PostgreSQL and then these once more on embedded PGlite (.ci/run); the others
// (the interpreter on its own, a server in a data folder of its own, the readme walk-through) would repeat the very
// same run, on two cores where the PGlite pass is the longest part of CI.
const fs = require('node:fs');
const path = require('node:path');

const DATABASE_SUPPORT = path.join(__dirname, 'database.ts');
const known = new Map();

function followsDatabaseUrl(file, visiting = new Set()) {
  if (known.has(file)) return known.get(file);
  if (visiting.has(file)) return false;
  visiting.add(file);
  const text = fs.readFileSync(file, 'utf8');
  let follows = file === DATABASE_SUPPORT || text.includes('DATABASE_URL');
  for (const [, specifier] of follows ? [] : text.matchAll(/from ['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const target = resolveInTests(path.resolve(path.dirname(file), specifier));
    if (target && followsDatabaseUrl(target, visiting)) {
      follows = true;
      break;
    }
  }
  known.set(file, follows);
  return follows;
}

/** A relative import inside test/ as a file (`x.js` is written for `x.ts`); undefined outside test/ or not found. */
function resolveInTests(target) {
  if (!target.startsWith(path.dirname(__dirname) + path.sep)) return undefined;
  return [target.replace(/\.js$/, '.ts'), target, target.replace(/\.js$/, '.mjs'), target.replace(/\.js$/, '.cjs')].find((candidate) => fs.existsSync(candidate));
}

module.exports = async (testPaths) => ({ filtered: testPaths.filter((testPath) => followsDatabaseUrl(testPath)) });
