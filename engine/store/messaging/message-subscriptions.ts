import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { caseInRegion, SqlParams } from '../../staff/access.js';

/** Message catch events waiting in running cases (message_subscriptions). */

/** A subscription as opened by its catch event. */
export interface MessageSubscriptionRow {
  instance_id: string;
  department: string;
  element_instance_id: string;
  element_id: string;
  message_name: string;
  correlation_key: string;
}

/** One subscription by id, if it is still open. */
export async function messageSubscription(tx: Db, id: string): Promise<MessageSubscriptionRow | undefined> {
  const [subscription] = await tx.query<MessageSubscriptionRow>('SELECT * FROM message_subscriptions WHERE id = $1', [id]);
  return subscription;
}

/** A subscription a published message may correlate with, and the process (BPMN id) of its case. */
export type CorrelationCandidate = { instance_id: string; element_instance_id: string; element_id: string; process_id: string };

/**
 * The department's subscriptions for this message name and key, oldest first; with `regionOf`, only those of cases
 * in that actor's region (a region-scoped user's message).
 */
export function subscriptionsFor(tx: Db, department: string, name: string, correlationKey: string, regionOf?: Actor): Promise<CorrelationCandidate[]> {
  const params = new SqlParams([department, name, correlationKey]);
  return tx.query<CorrelationCandidate>(
    `SELECT s.instance_id, s.element_instance_id, s.element_id, i.process_id FROM message_subscriptions s JOIN process_instances i ON i.id = s.instance_id
     WHERE s.department = $1 AND s.message_name = $2 AND s.correlation_key = $3 AND ${regionOf ? caseInRegion(regionOf, 's.instance_id', params) : 'true'} ORDER BY s.position`,
    params.values,
  );
}
