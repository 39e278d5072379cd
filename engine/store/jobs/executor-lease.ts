import type { Db } from '../../db/index.js';

/**
 * An executor's lease (issue 16, crash recovery): while a process runs, its executor renews a
 * row saying "alive until"; timers it locked are free for any other executor as soon as that
 * row runs out, so after a kill -9 a surviving or restarted server takes the dead one's due
 * timers within the lease time instead of waiting for each lock's expiry. The database's clock
 * decides (servers' clocks may disagree); a lease is never trusted beyond it.
 */
export async function renewLease(db: Db, owner: string, leaseMs: number): Promise<void> {
  await db.query(
    `INSERT INTO executor_leases (owner, expires_at) VALUES ($1, clock_timestamp() + make_interval(secs => $2::double precision / 1000))
     ON CONFLICT (owner) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
    [owner, leaseMs],
  );
}

/** Drops job tombstones past their retention (they answer retried completions for that long). */
export async function pruneJobTombstones(db: Db, olderThan: Date): Promise<void> {
  await db.query('DELETE FROM job_tombstones WHERE finished_at < $1', [olderThan]);
}

/** A clean shutdown: the lease ends now and this executor's timer locks are handed back. */
export async function endLease(db: Db, owner: string): Promise<void> {
  await db.query(`UPDATE jobs SET state = 'activatable', lock_owner = NULL, lock_expires_at = NULL WHERE kind <> 'service' AND state = 'activated' AND lock_owner = $1`, [owner]);
  await db.query('DELETE FROM executor_leases WHERE owner = $1', [owner]);
  // Leases of executors that died long ago are only clutter.
  await db.query("DELETE FROM executor_leases WHERE expires_at < clock_timestamp() - interval '1 day'");
}

/** SQL over a `jobs` row aliased `j`: its lock holder has no live lease (dead, or gone). */
export const LOCK_HOLDER_GONE = `NOT EXISTS (SELECT 1 FROM executor_leases l WHERE l.owner = j.lock_owner AND l.expires_at > clock_timestamp())`;
