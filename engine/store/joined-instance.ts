/**
 * SQL that reads the instance of a task or job row (`row`: the outer query's alias) in the same statement (one
 * round trip fewer per command), with what the engine's modules read along with it (`along`, see
 * EngineExtension.readAlong) when the read takes no lock: a locking read opens the command's transaction, inside
 * which modules read afresh. Select `joined.*` beside the row's own columns.
 *
 * A LATERAL sub-select the planner may not merge into the outer query (OFFSET 0), so the row is always found by its
 * own key. As a plain join, a plan made while the job queue looked empty walked the whole of an index ordered by
 * instance (jobs_instance) to find one id: 500 to 1,000 buffers per completion in the durable benchmark.
 */
export function joinedInstance(unit: { readonly readAlongSql: string }, row: string, options: { lock: boolean }): string {
  const along = options.lock ? '' : unit.readAlongSql;
  return `CROSS JOIN LATERAL (SELECT row_to_json(i) AS instance${along} FROM process_instances i WHERE i.id = ${row}.instance_id OFFSET 0) joined`;
}

/** A task or job row as read with joinedInstance: its instance as JSON (timestamps as text), and what was read along. */
export type WithJoinedInstance<Row> = Row & { instance: Record<string, unknown>; along?: Record<string, unknown> };
