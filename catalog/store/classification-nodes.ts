import type { Db } from '../../engine/index.js';
import type { CategoryNode } from '../model.js';

/** A classification scheme's nodes, parents first (by level, then their sort order and code). */
export async function schemeNodes(db: Db, scheme: string): Promise<CategoryNode[]> {
  const rows = await db.query<{ document: CategoryNode }>('SELECT document FROM catalog_classification_nodes WHERE scheme = $1 ORDER BY level, sort_no, code', [scheme]);
  return rows.map((row) => row.document);
}
