import type { Db } from '../../db/index.js';
import type { Variables } from '../../runtime/index.js';
import type { DefinitionRow, InstanceRow } from '../rows.js';

/** A process's cases started by a message with a correlation key: at most one active per key (Camunda 8). */

/** Whether a case of the process that a message with this key started is still active. */
export async function activeMessageStart(tx: Db, department: string, processId: string, correlationKey: string): Promise<boolean> {
  const rows = await tx.query(
    'SELECT 1 FROM process_instances WHERE department = $1 AND process_id = $2 AND start_correlation_key = $3 AND ended_at IS NULL LIMIT 1',
    [department, processId, correlationKey],
  );
  return rows.length > 0;
}

/** A buffered message that waits to start the next case of a process, with the definition and start event it starts. */
export type WaitingStartMessage = DefinitionRow & { element_id: string; message_id: string; message_variables: Variables; message_region: string };

/**
 * The oldest unexpired buffered message with the ended case's key that a message start event of its process takes
 * (latest version), locked; SKIP LOCKED: a message another command is handing out is not given twice.
 */
export async function waitingStartMessage(tx: Db, ended: InstanceRow, now: Date): Promise<WaitingStartMessage | undefined> {
  const [waiting] = await tx.query<WaitingStartMessage>(
    `SELECT d.*, s.element_id, b.id AS message_id, b.variables AS message_variables, b.region_path AS message_region
     FROM message_buffer b
     JOIN start_event_subscriptions s ON s.department = b.department AND s.kind = 'message' AND s.name = b.name
     JOIN process_definitions d ON d.id = s.definition_id
     WHERE b.department = $1 AND b.correlation_key = $2 AND b.expires_at > $3 AND d.process_id = $4
     ORDER BY b.position LIMIT 1 FOR UPDATE OF b SKIP LOCKED`,
    [ended.department, ended.start_correlation_key, now, ended.process_id],
  );
  return waiting;
}
