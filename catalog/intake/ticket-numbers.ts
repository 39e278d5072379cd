import type { Db } from '../../engine/index.js';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China day (YYYY-MM-DD) of an instant: a ticket taken in at 01:00 Beijing time belongs to that day. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** 12345-20261202-0007: the centre's prefix, the China day and the day's sequence (four digits, more when needed). */
export function ticketNumber(day: string, sequence: number): string {
  return `12345-${day.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

/**
 * The next 案件编号 of the China day of `at`. One statement bumps the day's counter and reads it back, so two
 * intakes at once (two connections on PostgreSQL) draw two numbers; a number drawn by an intake that then fails is skipped.
 */
export async function nextTicketNumber(db: Db, at: Date): Promise<string> {
  const day = chinaDay(at);
  const [row] = await db.query<{ last: number }>(
    `INSERT INTO catalog_ticket_numbers (day, last) VALUES ($1::date, 1)
     ON CONFLICT (day) DO UPDATE SET last = catalog_ticket_numbers.last + 1 RETURNING last`,
    [day],
  );
  return ticketNumber(day, Number(row.last));
}
