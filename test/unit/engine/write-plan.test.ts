// The typed write plan (engine/store/write-plan.ts): what statement a command's writes become.
// The statements' effect on a real database is covered by the engine's integration, crash and property tests.
import { compileWritePlan, type PlannedWrite } from '../../../engine/store/write-plan.js';
import { sql } from '../../../engine/store/sql-fragment.js';

const conflict = () => new Error('conflict');

describe('compileWritePlan', () => {
  it('sends one write without a check as it is', () => {
    const plan = compileWritePlan([{ kind: 'insert', table: 'jobs', values: { id: 'j1', retries: 3 }, onConflict: 'ON CONFLICT (id) DO NOTHING' }]);
    expect(plan).toEqual({ sql: 'INSERT INTO jobs (id, retries) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', params: ['j1', 3], checks: [] });
  });

  it('puts one check first and makes every other write conditional on it', () => {
    const plan = compileWritePlan([
      { kind: 'delete', table: 'jobs', where: { id: 'j1' } },
      { kind: 'update', table: 'process_instances', set: { revision: 6 }, where: { id: 'i1', revision: 5 }, fails: conflict },
      { kind: 'insert', table: 'job_tombstones', values: { id: 'j1' } },
    ]);
    expect(plan.sql).toBe(
      [
        'WITH w0 AS (UPDATE process_instances SET revision = $1 WHERE id = $2 AND revision = $3 RETURNING 1),',
        'w1 AS (DELETE FROM jobs WHERE id = $4 AND EXISTS (SELECT 1 FROM w0)),',
        'w2 AS (INSERT INTO job_tombstones (id) SELECT $5 WHERE EXISTS (SELECT 1 FROM w0))',
        'SELECT (SELECT count(*) FROM w0)::int AS c0',
      ].join('\n'),
    );
    expect(plan.params).toEqual([6, 'i1', 5, 'j1', 'j1']);
  });

  it('asks two or more checks first, locking what they find, and makes every write, theirs included, conditional on all of them', () => {
    const writes: PlannedWrite[] = [
      { kind: 'delete', table: 'jobs', where: { id: 'j1' } },
      { kind: 'update', table: 'process_instances', set: { revision: 6 }, where: { id: 'i1', revision: 5 }, also: sql`EXISTS (SELECT 1 FROM user_tasks WHERE id = ${'t1'} FOR UPDATE)`, fails: conflict },
      { kind: 'insert', table: 'job_tombstones', values: { id: 'j1' } },
      { kind: 'update', table: 'user_tasks', set: { state: 'completed', assignee: sql`COALESCE(assignee, ${'u1'})` }, where: { id: 't1' } },
      { kind: 'assert', condition: sql`NOT EXISTS (SELECT 1 FROM process_definitions WHERE version > ${2})`, fails: conflict },
    ];
    const plan = compileWritePlan(writes);
    expect(plan.sql).toBe(
      [
        'WITH w0 AS (SELECT EXISTS (SELECT 1 FROM process_instances WHERE id = $1 AND revision = $2 AND EXISTS (SELECT 1 FROM user_tasks WHERE id = $3 FOR UPDATE) FOR UPDATE) AS c0, (NOT EXISTS (SELECT 1 FROM process_definitions WHERE version > $4)) AS c1),',
        'w1 AS (UPDATE process_instances SET revision = $5 WHERE id = $6 AND revision = $7 AND (SELECT c0 AND c1 FROM w0)),',
        'w2 AS (DELETE FROM jobs WHERE id = $8 AND (SELECT c0 AND c1 FROM w0)),',
        'w3 AS (INSERT INTO job_tombstones (id) SELECT $9 WHERE (SELECT c0 AND c1 FROM w0)),',
        'w4 AS (UPDATE user_tasks SET state = $10, assignee = COALESCE(assignee, $11) WHERE id = $12 AND (SELECT c0 AND c1 FROM w0))',
        'SELECT c0::int AS c0, c1::int AS c1 FROM w0',
      ].join('\n'),
    );
    expect(plan.params).toEqual(['i1', 5, 't1', 2, 6, 'i1', 5, 'j1', 'j1', 'completed', 'u1', 't1']);
    expect(plan.checks.map((check) => check.kind)).toEqual(['update', 'assert']);
  });

  it('writes many rows through unnest, one array per column', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const plan = compileWritePlan([
      { kind: 'assert', condition: sql`true`, fails: conflict },
      { kind: 'insertRows', table: 'history', types: { instance_id: 'uuid', at: 'timestamptz', data: 'jsonb' }, rows: [{ instance_id: 'a', at }, { instance_id: 'b', at, data: '{}' }] },
    ]);
    expect(plan.sql).toContain('w1 AS (INSERT INTO history (instance_id, at, data) SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::jsonb[]) WHERE EXISTS (SELECT 1 FROM w0))');
    expect(plan.params).toEqual([['a', 'b'], [at, at], [null, '{}']]);
  });

  it('never puts a value into the text', () => {
    const plan = compileWritePlan([{ kind: 'update', table: 'user_tasks', set: { name: "x'; DROP TABLE jobs; --" }, where: { id: 't1' } }]);
    expect(plan.sql).not.toContain('DROP');
    expect(plan.params).toEqual(["x'; DROP TABLE jobs; --", 't1']);
  });
});
