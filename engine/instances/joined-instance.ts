import type { InstanceRow } from '../store/rows.js';
import type { CommandUnit } from './command-unit.js';

/**
 * SQL for the instance of a task or job row, read in the same statement (one round trip fewer per command), with what
 * the engine's modules read along with it (`along`, see EngineExtension.readAlong) when the read takes no lock: a
 * locking read opens the command's transaction, inside which modules read afresh.
 */
export function instanceJson(unit: CommandUnit, options: { lock: boolean }): string {
  return `row_to_json(i) AS instance${options.lock ? '' : unit.readAlongSql}`;
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
