// Generates the sample catalog JSON files from the tables in ./generator.
// Run: npx tsx catalog/sample/generate.ts   (the output is committed; re-run after editing a table)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog, NOTE } from './generator/build-catalog.js';

const here = dirname(fileURLToPath(import.meta.url));
const files = buildCatalog(join(here, 'dongguan-towns.csv'));
for (const [file, body] of Object.entries(files)) {
  writeFileSync(join(here, file), `${JSON.stringify({ note: NOTE, ...body }, null, 2)}\n`, 'utf8');
}

const { matters } = files['matters.json'] as { matters: { matterType: string }[] };
const { implementations } = files['implementations.json'] as { implementations: unknown[] };
const byType = new Map<string, number>();
for (const m of matters) byType.set(m.matterType, (byType.get(m.matterType) ?? 0) + 1);
console.log(`matters ${matters.length}, implementations ${implementations.length}`);
console.log([...byType].map(([t, n]) => `${t} ${n}`).join(', '));
