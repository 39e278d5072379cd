import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Actor } from '../actor.js';
import { EngineError } from '../errors.js';
import { asUuid, notFound } from '../instances/lookups.js';
import { worksOnCase } from '../instances/task-access.js';
import { readsEveryDepartment } from '../staff/access.js';
import { downloadsOf, recordDownload } from '../store/operations/attachment-downloads.js';
import { insertAttachment, readableAttachmentId, readableAttachments, readableAttachmentWithContent, recordAttachmentAdded, taskInCase } from '../store/operations/attachments.js';
import { caseIsReadable, readableCase } from '../store/operations/readable-case.js';
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
  const instance = await readableCase(deps.db, actor, asUuid(instanceId));
  if (!instance) throw notFound('process instance', instanceId);
  const working = readsEveryDepartment(actor) || (await worksOnCase(deps.db, actor, instance));
  if (!working) throw new EngineError('forbidden', 'Only the departments working a case may add attachments to it', '只有办理该案件的部门可以上传附件');
  if (input.taskId) {
    if (!(await taskInCase(deps.db, asUuid(input.taskId), instance.id))) throw new EngineError('invalid', `Task ${input.taskId} is no task of this case`, `任务 ${input.taskId} 不属于该案件`, [{ field: '/taskId', code: 'not-in-case', message: 'Not a task of this case', messageZh: '不属于该案件' }]);
  }
  const now = deps.clock.now();
  const id = randomUUID();
  return deps.db.transaction(async (tx) => {
    const row = await insertAttachment(tx, {
      id,
      instanceId: instance.id,
      department: instance.department,
      taskId: input.taskId ?? null,
      name: input.name,
      kind: input.kind,
      contentType,
      content: input.content,
      uploadedBy: actor.userId,
      uploadedAt: now,
    });
    await recordAttachmentAdded(tx, { instanceId: instance.id, department: instance.department, at: now, processId: instance.process_id, actor: actor.userId }, { attachmentId: id, name: input.name, kind: input.kind, contentType, size: input.content.length, taskId: input.taskId ?? null });
    return row;
  });
}

/** The attachments of a case the actor may read, oldest first (without their content). */
export async function listAttachments(deps: OperationDeps, actor: Actor, instanceId: string): Promise<AttachmentRow[]> {
  const rows = await readableAttachments(deps.db, actor, asUuid(instanceId));
  if (rows.length === 0 && !(await caseIsReadable(deps.db, actor, asUuid(instanceId)))) throw notFound('process instance', instanceId);
  return rows;
}

/** One attachment with its content, if the actor may read its case; every download is recorded. */
export async function downloadAttachment(deps: OperationDeps, actor: Actor, id: string): Promise<AttachmentRow & { content: Buffer }> {
  const row = await readableAttachmentWithContent(deps.db, actor, asUuid(id));
  if (!row) throw notFound('attachment', id);
  await recordDownload(deps.db, { attachmentId: row.id, instanceId: row.instance_id, department: row.department, userId: actor.userId, at: deps.clock.now() });
  return { ...row, content: Buffer.from(row.content) };
}

/** Who downloaded an attachment and when (for whoever may read its case). */
export async function attachmentDownloads(deps: OperationDeps, actor: Actor, id: string): Promise<Array<{ user_id: string; at: Date }>> {
  const attachmentId = await readableAttachmentId(deps.db, actor, asUuid(id));
  if (!attachmentId) throw notFound('attachment', id);
  return downloadsOf(deps.db, attachmentId);
}
