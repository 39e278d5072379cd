import type { Page } from '../store/queries/page.js';
import type { Actor } from '../actor.js';
import { readCase } from '../store/queries/case-queries.js';
import { asUuid, notFound } from '../instances/lookups.js';
import type { Json, Variables } from '../runtime/index.js';
import type { UserTaskRow } from '../store/rows.js';
import { addAttachment, attachmentDownloads, downloadAttachment, listAttachments, type AttachmentKind, type AttachmentRow } from './attachments.js';
import { createDelegation, delegateTask, listDelegations, revokeDelegation, type DelegationRow } from './delegation.js';
import { escalateToCommandCentre } from './contest-escalation.js';
import { reassign, sendBack, transfer } from './hand-over.js';
import { returnTargets, returnToStep, withdraw, type ReturnTarget } from './move-steps.js';
import type { OperationDeps } from './operation-deps.js';
import { addPhrase, caseOpinions, phrases, removePhrase, type Opinion, type PhraseKind, type PhraseRow } from './opinions.js';
import { addSigner, removeSigner, type SignerPosition } from './signers.js';
import { requestSupplement, submitSupplement } from './supplement.js';
import { revealPersonalData } from '../personal/reveal.js';
import { copyCase, markNotificationsRead, myNotifications, urge, type UserNotification } from './urge-and-copy.js';

/**
 * 办理操作 (D11): the operations Chinese government staff use every day, each an engine command (one
 * transaction, revision-checked, allowed per department, region and post) with a trail entry naming
 * the actor, the reason and the time. What each does to clocks, 会签 counters and timers is said where
 * it is implemented; the README sums it up.
 */
export class TaskOperations {
  constructor(private readonly deps: OperationDeps) {}

  // 退回、撤回、补正
  returnTargets(actor: Actor, taskId: string): Promise<ReturnTarget[]> {
    return returnTargets(this.deps, actor, taskId);
  }
  returnToStep(actor: Actor, taskId: string, input: { targetElementId: string; reason?: string; opinion?: string }): Promise<UserTaskRow> {
    return returnToStep(this.deps, actor, taskId, input);
  }
  withdraw(actor: Actor, taskId: string, input: { reason?: string }): Promise<UserTaskRow> {
    return withdraw(this.deps, actor, taskId, input);
  }
  requestSupplement(actor: Actor, taskId: string, input: { reason?: string; materials?: string[]; legalBasis?: string }): Promise<UserTaskRow> {
    return requestSupplement(this.deps, actor, taskId, input);
  }
  submitSupplement(actor: Actor, taskId: string, input: { note?: string; variables?: Variables }): Promise<UserTaskRow> {
    return submitSupplement(this.deps, actor, taskId, input);
  }

  // 转办、改派、退单、委托
  transfer(actor: Actor, taskId: string, input: { toUser?: string; toPost?: string; reason?: string }): Promise<UserTaskRow> {
    return transfer(this.deps, actor, taskId, input);
  }
  reassign(actor: Actor, taskId: string, input: { department: string; reason?: string }): Promise<UserTaskRow> {
    return reassign(this.deps, actor, taskId, input);
  }
  sendBack(actor: Actor, taskId: string, input: { reason?: string }): Promise<UserTaskRow> {
    return sendBack(this.deps, actor, taskId, input);
  }
  /** The dispatch step `stepId` goes to the command centre's post, on the contest of whoever sent `contestedTaskId` back. */
  escalateToCommandCentre(requester: Actor, stepId: string, input: { contestedTaskId: string; toPost: string; reason?: string }): Promise<UserTaskRow> {
    return escalateToCommandCentre(this.deps, requester, stepId, input);
  }
  delegate(actor: Actor, taskId: string, input: { to: string; returnToMe?: boolean; reason?: string }): Promise<UserTaskRow> {
    return delegateTask(this.deps, actor, taskId, input);
  }
  createDelegation(actor: Actor, input: { delegate: string; startsAt: Date; endsAt: Date; processId?: string; reason?: string }): Promise<DelegationRow> {
    return createDelegation(this.deps, actor, input);
  }
  delegations(actor: Actor): Promise<DelegationRow[]> {
    return listDelegations(this.deps, actor);
  }
  revokeDelegation(actor: Actor, id: string): Promise<void> {
    return revokeDelegation(this.deps, actor, id);
  }

  // 加签、减签
  addSigner(actor: Actor, taskId: string, input: { position: SignerPosition; user?: string; item?: Json; reason?: string }): Promise<UserTaskRow> {
    return addSigner(this.deps, actor, taskId, input);
  }
  removeSigner(actor: Actor, taskId: string, input: { user?: string; reason?: string }): Promise<UserTaskRow> {
    return removeSigner(this.deps, actor, taskId, input);
  }

  // 催办、抄送、通知
  urge(actor: Actor, taskId: string, input: { message?: string }): Promise<{ task: UserTaskRow; notified: string[] }> {
    return urge(this.deps, actor, taskId, input);
  }
  copyCase(actor: Actor, instanceId: string, input: { users: string[]; reason?: string }): Promise<{ copiedTo: string[] }> {
    return copyCase(this.deps, actor, instanceId, input);
  }

  /** One personal value in clear, for staff working the case; recorded on the trail (personal/reveal.ts). */
  revealPersonalData(actor: Actor, instanceId: string, input: { path: string; reason?: string }) {
    return revealPersonalData(this.deps, actor, instanceId, input);
  }
  notifications(actor: Actor, filter: { unread?: boolean; before?: number; limit: number; cursor?: string }): Promise<Page<UserNotification>> {
    return myNotifications(this.deps, actor, filter);
  }
  markNotificationsRead(actor: Actor, upTo: number): Promise<number> {
    return markNotificationsRead(this.deps, actor, upTo);
  }

  // 审批意见
  async opinions(actor: Actor, instanceId: string): Promise<Opinion[]> {
    const instance = await readCase(this.deps.db, actor, asUuid(instanceId));
    if (!instance) throw notFound('process instance', instanceId);
    return caseOpinions(this.deps, instance.id);
  }
  phrases(actor: Actor, kind?: PhraseKind): Promise<PhraseRow[]> {
    return phrases(this.deps, actor, kind);
  }
  addPhrase(actor: Actor, input: { text: string; scope: 'mine' | 'department' }): Promise<PhraseRow> {
    return addPhrase(this.deps, actor, input);
  }
  removePhrase(actor: Actor, id: string): Promise<void> {
    return removePhrase(this.deps, actor, id);
  }

  // 附件
  addAttachment(actor: Actor, instanceId: string, input: { name: string; kind: AttachmentKind; taskId?: string; content: Buffer }): Promise<AttachmentRow> {
    return addAttachment(this.deps, actor, instanceId, input);
  }
  attachments(actor: Actor, instanceId: string): Promise<AttachmentRow[]> {
    return listAttachments(this.deps, actor, instanceId);
  }
  download(actor: Actor, id: string): Promise<AttachmentRow & { content: Buffer }> {
    return downloadAttachment(this.deps, actor, id);
  }
  downloads(actor: Actor, id: string): Promise<Array<{ user_id: string; at: Date }>> {
    return attachmentDownloads(this.deps, actor, id);
  }
}
