import type { Db } from '../db/index.js';
import type { InstanceRow } from '../store/rows.js';
import type { CommandUnit } from './command-unit.js';

/**
 * Where a task's or job's read goes: the command's transaction when it locks the row, else CommandUnit.read, which
 * opens no transaction for a command that has not written or locked anything yet.
 */
export function readerFor(unit: CommandUnit, options: { lock: boolean }): Pick<Db, 'query'> {
  return options.lock ? unit.tx : { query: (sql, params) => unit.read(sql, params) };
}

/**
 * Remembers an instance read as JSON beside a task or job (store/joined-instance.ts; timestamps arrive as text), and
 * what was read along.
 */
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
