import { webhookDeliveryRefusal, webhookTargetProblem } from './webhook-target.js';
import { publishNotifications } from '../store/sla/notification-feed.js';
import { createHmac, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Actor } from '../actor.js';
import { seesAllDepartments } from '../actor.js';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import { inLanes } from '../jobs/lanes.js';
import { claimDueDeliveries, failPendingDeliveries, markAttemptFailed, markDelivered, releaseDeliveries, type DueDelivery } from '../store/sla/webhook-deliveries.js';
import { disableVisibleWebhook, insertWebhook, visibleDeliveryLog, visibleWebhooks, type WebhookRow } from '../store/sla/webhook-registrations.js';

export type { WebhookRow };

interface Clock {
  now(): Date;
}

export interface DeliveryOptions {
  maxAttempts: number;
  /** Delay before the 2nd attempt; doubled each time, capped at maxBackoffMs. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
  lockMs: number;
  batchSize: number;
}

/** Why a delivery not yet tried waits: its receiver failed an earlier one of this round. */
const HELD_BACK = 'Held back: an earlier delivery to this receiver failed, so this one is tried with its next attempt (暂缓：先前发往该接收方的投递失败，本条随其下次重试一并投递)';

/** Receivers served side by side in a round; each receiver's own deliveries go one after another, in feed order. */
const RECEIVERS_AT_ONCE = 8;

export const DEFAULT_DELIVERY: DeliveryOptions = { maxAttempts: 8, baseBackoffMs: 30_000, maxBackoffMs: 3_600_000, timeoutMs: 10_000, lockMs: 60_000, batchSize: 20 };

/** The wait after `attempts` failed attempts: base · 2^(attempts−1), capped. */
export function backoffMs(attempts: number, options: Pick<DeliveryOptions, 'baseBackoffMs' | 'maxBackoffMs'> = DEFAULT_DELIVERY): number {
  return Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Webhooks for SLA notifications: registration per department, and a delivery worker. Deliveries are rows
 * written with the notification (an outbox); workers take due rows with FOR UPDATE SKIP LOCKED and a lock
 * expiry, POST them signed with HMAC-SHA256, and retry with exponential backoff until maxAttempts.
 * A webhook keeps its registrant's region scope (D10): it receives only the events of cases within that region, and
 * a region-scoped user sees and manages only the webhooks registered within their region.
 */
export class Webhooks {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly options: DeliveryOptions = DEFAULT_DELIVERY,
  ) {}

  async register(actor: Actor, input: { url: string; events?: string[]; secret?: string; allDepartments?: boolean }): Promise<WebhookRow> {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new EngineError('invalid', `"${input.url}" is not a URL`, `“${input.url}”不是有效网址`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EngineError('invalid', 'A webhook URL must use http or https', '回调地址必须使用 http 或 https');
    const targetProblem = await webhookTargetProblem(url);
    if (targetProblem) throw new EngineError('invalid', targetProblem.message, targetProblem.messageZh);
    const all = Boolean(input.allDepartments) && seesAllDepartments(actor);
    return insertWebhook(this.db, actor, { url: url.toString(), events: input.events ?? [], secret: input.secret ?? null, allDepartments: all, createdAt: this.clock.now() });
  }

  async list(actor: Actor): Promise<WebhookRow[]> {
    return visibleWebhooks(this.db, actor);
  }

  async disable(actor: Actor, id: string): Promise<void> {
    if (!(await disableVisibleWebhook(this.db, actor, id, this.clock.now()))) throw new EngineError('not-found', `No webhook '${id}'`, `回调“${id}”不存在`);
    await failPendingDeliveries(this.db, id);
  }

  async deliveries(actor: Actor, webhookId: string): Promise<Array<Record<string, unknown>>> {
    const log = await visibleDeliveryLog(this.db, actor, webhookId);
    // A webhook that does not exist, or is not the caller's, is a 404 like its other routes, not an empty list.
    if (!log) throw new EngineError('not-found', `No webhook '${webhookId}'`, `回调“${webhookId}”不存在`);
    return log;
  }

  /** One round of deliveries; returns how many were delivered and how many failed this time. */
  async deliverDue(): Promise<{ delivered: number; failed: number }> {
    const now = this.clock.now();
    // A delivery carries its notification's feed position, given once the notification is committed.
    await publishNotifications(this.db);
    const due = await claimDueDeliveries(this.db, { now, owner: this.owner, lockedUntil: new Date(now.getTime() + this.options.lockMs), batchSize: this.options.batchSize });
    const lockedUntil = now.getTime() + this.options.lockMs;
    // One lane per receiver, in feed order (jobs/lanes.ts): receivers are served side by side, so one that hangs until
    // the timeout holds up only its own deliveries. A lane stops at its first failure: the receiver is down or
    // refusing, and the rest would most likely wait out the timeout too, so they wait for the failed one's next
    // attempt, as they were (no attempt counted). A lane also stops when the lock could run out during an attempt
    // (another server may then take the delivery): the rest go back to the queue unchanged.
    due.sort((a, b) => Number(a.seq) - Number(b.seq));
    let delivered = 0;
    let failed = 0;
    await inLanes(due, (delivery) => delivery.webhook_id, RECEIVERS_AT_ONCE, async (lane) => {
      for (const [index, delivery] of lane.entries()) {
        if (this.clock.now().getTime() + this.options.timeoutMs > lockedUntil) return this.release(lane.slice(index));
        const outcome = await this.attempt(delivery);
        if (outcome.ok) delivered++;
        else {
          failed++;
          return this.release(lane.slice(index + 1), outcome.retryAt);
        }
      }
    });
    return { delivered, failed };
  }

  /** Posts one delivery and records the outcome: delivered, or another attempt after the backoff (failed after the last). */
  private async attempt(delivery: DueDelivery): Promise<{ ok: true } | { ok: false; retryAt: Date }> {
    const outcome = await this.post(delivery);
    const attempts = delivery.attempts + 1;
    if (outcome.ok) {
      await markDelivered(this.db, delivery.id, this.owner, { attempts, status: outcome.status, at: this.clock.now() });
      return { ok: true };
    }
    const finalState = attempts >= this.options.maxAttempts ? 'failed' : 'pending';
    const retryAt = new Date(this.clock.now().getTime() + backoffMs(attempts, this.options));
    await markAttemptFailed(this.db, delivery.id, this.owner, { state: finalState, attempts, status: outcome.status ?? null, error: outcome.error, retryAt });
    return { ok: false, retryAt };
  }

  /** Hands back deliveries claimed but not tried, for a later round of any server: due as they were, or not before `notBefore`. */
  private async release(deliveries: readonly DueDelivery[], notBefore?: Date): Promise<void> {
    if (deliveries.length === 0) return;
    // A delivery held back says why, in the deliveries list an integrator reads.
    await releaseDeliveries(this.db, deliveries.map((delivery) => delivery.id), this.owner, notBefore ?? null, notBefore ? HELD_BACK : null);
  }

  private async post(delivery: DueDelivery): Promise<{ ok: true; status: number } | { ok: false; status?: number; error: string }> {
    const body = JSON.stringify({
      id: delivery.id,
      seq: Number(delivery.seq),
      type: delivery.type,
      at: new Date(delivery.at).toISOString(),
      processInstanceId: delivery.instance_id,
      department: delivery.department,
      data: delivery.data,
    });
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-matterflow-event': delivery.type, 'x-matterflow-delivery': delivery.id };
    if (delivery.secret) headers['x-matterflow-signature'] = `sha256=${createHmac('sha256', delivery.secret).update(body).digest('hex')}`;
    try {
      const refusal = await webhookDeliveryRefusal(new URL(delivery.url));
      if (refusal) return { ok: false, error: refusal };
      const response = await fetch(delivery.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.options.timeoutMs), redirect: 'manual' });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
      return { ok: false, status: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
