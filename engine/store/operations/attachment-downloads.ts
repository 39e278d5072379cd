import type { Db } from '../../db/index.js';

/** Who downloaded an attachment, one row per download: personal materials leave a trace of who saw them. */
export async function recordDownload(db: Db, download: { attachmentId: string; instanceId: string; department: string; userId: string; at: Date }): Promise<void> {
  await db.query('INSERT INTO attachment_downloads (attachment_id, instance_id, department, user_id, at) VALUES ($1, $2, $3, $4, $5)', [
    download.attachmentId,
    download.instanceId,
    download.department,
    download.userId,
    download.at,
  ]);
}

/** The downloads of an attachment, in the order they happened. */
export function downloadsOf(db: Db, attachmentId: string): Promise<Array<{ user_id: string; at: Date }>> {
  return db.query<{ user_id: string; at: Date }>('SELECT user_id, at FROM attachment_downloads WHERE attachment_id = $1 ORDER BY id', [attachmentId]);
}
