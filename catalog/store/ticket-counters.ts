import type { Db } from '../../engine/index.js';

/**
 * Bumps a China day's ticket counter and reads it back, in one statement: two intakes at once (two connections on
 * PostgreSQL) draw two numbers.
 */
export async function drawTicketSequence(db: Db, day: string): Promise<number> {
  const [row] = await db.query<{ last: number }>(
    `INSERT INTO catalog_ticket_numbers (day, last) VALUES ($1::date, 1)
     ON CONFLICT (day) DO UPDATE SET last = catalog_ticket_numbers.last + 1 RETURNING last`,
    [day],
  );
  return Number(row.last);
}
