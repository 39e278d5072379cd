import type { Db } from '../../engine/index.js';

/** Whether a batch from this source (e.g. the sample catalog) has been published. */
export async function sourcePublished(db: Db, source: string): Promise<boolean> {
  return (await db.query<{ loaded: boolean }>("SELECT EXISTS (SELECT 1 FROM catalog_batches WHERE source = $1 AND status = 'published') AS loaded", [source]))[0].loaded;
}

/** Removes a source's drafts older than an hour: left by a load that crashed (a recent one may be loading right now). */
export async function deleteStaleDrafts(db: Db, source: string): Promise<void> {
  await db.query("DELETE FROM catalog_batches WHERE source = $1 AND status = 'draft' AND created_at < now() - interval '1 hour'", [source]);
}
