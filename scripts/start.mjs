// `npm start`: builds only what changed since the last build (scripts/build.mjs), then runs the server.
import { buildWhatIsStale } from './build.mjs';

const built = buildWhatIsStale();
if (built.length > 0) console.log(`Built: ${built.join(', ')}`);
await import('../dist/api/main.js');
