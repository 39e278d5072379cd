import type { Db } from '../../db/index.js';
import type { InstanceState, Variables } from '../../runtime/index.js';
import type { InstanceRow } from '../rows.js';

/**
 * Instance rows as commands and the engine read them, with no access check of their own: callers have checked the
 * actor may read or change the case (engine/staff/access.ts does it for lists).
 */

export async function instanceRow(db: Db, id: string): Promise<InstanceRow | undefined> {
  const [row] = await db.query<InstanceRow>('SELECT * FROM process_instances WHERE id = $1', [id]);
  return row;
}

/** The department that owns an instance and the version of the process it runs. */
export async function instanceDefinition(db: Db, id: string): Promise<{ department: string; definition_id: string } | undefined> {
  const [row] = await db.query<{ department: string; definition_id: string }>('SELECT department, definition_id FROM process_instances WHERE id = $1', [id]);
  return row;
}

/** The instance of a process that holds a business key in a department. */
export async function instanceByBusinessKey(db: Db, processId: string, department: string, businessKey: string): Promise<InstanceRow | undefined> {
  const [row] = await db.query<InstanceRow>('SELECT * FROM process_instances WHERE process_id = $1 AND department = $2 AND business_key = $3', [processId, department, businessKey]);
  return row;
}

/** An instance owned by `department` (null: any) within a region (a LIKE pattern of region paths; null: any). */
export async function ownedInstanceRow(db: Db, id: string, department: string | null, regionPattern: string | null): Promise<InstanceRow | undefined> {
  const [row] = await db.query<InstanceRow>(
    `SELECT * FROM process_instances WHERE id = $1 AND ($2::text IS NULL OR (department = $2 AND ($3::text IS NULL OR region_path LIKE $3)))`,
    [id, department, regionPattern],
  );
  return row;
}

export async function instanceVariablesOf(db: Db, id: string): Promise<Variables | undefined> {
  const [row] = await db.query<{ variables: Variables }>("SELECT state -> 'variables' AS variables FROM process_instances WHERE id = $1", [id]);
  return row?.variables;
}

/** The parts of an instance's state that say which variables an element sees. */
export async function instanceScopes(db: Db, id: string): Promise<Pick<InstanceState, 'variables' | 'elements'> | undefined> {
  const [row] = await db.query<Pick<InstanceState, 'variables' | 'elements'>>("SELECT state -> 'variables' AS variables, state -> 'elements' AS elements FROM process_instances WHERE id = $1", [id]);
  return row;
}

/** Whether the case's last suspension paused its clocks (a resume then runs them again). */
export async function suspensionPausedClocks(db: Db, instanceId: string): Promise<boolean> {
  const [row] = await db.query<{ paused: boolean }>(
    `SELECT (data ? 'pauseClock') AS paused FROM history WHERE instance_id = $1 AND type = 'case.operation' AND data ->> 'operation' = 'suspend' ORDER BY id DESC LIMIT 1`,
    [instanceId],
  );
  return row?.paused ?? false;
}
