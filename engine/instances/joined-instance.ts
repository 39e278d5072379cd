import type { InstanceRow } from '../store/rows.js';
import type { CommandUnit } from './command-unit.js';

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
export function joinedInstance(unit: Pick<CommandUnit, 'readAlongSql'>, row: string, options: { lock: boolean }): string {
  const along = options.lock ? '' : unit.readAlongSql;
  return `CROSS JOIN LATERAL (SELECT row_to_json(i) AS instance${along} FROM process_instances i WHERE i.id = ${row}.instance_id OFFSET 0) joined`;
}

/** Remembers an instance read as JSON beside a task or job (timestamps arrive as text), and what was read along. */
export function rememberInstance(unit: CommandUnit, json: Record<string, unknown>, along?: Record<string, unknown>): InstanceRow {
  const row = {
    ...json,
    started_at: new Date(json.started_at as string),
    ended_at: json.ended_at ? new Date(json.ended_at as string) : null,
  } as InstanceRow;
  if (!unit.instances.has(row.id)) {
    unit.instances.set(row.id, row);
    if (along) unit.rememberAlong(row.id, along);
  }
  return unit.instances.get(row.id)!;
}
