import { createHash, randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Actor } from '../actor.js';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import { asUuid, notFound } from '../instances/lookups.js';
import { worksOnCase } from '../instances/task-access.js';
import { caseIdReadable, caseReadable, readsEveryDepartment, SqlParams } from '../staff/access.js';
import { jsonb } from '../store/jsonb.js';
import type { InstanceRow } from '../store/rows.js';
import type { OperationDeps } from './operation-deps.js';

/** The largest attachment kept (MATTERFLOW_ATTACHMENT_MAX_MB, default 10 MB): scanned materials, photos. */
export function attachmentLimitBytes(): number {
  const mb = Number(process.env.MATTERFLOW_ATTACHMENT_MAX_MB ?? 10);
  return Math.round((Number.isFinite(mb) && mb > 0 ? mb : 10) * 1024 * 1024);
}

/** What a case may hold, by the content sniffed from its bytes (not the name or the header the client sent). */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': '照片（JPEG）',
  'image/png': '图片（PNG）',
  'image/gif': '图片（GIF）',
  'image/webp': '图片（WebP）',
  'image/heic': '照片（HEIC）',
  'application/pdf': 'PDF 文件',
  'application/ofd': 'OFD 版式文件',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel 表格',
};

export const ATTACHMENT_KINDS = ['before', 'after', 'material', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export interface AttachmentRow {
  id: string;
  instance_id: string;
  department: string;
  task_id: string | null;
  name: string;
  kind: AttachmentKind;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date;
}

const COLUMNS = 'id, instance_id, department, task_id, name, kind, content_type, size, sha256, uploaded_by, uploaded_at';

/**
 * 附件 (D11): a photo before or after handling, a scanned material, on a case or one of its tasks. Kept in
 * the database with the case; its type is sniffed from the bytes and must be one a case may hold; the
 * departments working the case (and supervisors) may add one, whoever may read the case may read it.
 */
export async function addAttachment(deps: OperationDeps, actor: Actor, instanceId: string, input: { name: string; kind: AttachmentKind; taskId?: string; content: Buffer }): Promise<AttachmentRow> {
  if (input.content.length === 0) throw new EngineError('invalid', 'The attachment is empty', '附件内容为空', [{ field: '/body', code: 'empty', message: 'Empty body', messageZh: '内容为空' }]);
  const sniffed = await fileTypeFromBuffer(input.content);
  const contentType = sniffed?.mime === 'application/zip' ? undefined : sniffed?.mime;
  if (!contentType || !ATTACHMENT_TYPES[contentType]) {
    const allowed = Object.values(ATTACHMENT_TYPES).join('、');
    throw new EngineError('invalid', `The file's content is ${sniffed ? `'${sniffed.mime}'` : 'of no known type'}; a case may hold photos, PDF, OFD, Word and Excel files`, `附件内容${sniffed ? `为“${sniffed.mime}”` : '无法识别'}；案件只能保存：${allowed}`, [
      { field: '/body', code: 'unsupported-type', message: 'Unsupported content', messageZh: '不支持的文件类型' },
    ]);
  }
  const params = new SqlParams([asUuid(instanceId)]);
  const [instance] = await deps.db.query<InstanceRow>(`SELECT i.* FROM process_instances i WHERE i.id = $1 AND ${caseReadable(actor, 'i', params)}`, params.values);
  if (!instance) throw notFound('process instance', instanceId);
  const working = readsEveryDepartment(actor) || (await worksOnCase(deps.db, actor, instance));
  if (!working) throw new EngineError('forbidden', 'Only the departments working a case may add attachments to it', '只有办理该案件的部门可以上传附件');
  if (input.taskId) {
    const [task] = await deps.db.query('SELECT 1 FROM user_tasks WHERE id = $1 AND instance_id = $2', [asUuid(input.taskId), instance.id]);
    if (!task) throw new EngineError('invalid', `Task ${input.taskId} is no task of this case`, `任务 ${input.taskId} 不属于该案件`, [{ field: '/taskId', code: 'not-in-case', message: 'Not a task of this case', messageZh: '不属于该案件' }]);
  }
  const now = deps.clock.now();
  const id = randomUUID();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.query<AttachmentRow>(
      `INSERT INTO attachments (id, instance_id, department, task_id, name, kind, content_type, size, sha256, content, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${COLUMNS}`,
      [id, instance.id, instance.department, input.taskId ?? null, input.name, input.kind, contentType, input.content.length, createHash('sha256').update(input.content).digest('hex'), input.content, actor.userId, now],
    );
    await recordAttachmentAdded(tx, { instanceId: instance.id, department: instance.department, at: now, processId: instance.process_id, actor: actor.userId }, { attachmentId: id, name: input.name, kind: input.kind, contentType, size: input.content.length, taskId: input.taskId ?? null });
    return row;
  });
}

/** The case trail's entry for an attachment added (by upload, or carried over to a 重办: carry-photos.ts). */
export async function recordAttachmentAdded(tx: Db, at: { instanceId: string; department: string; at: Date; processId: string; actor: string }, data: Record<string, unknown>): Promise<void> {
  await tx.query(
    `INSERT INTO history (instance_id, department, at, type, element_id, element_type, actor, data) VALUES ($1, $2, $3, 'attachment.added', $4, 'process', $5, $6)`,
    [at.instanceId, at.department, at.at, at.processId, at.actor, jsonb(data)],
  );
}

/** The attachments of a case the actor may read, oldest first (without their content). */
export async function listAttachments(deps: OperationDeps, actor: Actor, instanceId: string): Promise<AttachmentRow[]> {
  const params = new SqlParams([asUuid(instanceId)]);
  const rows = await deps.db.query<AttachmentRow>(`SELECT ${COLUMNS} FROM attachments a WHERE a.instance_id = $1 AND ${caseIdReadable(actor, 'a.instance_id', params)} ORDER BY uploaded_at, id`, params.values);
  if (rows.length === 0) {
    const readParams = new SqlParams([asUuid(instanceId)]);
    const readable = await deps.db.query(`SELECT 1 FROM process_instances i WHERE i.id = $1 AND ${caseReadable(actor, 'i', readParams)}`, readParams.values);
    if (readable.length === 0) throw notFound('process instance', instanceId);
  }
  return rows;
}

/** One attachment with its content, if the actor may read its case; every download is recorded. */
export async function downloadAttachment(deps: OperationDeps, actor: Actor, id: string): Promise<AttachmentRow & { content: Buffer }> {
  const params = new SqlParams([asUuid(id)]);
  const [row] = await deps.db.query<AttachmentRow & { content: Buffer | Uint8Array }>(`SELECT ${COLUMNS}, content FROM attachments a WHERE a.id = $1 AND ${caseIdReadable(actor, 'a.instance_id', params)}`, params.values);
  if (!row) throw notFound('attachment', id);
  await deps.db.query('INSERT INTO attachment_downloads (attachment_id, instance_id, department, user_id, at) VALUES ($1, $2, $3, $4, $5)', [row.id, row.instance_id, row.department, actor.userId, deps.clock.now()]);
  return { ...row, content: Buffer.from(row.content) };
}

/** Who downloaded an attachment and when (for whoever may read its case). */
export async function attachmentDownloads(deps: OperationDeps, actor: Actor, id: string): Promise<Array<{ user_id: string; at: Date }>> {
  const params = new SqlParams([asUuid(id)]);
  const [attachment] = await deps.db.query<{ id: string }>(`SELECT a.id FROM attachments a WHERE a.id = $1 AND ${caseIdReadable(actor, 'a.instance_id', params)}`, params.values);
  if (!attachment) throw notFound('attachment', id);
  return deps.db.query('SELECT user_id, at FROM attachment_downloads WHERE attachment_id = $1 ORDER BY id', [attachment.id]);
}
