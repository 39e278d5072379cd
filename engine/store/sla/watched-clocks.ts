import type { Db } from '../../db/index.js';
import type { SlaClockRow } from '../../sla/clock-row.js';

/**
 * The clocks the SLA monitor takes in turn. Each batch is taken FOR UPDATE SKIP LOCKED, so several monitors (one per
 * server process) share the work without waiting on each other.
 */

/** Open clocks computed on an older calendar revision than `revision`, oldest revision first, at most `limit`. */
export function lockStaleClocks(tx: Db, revision: number, limit: number): Promise<SlaClockRow[]> {
  return tx.query<SlaClockRow>(`SELECT * FROM sla_clocks WHERE state <> 'stopped' AND calendar_revision < $1 ORDER BY calendar_revision LIMIT $2 FOR UPDATE SKIP LOCKED`, [revision, limit]);
}

/** A clock counted as computed on `revision` without recomputing it (its deadline already passed). */
export async function markClockRevision(tx: Db, clockId: string, revision: number): Promise<void> {
  await tx.query('UPDATE sla_clocks SET calendar_revision = $2 WHERE id = $1', [clockId, revision]);
}

/** Running clocks whose next check is due at `now`, soonest first, at most `limit`. */
export function lockDueClocks(tx: Db, now: Date, limit: number): Promise<SlaClockRow[]> {
  return tx.query<SlaClockRow>(`SELECT * FROM sla_clocks WHERE next_check_at <= $1 AND state = 'running' ORDER BY next_check_at LIMIT $2 FOR UPDATE SKIP LOCKED`, [now, limit]);
}

/** A clock that cannot be read on the calendar: it keeps the error and is checked no more until it is recomputed. */
export async function markClockUnreadable(tx: Db, clockId: string, error: string): Promise<void> {
  await tx.query('UPDATE sla_clocks SET next_check_at = NULL, error = $2 WHERE id = $1', [clockId, error]);
}
