import type { Actor } from '../actor.js';
import type { Db } from '../db/index.js';
import type { Engine } from '../engine.js';
import { EngineError } from '../errors.js';
import { asUuid, notFound } from '../instances/lookups.js';
import { worksOnCase } from '../instances/task-access.js';
import { inActorRegion, isAdmin } from '../staff/access.js';
import type { CalendarCache } from './calendar-cache.js';
import { extendClocks, type ControlScope } from './clock-control.js';
import type { SlaClockRow } from './clock-row.js';
import { lockOpenClocks } from '../store/sla/clocks.js';
import { recordSlaEvent } from './sla-events.js';
import { decideExtensionRequest, extensionRequestById, extensionRequestsOf, hasPendingExtensionRequest, insertExtensionRequest, lockExtensionRequest, type ExtensionRequestRow } from '../store/sla/extension-requests.js';

/** The post that grants a 延期申请 when the rule names none: "经本行政机关负责人批准" (行政许可法 第42条). */
export const DEFAULT_APPROVER_POST = '审批负责人';

export type { ExtensionRequestRow };

/** Rolls a dry run back after it proved the extension would be granted. */
class DryRunDone extends Error {}

/**
 * 延期申请 (D11): the unit handling a case asks for more time; a holder of the post the rule names (审批负责人
 * by default; the 12345 profile: 延期审核) in the department that owns the case grants it, and only then do
 * the clocks move, within what the matter or profile allows (checked when asked and again when granted).
 */
export class ExtensionRequests {
  constructor(
    private readonly engine: Engine,
    private readonly calendars: CalendarCache,
  ) {}

  async request(actor: Actor, instanceId: string, input: { duration: unknown; reason: string; legalBasis?: string; taskId?: string }): Promise<ExtensionRequestRow> {
    const instance = await this.engine.getInstance(actor, instanceId);
    if (!isAdmin(actor) && !(await worksOnCase(this.engine.db, actor, instance, { openSteps: true }))) {
      throw new EngineError('forbidden', 'Only the departments working the case may ask for an extension', '只有正在办理该案件的部门可以申请延期');
    }
    if (['completed', 'canceled', 'terminated'].includes(instance.status)) throw new EngineError('conflict', 'The case has ended: there is nothing to extend', '案件已结束，无需延期');
    if (await hasPendingExtensionRequest(this.engine.db, instance.id)) throw new EngineError('conflict', 'An extension request of this case is waiting for a decision', '该案件已有待审批的延期申请');
    // Would it be granted now? The same rule decides, in a transaction that is rolled back.
    await this.engine.db
      .transaction(async (tx) => {
        await extendClocks(await this.scope(tx, actor, instance.id, instance.department), { duration: input.duration, reason: input.reason, legalBasis: input.legalBasis ?? null, approvedBy: actor.userId });
        throw new DryRunDone();
      })
      .catch((error: unknown) => {
        if (!(error instanceof DryRunDone)) throw error;
      });
    return this.engine.db.transaction(async (tx) => {
      const row = await insertExtensionRequest(tx, {
        instanceId: instance.id,
        department: instance.department,
        taskId: input.taskId ? asUuid(input.taskId) : null,
        duration: input.duration,
        reason: input.reason,
        legalBasis: input.legalBasis ?? null,
        requestedBy: actor.userId,
        requestedAt: this.engine.clock.now(),
      });
      await recordSlaEvent(tx, {
        instanceId: instance.id,
        department: instance.department,
        at: this.engine.clock.now(),
        type: 'sla.extension.requested',
        actor: actor.userId,
        data: { requestId: row.id, duration: input.duration as never, reason: input.reason, approverPost: await this.approverPost(tx, instance.id) },
        notify: true,
      });
      return row;
    });
  }

  /** Grants a pending request: the clocks move in the same transaction, or nothing does (422 naming the rule). */
  async approve(actor: Actor, id: string, input: { reason?: string }): Promise<ExtensionRequestRow> {
    return this.decide(actor, id, 'approved', input.reason ?? null);
  }

  async reject(actor: Actor, id: string, input: { reason: string }): Promise<ExtensionRequestRow> {
    return this.decide(actor, id, 'rejected', input.reason);
  }

  async list(actor: Actor, instanceId: string): Promise<ExtensionRequestRow[]> {
    const instance = await this.engine.getInstance(actor, instanceId);
    return extensionRequestsOf(this.engine.db, instance.id);
  }

  private async decide(actor: Actor, id: string, state: 'approved' | 'rejected', reason: string | null): Promise<ExtensionRequestRow> {
    const found = await extensionRequestById(this.engine.db, asUuid(id));
    if (!found) throw notFound('extension request', id);
    const instance = await this.engine.getInstance(actor, found.instance_id).catch(() => undefined);
    if (!instance) throw notFound('extension request', id);
    return this.engine.db.transaction(async (tx) => {
      const request = await lockExtensionRequest(tx, found.id);
      if (request.state !== 'pending') throw new EngineError('conflict', `The request was already ${request.state} by ${request.decided_by}`, `该延期申请已由 ${request.decided_by} ${request.state === 'approved' ? '批准' : '驳回'}`);
      const post = await this.approverPost(tx, request.instance_id);
      const holds = actor.department === instance.department && inActorRegion(actor, instance.region_path) && (actor.groups ?? []).includes(post);
      if (!holds && !isAdmin(actor)) {
        throw new EngineError('forbidden', `Only a holder of the post ${post} of department ${instance.department} may decide an extension`, `只有主办部门（${instance.department}）的“${post}”岗位人员可以审批延期申请`);
      }
      if (state === 'approved') {
        await extendClocks(await this.scope(tx, actor, request.instance_id, instance.department), {
          duration: request.duration,
          reason: request.reason,
          legalBasis: request.legal_basis,
          approvedBy: actor.userId,
        });
      } else {
        await recordSlaEvent(tx, { instanceId: request.instance_id, department: instance.department, at: this.engine.clock.now(), type: 'sla.extension.rejected', actor: actor.userId, data: { requestId: request.id, reason }, notify: true });
      }
      return decideExtensionRequest(tx, request.id, { state, decidedBy: actor.userId, decidedAt: this.engine.clock.now(), reason });
    });
  }

  private async approverPost(tx: Db, instanceId: string): Promise<string> {
    const clocks: SlaClockRow[] = await lockOpenClocks(tx, instanceId, 'case');
    return clocks.find((clock) => clock.extension_rule?.approverPost)?.extension_rule?.approverPost ?? DEFAULT_APPROVER_POST;
  }

  private async scope(tx: Db, actor: Actor, instanceId: string, department: string): Promise<ControlScope> {
    const { calendar, revision } = await this.calendars.current(tx);
    return { tx, calendar, revision, instanceId, department, actor: actor.userId, now: this.engine.clock.now() };
  }
}
