import { randomUUID } from 'node:crypto';
import { EngineError } from '../errors.js';
import { correlateMessage, type Variables } from '../runtime/index.js';
import type { CommandUnit } from '../instances/command-unit.js';
import type { InstanceRunner } from '../instances/instance-runner.js';
import { startByEvent } from './start-events.js';
import type { SenderRegion } from './sender-region.js';
import { insertBufferedMessage } from '../store/messaging/message-buffer.js';
import { claimMessageId, firstPublicationResult, savePublicationResult } from '../store/messaging/message-publications.js';
import { subscriptionsFor } from '../store/messaging/message-subscriptions.js';

export interface MessageInput {
  name: string;
  correlationKey: string;
  variables?: Variables;
  /** Keep the message this long when no subscription takes it now; absent or 0: do not keep it. */
  timeToLiveMs?: number;
  /** Publishing twice with the same id (per department) has the effect of publishing once. */
  messageId?: string;
}

export interface PublishResult {
  /** Instances whose waiting subscription took the message, one subscription per instance. */
  correlated: Array<{ processInstanceId: string; elementId: string }>;
  /** Instances started by a message start event (latest version of each definition). */
  started: Array<{ processInstanceId: string; processId: string }>;
  /** Set when nobody took the message and it waits in the buffer until it expires. */
  buffered: { id: string; expiresAt: string } | null;
  /** True when this is a repeated messageId: the result is the first publication's. */
  duplicate: boolean;
}

/**
 * Publishes a message within a department (departments are the isolation boundary, D9):
 * 1. for each process (by BPMN id), the subscription of that name and key opened first takes it (Camunda 8: a
 *    message is correlated once per process, so two waiting cases of one process never both take it);
 * 2. every message start event of that name starts a new instance, of the processes that did not take it in 1,
 *    unless a case of that process started by a message with the same (non-empty) key is still active;
 * 3. when neither happened and a time to live is given, the message waits in the buffer and the
 *    first subscription opened later takes it (it is then consumed), or, held back by such an active case, it starts
 *    the next case when that one ends;
 * 4. when nothing took it and there is no time to live, the publication is refused with a
 *    'not-found' error naming the message and key: a lost message must not look delivered.
 * A region-scoped user's message (`sender`) does all this within their region: it correlates only with the cases
 * there, starts its cases there, and waits in the buffer for a case there.
 */
export async function publishMessage(runner: InstanceRunner, unit: CommandUnit, department: string, input: MessageInput, sender?: SenderRegion): Promise<PublishResult> {
  const { tx, now } = unit;
  if (input.messageId) {
    if (!(await claimMessageId(tx, department, input.messageId, now))) {
      return { ...(await firstPublicationResult<PublishResult>(tx, department, input.messageId)), duplicate: true };
    }
  }
  const variables = input.variables ?? {};
  const result: PublishResult = { correlated: [], started: [], buffered: null, duplicate: false };

  const subscriptions = await subscriptionsFor(tx, department, input.name, input.correlationKey, sender?.actor);
  // Camunda 8's message cardinality: a message is correlated once per process (by its BPMN id, across versions):
  // the subscription opened first takes it, and the process's message start event does not start another case.
  const tookIt = new Set<string>();
  for (const subscription of subscriptions) {
    if (tookIt.has(subscription.process_id)) continue;
    const advanced = await runner.advance(unit, subscription.instance_id, (model, state, at, services) =>
      correlateMessage(model, state, subscription.element_instance_id, subscription.element_id, variables, at, services),
    );
    if (!advanced.ok) continue;
    tookIt.add(subscription.process_id);
    result.correlated.push({ processInstanceId: subscription.instance_id, elementId: subscription.element_id });
  }

  const blocked: string[] = [];
  result.started = await startByEvent(runner, unit, department, 'message', input.name, variables, { ...(sender ? { sender } : {}), except: tookIt, correlationKey: input.correlationKey, blocked });

  if (result.correlated.length === 0 && result.started.length === 0) {
    if (!input.timeToLiveMs && blocked.length > 0) {
      throw new EngineError(
        'conflict',
        `A case of ${blocked.join(', ')} started by message '${input.name}' with correlation key '${input.correlationKey}' is still active, so the message starts no other; give timeToLiveMs to start the next one when it ends`,
        `由消息“${input.name}”（关联键“${input.correlationKey}”）启动的 ${blocked.join('、')} 案件仍在办理中，该消息不再启动新的案件；如需在其办结后启动下一件，请指定 timeToLiveMs`,
      );
    }
    if (!input.timeToLiveMs) {
      throw new EngineError(
        'not-found',
        `No instance waits for message '${input.name}' with correlation key '${input.correlationKey}' and no process starts with it; give timeToLiveMs to keep it until one does`,
        `没有流程实例在等待消息“${input.name}”（关联键“${input.correlationKey}”），也没有以该消息启动的流程；如需暂存，请指定 timeToLiveMs`,
      );
    }
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + input.timeToLiveMs);
    await insertBufferedMessage(tx, {
      id,
      department,
      name: input.name,
      correlationKey: input.correlationKey,
      variables,
      messageId: input.messageId ?? null,
      publishedBy: unit.actor.userId,
      publishedAt: now,
      expiresAt,
      regionPath: sender?.path ?? '/',
    });
    result.buffered = { id, expiresAt: expiresAt.toISOString() };
  }
  if (input.messageId) {
    await savePublicationResult(tx, department, input.messageId, result);
  }
  return result;
}
