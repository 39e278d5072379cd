import { createHash } from 'node:crypto';
import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import type { AttachmentRow } from '../../operations/attachments.js';
import { caseIdReadable, SqlParams } from '../../staff/access.js';
import { jsonb } from '../jsonb.js';

/** An attachment's columns without its content: lists and answers never carry the bytes. */
const COLUMNS = 'id, instance_id, department, task_id, name, kind, content_type, size, sha256, uploaded_by, uploaded_at';

/** Whether a task belongs to a case (an attachment may name one of its case's tasks only). */
export async function taskInCase(db: Db, taskId: string, instanceId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM user_tasks WHERE id = $1 AND instance_id = $2', [taskId, instanceId]);
  return rows.length > 0;
}

/** Keeps an uploaded file with the case, with the hash of its bytes; the row without its content. */
export async function insertAttachment(
  tx: Db,
  attachment: { id: string; instanceId: string; department: string; taskId: string | null; name: string; kind: string; contentType: string; content: Buffer; uploadedBy: string; uploadedAt: Date },
): Promise<AttachmentRow> {
  const [row] = await tx.query<AttachmentRow>(
    `INSERT INTO attachments (id, instance_id, department, task_id, name, kind, content_type, size, sha256, content, uploaded_by, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
    [
      attachment.id,
      attachment.instanceId,
      attachment.department,
      attachment.taskId,
      attachment.name,
      attachment.kind,
      attachment.contentType,
      attachment.content.length,
      createHash('sha256').update(attachment.content).digest('hex'),
      attachment.content,
      attachment.uploadedBy,
      attachment.uploadedAt,
    ],
  );
  return row;
}

/** The case trail's entry for an attachment added (by upload, or carried over to a 重办: carry-photos.ts). */
export async function recordAttachmentAdded(tx: Db, at: { instanceId: string; department: string; at: Date; processId: string; actor: string }, data: Record<string, unknown>): Promise<void> {
  await tx.query(
    `INSERT INTO history (instance_id, department, at, type, element_id, element_type, actor, data) VALUES ($1, $2, $3, 'attachment.added', $4, 'process', $5, $6)`,
    [at.instanceId, at.department, at.at, at.processId, at.actor, jsonb(data)],
  );
}

/** The attachments of a case, oldest first, if the actor may read the case (none otherwise). */
export function readableAttachments(db: Db, actor: Actor, instanceId: string): Promise<AttachmentRow[]> {
  const params = new SqlParams([instanceId]);
  return db.query<AttachmentRow>(`SELECT ${COLUMNS} FROM attachments a WHERE a.instance_id = $1 AND ${caseIdReadable(actor, 'a.instance_id', params)} ORDER BY uploaded_at, id`, params.values);
}

/** One attachment with its content, if the actor may read its case. */
export async function readableAttachmentWithContent(db: Db, actor: Actor, id: string): Promise<(AttachmentRow & { content: Buffer | Uint8Array }) | undefined> {
  const params = new SqlParams([id]);
  const [row] = await db.query<AttachmentRow & { content: Buffer | Uint8Array }>(`SELECT ${COLUMNS}, content FROM attachments a WHERE a.id = $1 AND ${caseIdReadable(actor, 'a.instance_id', params)}`, params.values);
  return row;
}

/** An attachment's id, if the actor may read its case. */
export async function readableAttachmentId(db: Db, actor: Actor, id: string): Promise<string | undefined> {
  const params = new SqlParams([id]);
  const [row] = await db.query<{ id: string }>(`SELECT a.id FROM attachments a WHERE a.id = $1 AND ${caseIdReadable(actor, 'a.instance_id', params)}`, params.values);
  return row?.id;
}

/** The photos of a case as it was reported: its before-photos not taken at a step, oldest first (without content). */
export function reportedPhotos(tx: Db, instanceId: string): Promise<Array<{ id: string; name: string; kind: string; content_type: string; size: number }>> {
  return tx.query<{ id: string; name: string; kind: string; content_type: string; size: number }>(
    `SELECT id, name, kind, content_type, size FROM attachments WHERE instance_id = $1 AND task_id IS NULL AND kind = 'before' ORDER BY uploaded_at, id`,
    [instanceId],
  );
}

/**
 * A copy of an attachment on another case, keeping who took it in and when. The bytes are copied inside the
 * database, never read into memory.
 */
export async function copyAttachment(tx: Db, copy: { id: string; instanceId: string; department: string; sourceId: string }): Promise<void> {
  await tx.query(
    `INSERT INTO attachments (id, instance_id, department, task_id, name, kind, content_type, size, sha256, content, uploaded_by, uploaded_at)
     SELECT $1, $2, $3, NULL, name, kind, content_type, size, sha256, content, uploaded_by, uploaded_at FROM attachments WHERE id = $4`,
    [copy.id, copy.instanceId, copy.department, copy.sourceId],
  );
}
