import type { Db } from '../../engine/index.js';
import { drawTicketSequence } from '../store/ticket-counters.js';

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
 * The next 案件编号 of the China day of `at`. Drawn from the day's counter (one round trip), so two
 * intakes at once (two connections on PostgreSQL) draw two numbers; a number drawn by an intake that then fails is skipped.
 */
export async function nextTicketNumber(db: Db, at: Date): Promise<string> {
  const day = chinaDay(at);
  return ticketNumber(day, await drawTicketSequence(db, day));
}
