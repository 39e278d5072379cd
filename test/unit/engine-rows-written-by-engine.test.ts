// The engine's rows (tasks, cases, their trail, jobs, clocks) change only through engine commands (issue 14,
// "one write seam"): a pattern check over catalog/ and api/ for statements that write them directly.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const ENGINE_TABLES = ['history', 'user_tasks', 'process_instances', 'jobs', 'timers', 'sla_clocks', 'user_notifications', 'incidents'];
const WRITE = new RegExp(`\\b(UPDATE|INSERT\\s+INTO|DELETE\\s+FROM)\\s+(${ENGINE_TABLES.join('|')})\\b`, 'i');

function directWrites(source: string): string[] {
  return source.split('\n').flatMap((line, index) => (WRITE.test(line) ? [`${index + 1}: ${line.trim()}`] : []));
}

describe('catalog/ and api/ write no engine row directly', () => {
  const files = ['catalog', 'api'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.includes('node_modules'))
      .map((file) => join(dir, file)),
  );

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files)('%s', (file) => {
    expect(directWrites(readFileSync(join(root, file), 'utf8'))).toEqual([]);
  });

  it('recognises a direct write when it is there', () => {
    expect(directWrites("await tx.query(`UPDATE user_tasks SET assignee = NULL WHERE id = $1`, [id]);")).toHaveLength(1);
    expect(directWrites('`INSERT INTO history (instance_id, type) VALUES ($1, $2)`')).toHaveLength(1);
    expect(directWrites('`SELECT * FROM user_tasks WHERE id = $1`')).toEqual([]);
    expect(directWrites('`INSERT INTO catalog_dispatches (id) VALUES ($1)`')).toEqual([]);
  });
});
