// `npm start`: builds only what changed since the last build (scripts/build.mjs), then runs the server.
import fs from 'node:fs';
import { buildWhatIsStale } from './build.mjs';

// A second start on a folder in use, or on a busy port, says so at once in one line: before the build check and
// before loading the app (the server checks again for real). Absent before the first build.
const checks = new URL('../dist/api/start-checks.js', import.meta.url);
if (fs.existsSync(checks)) {
  const refusal = await (await import(checks.href)).refusalBeforeStart(process.env);
  if (refusal) {
    console.error(refusal);
    process.exit(2);
  }
}

const built = buildWhatIsStale();
if (built.length > 0) console.log(`Built: ${built.join(', ')}`);
await import('../dist/api/main.js');
