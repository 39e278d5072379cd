// Routes call the engine or the catalog, never SQL (issue 12, "one seam for writes"): a pattern check
// over every file under api/routes for database calls and SQL statements.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const routesDir = join(dirname(fileURLToPath(import.meta.url)), '../../api/routes');

/** What betrays SQL in a route: a database call (`.query(`, `db.exec(`, `tx.transaction(`…) or a statement's keywords. */
const SQL_SIGNS: RegExp[] = [
  /\.query\s*[(<]/,
  /\b(db|tx|database|client)\.(exec|transaction)\s*[(<]/i,
  /\bSELECT\b[\s\S]{0,200}?\bFROM\b/,
  /\bINSERT\s+INTO\b/,
  /\bUPDATE\s+\w+\s+SET\b/,
  /\bDELETE\s+FROM\b/,
];

function sqlIn(source: string): string[] {
  return source.split('\n').flatMap((line, index) => (SQL_SIGNS.some((sign) => sign.test(line)) ? [`${index + 1}: ${line.trim()}`] : []));
}

describe('api/routes hold no SQL', () => {
  const files = readdirSync(routesDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));

  it('finds the route files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s', (file) => {
    expect(sqlIn(readFileSync(join(routesDir, file), 'utf8'))).toEqual([]);
  });

  it('recognises SQL and database calls when they are there', () => {
    expect(sqlIn("const [row] = await context.db.query<{ name: string }>('SELECT name FROM catalog_organisations WHERE code = $1', [code]);")).toHaveLength(1);
    expect(sqlIn("await db.query('SELECT 1');")).toHaveLength(1);
    expect(sqlIn('`DELETE FROM catalog_process_bindings WHERE matter_code = $1`')).toHaveLength(1);
    expect(sqlIn("await context.db.transaction(async (tx) => work(tx));")).toHaveLength(1);
    expect(sqlIn("const q = req.query as unknown as { after: number };")).toEqual([]);
    expect(sqlIn("const bearer = /^Bearer\\s+(\\S+)$/i.exec(authorization ?? '');")).toEqual([]);
  });
});
