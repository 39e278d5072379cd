import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { caseInRegion, SqlParams } from '../../staff/access.js';

/** A signal subscription as read when the signal was thrown. */
export interface SignalReceiver {
  instance_id: string;
  element_instance_id: string;
  element_id: string;
}

/**
 * The department's subscriptions open for a signal of this name, oldest first; with `regionOf`, only those of cases in
 * that actor's region (a region-scoped user's signal).
 */
export function signalSubscriptions(tx: Db, department: string, name: string, regionOf?: Actor): Promise<SignalReceiver[]> {
  const params = new SqlParams([department, name]);
  const region = regionOf ? caseInRegion(regionOf, 's.instance_id', params) : 'true';
  return tx.query<SignalReceiver>(
    `SELECT s.instance_id, s.element_instance_id, s.element_id FROM signal_subscriptions s WHERE s.department = $1 AND s.signal_name = $2 AND ${region} ORDER BY s.position`,
    params.values,
  );
}
