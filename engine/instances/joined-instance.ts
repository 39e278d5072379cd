import type { InstanceRow } from '../store/rows.js';
import type { CommandUnit } from './command-unit.js';

/** SQL for the instance of a task or job row, read in the same statement (one round trip fewer per command). */
export const INSTANCE_JSON = 'row_to_json(i) AS instance';

/** Remembers an instance read as JSON beside a task or job (timestamps arrive as text). */
export function rememberInstance(unit: CommandUnit, json: Record<string, unknown>): InstanceRow {
  const row = {
    ...json,
    started_at: new Date(json.started_at as string),
    ended_at: json.ended_at ? new Date(json.ended_at as string) : null,
  } as InstanceRow;
  if (!unit.instances.has(row.id)) unit.instances.set(row.id, row);
  return unit.instances.get(row.id)!;
}
