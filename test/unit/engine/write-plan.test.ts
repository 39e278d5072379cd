// The typed write plan (engine/instances/write-plan.ts): what statement a command's writes become.
// The statements' effect on a real database is covered by the engine's integration, crash and property tests.
import { compileWritePlan, type PlannedWrite } from '../../../engine/instances/write-plan.js';
import { sql } from '../../../engine/store/sql-fragment.js';

const conflict = () => new Error('conflict');

describe('compileWritePlan', () => {
  it('sends one write without a check as it is', () => {
    const plan = compileWritePlan([{ kind: 'insert', table: 'jobs', values: { id: 'j1', retries: 3 }, onConflict: 'ON CONFLICT (id) DO NOTHING' }]);
    expect(plan).toEqual({ sql: 'INSERT INTO jobs (id, retries) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', params: ['j1', 3], checks: [] });
  });

  it('puts the checks first and makes every other write conditional on all of them', () => {
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
        'WITH w0 AS (UPDATE process_instances SET revision = $1 WHERE id = $2 AND revision = $3 AND EXISTS (SELECT 1 FROM user_tasks WHERE id = $4 FOR UPDATE) RETURNING 1),',
        'w1 AS (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM process_definitions WHERE version > $5)),',
        'w2 AS (DELETE FROM jobs WHERE id = $6 AND EXISTS (SELECT 1 FROM w0) AND EXISTS (SELECT 1 FROM w1)),',
        'w3 AS (INSERT INTO job_tombstones (id) SELECT $7 WHERE EXISTS (SELECT 1 FROM w0) AND EXISTS (SELECT 1 FROM w1)),',
        'w4 AS (UPDATE user_tasks SET state = $8, assignee = COALESCE(assignee, $9) WHERE id = $10 AND EXISTS (SELECT 1 FROM w0) AND EXISTS (SELECT 1 FROM w1))',
        'SELECT (SELECT count(*) FROM w0)::int AS c0, (SELECT count(*) FROM w1)::int AS c1',
      ].join('\n'),
    );
    expect(plan.params).toEqual([6, 'i1', 5, 't1', 2, 'j1', 'j1', 'completed', 'u1', 't1']);
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
