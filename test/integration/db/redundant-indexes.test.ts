// Every index costs an entry on each row written to its table (and on each update that is not heap-only). An index
// whose columns begin another index of the same table, with no condition or expression of its own, finds nothing the
// longer one does not, so the schema must hold none (issue 12: user_tasks_instance was one, migration 1260).
// Runs on PGlite, and on PostgreSQL when DATABASE_URL is set.
import type { Db } from '../../../engine/index.js';
import { harness, type Harness } from '../durable/harness.js';

/** Plain (no predicate, no expression), non-unique btree indexes whose columns lead a plain index of the same table. */
async function redundantIndexes(db: Db): Promise<Array<{ redundant: string; coveredBy: string }>> {
  return db.query<{ redundant: string; coveredBy: string }>(
    `WITH plain AS (
       SELECT x.indexrelid, x.indrelid, x.indisunique, string_to_array(x.indkey::text, ' ')::int[] AS columns
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_am am ON am.oid = i.relam AND am.amname = 'btree'
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
       WHERE x.indpred IS NULL AND x.indexprs IS NULL
     )
     SELECT a.indexrelid::regclass::text AS redundant, b.indexrelid::regclass::text AS "coveredBy"
     FROM plain a JOIN plain b ON b.indrelid = a.indrelid AND b.indexrelid <> a.indexrelid
     WHERE NOT a.indisunique
       AND cardinality(a.columns) <= cardinality(b.columns)
       AND b.columns[1:cardinality(a.columns)] = a.columns
       AND (cardinality(a.columns) < cardinality(b.columns) OR a.indexrelid > b.indexrelid)
     ORDER BY 1, 2`,
  );
}

describe('the schema', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await harness();
  });

  afterAll(async () => {
    await h.close();
  });

  it('has no index that another index of its table already covers', async () => {
    expect(await redundantIndexes(h.context.db)).toEqual([]);
  });

  it('the check finds such an index', async () => {
    await h.context.db.transaction(async (tx) => {
      await tx.query('CREATE INDEX redundant_probe ON user_tasks (instance_id)');
      expect(await redundantIndexes(tx)).toEqual([{ redundant: 'redundant_probe', coveredBy: 'user_tasks_instance_id_element_instance_id_key' }]);
      throw new Rollback();
    }).catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  });
});

class Rollback extends Error {}
