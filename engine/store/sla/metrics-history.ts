import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { caseIdReadable, SqlParams } from '../../staff/access.js';

/** The history the SLA figures are computed from (engine/sla/sla-metrics.ts), so anyone can recompute them. */

export interface MetricsHistoryRow {
  instance_id: string;
  department: string;
  at: Date;
  type: string;
  data: Record<string, unknown> | null;
}

/**
 * The events of `types` (and the response clocks' stops) of the cases the actor may read whose principal clock started
 * in [from, to) in `department` (null: any), case by case in the order they happened.
 */
export function metricsHistory(db: Db, actor: Actor, types: readonly string[], filter: { department: string | null; from: Date | null; to: Date | null }): Promise<MetricsHistoryRow[]> {
  const params = new SqlParams([types, filter.department, filter.from, filter.to]);
  return db.query<MetricsHistoryRow>(
    `SELECT h.instance_id, h.department, h.at, h.type, h.data FROM history h
     WHERE (h.type = ANY ($1::text[]) OR (h.type = 'sla.clock.stopped' AND h.data ->> 'kind' = 'response')) AND h.instance_id IN (
       SELECT s.instance_id FROM history s WHERE s.type = 'sla.clock.started' AND s.data ->> 'principal' = 'true'
         AND ($2::text IS NULL OR s.department = $2) AND ($3::timestamptz IS NULL OR s.at >= $3) AND ($4::timestamptz IS NULL OR s.at < $4)
         AND ${caseIdReadable(actor, 's.instance_id', params)})
     ORDER BY h.instance_id, h.id`,
    params.values,
  );
}
