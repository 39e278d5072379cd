import type { Db } from '../../engine/index.js';

// Serialises publishing everywhere: two batches must not interleave their version numbers.
const PUBLISH_LOCK = 72_616_004;

/** Waits for, then holds until the transaction ends, the one lock every publication takes. */
export async function lockPublishing(tx: Db): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
}
