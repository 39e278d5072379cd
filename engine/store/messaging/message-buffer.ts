import type { Db } from '../../db/index.js';
import type { Variables } from '../../runtime/index.js';
import { jsonb } from '../jsonb.js';

/** Messages nobody took yet, kept until their time to live passes (message_buffer). */

/**
 * The oldest unexpired buffered message with this name and key, for a case in `regionPath` (a message a region-scoped
 * user published waits for a case of their region; '/' for the city's: every case), locked. SKIP LOCKED: a message
 * another command is handing out right now is not given twice.
 */
export async function bufferedMessageFor(
  tx: Db,
  subscription: { department: string; message_name: string; correlation_key: string },
  now: Date,
  regionPath: string,
): Promise<{ id: string; variables: Variables } | undefined> {
  const [message] = await tx.query<{ id: string; variables: Variables }>(
    `SELECT id, variables FROM message_buffer WHERE department = $1 AND name = $2 AND correlation_key = $3 AND expires_at > $4 AND starts_with($5, region_path)
     ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [subscription.department, subscription.message_name, subscription.correlation_key, now, regionPath],
  );
  return message;
}

/** A buffered message was taken: it is consumed. */
export async function deleteBufferedMessage(tx: Db, id: string): Promise<void> {
  await tx.query('DELETE FROM message_buffer WHERE id = $1', [id]);
}

/** Drops buffered messages whose time to live has passed; returns how many. */
export async function expireBufferedMessages(db: Db, now: Date): Promise<number> {
  const rows = await db.query('DELETE FROM message_buffer WHERE expires_at <= $1 RETURNING id', [now]);
  return rows.length;
}

/** Keeps a message nobody took until `expiresAt`, for the cases of `regionPath` ('/': every case). */
export async function insertBufferedMessage(
  tx: Db,
  message: {
    id: string;
    department: string;
    name: string;
    correlationKey: string;
    variables: Variables;
    messageId: string | null;
    publishedBy: string;
    publishedAt: Date;
    expiresAt: Date;
    regionPath: string;
  },
): Promise<void> {
  await tx.query(
    `INSERT INTO message_buffer (id, department, name, correlation_key, variables, message_id, published_by, published_at, expires_at, region_path)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      message.id,
      message.department,
      message.name,
      message.correlationKey,
      jsonb(message.variables),
      message.messageId,
      message.publishedBy,
      message.publishedAt,
      message.expiresAt,
      message.regionPath,
    ],
  );
}
