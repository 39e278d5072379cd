// A step of a case rewrites its row in process_instances (state, revision). These tests hold the schema to what
// makes that write cheap: a step that keeps the case's status, department and matter is a HOT update (heap-only,
// no index touched), and the matter code stays findable through its own index (migration 1250).
// Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
import type { Engine, InstanceRow } from '../../../engine/index.js';
import { harness, clerk, type Harness } from '../durable/harness.js';
import { end, process as bpmnProcess, start, userTask } from '../durable/models.js';

const review = bpmnProcess('instance-updates', `${start()}${userTask('Accept', '受理')}${userTask('Examine', '审查')}${end()}`, [
  ['F1', 'Start', 'Accept'],
  ['F2', 'Accept', 'Examine'],
  ['F3', 'Examine', 'End'],
]);

describe('writing a step of a case', () => {
  let h: Harness;
  let engine: Engine;

  beforeAll(async () => {
    h = await harness();
    engine = h.context.engine;
    await engine.deploy({ xml: review, actor: clerk });
  });

  afterAll(async () => {
    await h.close();
  });

  /** Runs `update` on the instance row in a transaction and says whether PostgreSQL wrote it as a HOT update. */
  async function hotUpdate(instanceId: string, set: string): Promise<boolean> {
    return h.context.db.transaction(async (tx) => {
      const [before] = await tx.query<{ updated: string; hot: string }>(
        `SELECT pg_stat_get_xact_tuples_updated('process_instances'::regclass)::text AS updated, pg_stat_get_xact_tuples_hot_updated('process_instances'::regclass)::text AS hot`,
      );
      const changed = await tx.query(`UPDATE process_instances SET ${set}, revision = revision + 1 WHERE id = $1 RETURNING id`, [instanceId]);
      expect(changed).toHaveLength(1);
      const [after] = await tx.query<{ updated: string; hot: string }>(
        `SELECT pg_stat_get_xact_tuples_updated('process_instances'::regclass)::text AS updated, pg_stat_get_xact_tuples_hot_updated('process_instances'::regclass)::text AS hot`,
      );
      expect(Number(after.updated) - Number(before.updated)).toBe(1);
      return Number(after.hot) - Number(before.hot) === 1;
    });
  }

  it('a step that moves the token on is a HOT update: the state column is in no index', async () => {
    const instance = await engine.startInstance({ processId: 'instance-updates', variables: { matterCode: '11440000MB00001', applicant: '张三' }, actor: clerk });
    const [accept] = await engine.listTasks(clerk, { instanceId: instance.id });
    await engine.completeTask(clerk, accept.id, { accepted: true });
    // What the engine's step wrote: the new state and revision, status and matter as they were.
    const [row] = await h.context.db.query<InstanceRow>('SELECT * FROM process_instances WHERE id = $1', [instance.id]);
    expect(row.status).toBe('active');
    expect(row.revision).toBe(2);
    expect(await hotUpdate(instance.id, `state = jsonb_set(state, '{variables,opinion}', '"同意"')`)).toBe(true);
    const indexed = await h.context.db.query<{ name: string }>(
      `SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = 'process_instances'::regclass AND pg_get_indexdef(indexrelid) ~ '\\mstate\\M'`,
    );
    expect(indexed).toEqual([]);
  });

  it('the matter code follows the variables and is found by it', async () => {
    const instance = await engine.startInstance({ processId: 'instance-updates', variables: { matterCode: '11440000MB00002' }, actor: clerk });
    const found = async (matterCode: string) => (await engine.listInstances(clerk, { matterCode })).map((item) => item.id);
    expect(await found('11440000MB00002')).toEqual([instance.id]);
    // A change of the matter is an index change, so not HOT; the case is then found under its new code only.
    expect(await hotUpdate(instance.id, `state = jsonb_set(state, '{variables,matterCode}', '"11440000MB00003"')`)).toBe(false);
    expect(await found('11440000MB00003')).toEqual([instance.id]);
    expect(await found('11440000MB00002')).toEqual([]);
  });
});
