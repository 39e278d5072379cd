// One seam for writes (issue 12): SQL lives behind the store. The engine's modules, the catalog's and the API's
// routes call store functions; only the store folders (and the database layer under them) hold statements and
// database calls. A pattern check over every source file of engine/, catalog/ and api/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where SQL belongs: the stores, and the database layer they run on (driver, migrations, health). */
const STORE_FOLDERS = ['engine/store/', 'engine/db/', 'catalog/store/'];

/** Files outside the stores that hold SQL by design, each with the reason. */
const BY_DESIGN: Record<string, string> = {
  // The unit of work: every statement of a command passes through it to one transaction (or one autocommit).
  'engine/instances/command-unit.ts': 'runs the statements the store hands it',
  // D10 in one place: who may read and act, as code and as the WHERE clauses the store's queries take.
  'engine/staff/access.ts': 'the access policy writes its WHERE-clause fragments beside its code checks',
  // The API's own table of bearer tokens, behind the actor cache that reads it.
  'api/auth/token-store.ts': "the API's token store",
};

/**
 * What betrays SQL: a database call (`.query(`, `db.exec(`…) or a statement's keywords, which may run over lines
 * (`SELECT a,\n b FROM …`). Statements are written in capitals here, so prose ("select the form") is not one.
 */
const SQL_SIGNS: RegExp[] = [
  /\.query\s*[(<]/g,
  /\b(db|tx|database|client)\.exec\s*[(<]/gi,
  /\bSELECT\b[\s\S]{0,200}?\bFROM\b/g,
  /\bINSERT\s+INTO\b/g,
  /\bUPDATE\s+\w+\s+SET\b/g,
  /\bDELETE\s+FROM\b/g,
  /\bWITH\s+(RECURSIVE\s+)?\w+\s+AS\s*\(/g,
];

/**
 * A route does not open a transaction either: the engine's and the catalog's commands decide what is one unit
 * of work (their modules may open one around store calls).
 */
const ROUTE_SIGNS: RegExp[] = [...SQL_SIGNS, /\b(db|tx|database|client)\.transaction\s*[(<]/gi];

/** The lines where SQL starts, as `line: text`, in order. */
function sqlIn(source: string, signs: readonly RegExp[] = SQL_SIGNS): string[] {
  const lines = source.split('\n');
  const found = new Set<number>();
  for (const sign of signs) {
    for (const match of source.matchAll(sign)) found.add(source.slice(0, match.index).split('\n').length);
  }
  return [...found].sort((a, b) => a - b).map((line) => `${line}: ${lines[line - 1].trim()}`);
}

function sqlInFile(file: string): string[] {
  return sqlIn(readFileSync(join(root, file), 'utf8'), file.startsWith('api/routes/') ? ROUTE_SIGNS : SQL_SIGNS);
}

function sourcesUnder(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => `${folder}/${file.split('\\').join('/')}`);
}

const outsideTheStore = ['engine', 'catalog', 'api'].flatMap(sourcesUnder).filter((file) => !STORE_FOLDERS.some((folder) => file.startsWith(folder)));

describe('SQL lives behind the store', () => {
  it('finds the modules and the routes', () => {
    expect(outsideTheStore.length).toBeGreaterThan(150);
    expect(outsideTheStore).toContain('api/routes/tasks.ts');
    expect(outsideTheStore).toContain('engine/engine.ts');
  });

  it.each(outsideTheStore.filter((file) => !(file in BY_DESIGN)))('%s holds no SQL', (file) => {
    expect(sqlInFile(file)).toEqual([]);
  });

  it.each(Object.keys(BY_DESIGN))('%s is an exception that still needs to be one', (file) => {
    expect(sqlInFile(file).length).toBeGreaterThan(0);
  });

  it('recognises SQL and database calls when they are there', () => {
    expect(sqlIn("const [row] = await context.db.query<{ name: string }>('SELECT name FROM catalog_organisations WHERE code = $1', [code]);")).toHaveLength(1);
    expect(sqlIn("await db.query('SELECT 1');")).toHaveLength(1);
    expect(sqlIn('`DELETE FROM catalog_process_bindings WHERE matter_code = $1`')).toHaveLength(1);
    expect(sqlIn("  `UPDATE jobs SET retries = $2 WHERE id = $1`,")).toHaveLength(1);
    expect(sqlIn("await context.db.transaction(async (tx) => work(tx));", ROUTE_SIGNS)).toHaveLength(1);
    expect(sqlIn("await context.db.transaction(async (tx) => work(tx));")).toEqual([]);
    expect(sqlIn('const q = req.query as unknown as { after: number };')).toEqual([]);
    expect(sqlIn("const bearer = /^Bearer\\s+(\\S+)$/i.exec(authorization ?? '');")).toEqual([]);
    expect(sqlIn('// Select the form from the task, or else from the start event')).toEqual([]);
    expect(sqlIn('const text = `SELECT id, name,\n  department\n  FROM user_tasks`;\nconst other = 1;')).toEqual(['1: const text = `SELECT id, name,']);
    expect(sqlIn('`WITH RECURSIVE below AS (SELECT code')).toHaveLength(1);
  });
});
