import type { Db } from '../../db/index.js';

/** The trail's entries of a case, of the given types, that carry an opinion (审批意见), in the order they were written. */
export function opinionEntries(db: Db, instanceId: string, types: readonly string[]): Promise<Array<{ at: Date; type: string; element_id: string | null; element_name: string | null; actor: string | null; opinion: string }>> {
  return db.query<{ at: Date; type: string; element_id: string | null; element_name: string | null; actor: string | null; opinion: string }>(
    `SELECT at, type, element_id, element_name, actor, data ->> 'opinion' AS opinion FROM history
     WHERE instance_id = $1 AND type = ANY ($2::text[]) AND data ? 'opinion' ORDER BY id`,
    [instanceId, types],
  );
}
