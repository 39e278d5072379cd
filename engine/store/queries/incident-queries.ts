import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import { caseIdReadable, caseInRegion, SqlParams } from '../../staff/access.js';
import type { IncidentRow } from '../rows.js';

/** Incidents of the cases the actor may read, newest first: of one case, or all, in one state. */
export function incidentsReadable(db: Db, actor: Actor, filter: { instanceId: string | null; state: string; limit: number }): Promise<IncidentRow[]> {
  const params = new SqlParams([filter.instanceId, filter.state, filter.limit]);
  return db.query<IncidentRow>(
    `SELECT * FROM incidents n WHERE ($1::uuid IS NULL OR n.instance_id = $1) AND n.state = $2 AND ${caseIdReadable(actor, 'n.instance_id', params)}
     ORDER BY n.created_at DESC LIMIT $3`,
    params.values,
  );
}

/** One incident the actor may read, with the definition whose model draws it (its own, else its case's). */
export async function readableIncident(db: Db, actor: Actor, id: string): Promise<IncidentRow | undefined> {
  const params = new SqlParams([id]);
  const [row] = await db.query<IncidentRow>(
    `SELECT n.*, COALESCE(n.definition_id, (SELECT i.definition_id FROM process_instances i WHERE i.id = n.instance_id)) AS model_definition_id
     FROM incidents n WHERE n.id = $1 AND ${caseIdReadable(actor, 'n.instance_id', params)}`,
    params.values,
  );
  return row;
}

/** An incident of `department` (null: any) in the actor's region, locked for the command that resolves it. */
export async function lockIncident(tx: Db, actor: Actor, id: string, department: string | null): Promise<IncidentRow | undefined> {
  const params = new SqlParams([id, department]);
  const [row] = await tx.query<IncidentRow>(
    `SELECT * FROM incidents n WHERE n.id = $1 AND ($2::text IS NULL OR n.department = $2) AND ${caseInRegion(actor, 'n.instance_id', params)} FOR UPDATE OF n`,
    params.values,
  );
  return row;
}

export async function incidentRow(db: Db, id: string): Promise<IncidentRow | undefined> {
  const [row] = await db.query<IncidentRow>('SELECT * FROM incidents WHERE id = $1', [id]);
  return row;
}
