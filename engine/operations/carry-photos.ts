import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index.js';
import { copyAttachment, recordAttachmentAdded, reportedPhotos } from '../store/operations/attachments.js';

/**
 * The photos of the problem as it was reported: a case's before-photos not taken at a step (a 12345 ticket's
 * pictures from the citizen, taken in with the ticket). A 重办 starts with copies of them, so the unit that
 * handles the ticket again sees what the citizen showed without opening the original. Run in the new case's
 * start transaction: the copies are there if and only if the reopened case is. Each keeps who took it in and
 * when, and goes on the new case's trail as added now by the one who reopened it.
 */
export async function carryReportedPhotos(tx: Db, input: { from: string; to: string; department: string; processId: string; actor: string; at: Date }): Promise<void> {
  const sources = await reportedPhotos(tx, input.from);
  for (const source of sources) {
    const id = randomUUID();
    await copyAttachment(tx, { id, instanceId: input.to, department: input.department, sourceId: source.id });
    await recordAttachmentAdded(tx, { instanceId: input.to, department: input.department, at: input.at, processId: input.processId, actor: input.actor }, {
      attachmentId: id, name: source.name, kind: source.kind, contentType: source.content_type, size: source.size, taskId: null,
      carriedFrom: { instanceId: input.from, attachmentId: source.id }, reason: 'Carried over from the original case when it was reopened', reasonZh: '重办时自原工单带入',
    });
  }
}
