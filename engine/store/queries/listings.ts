import type { Actor } from '../../actor.js';
import type { Db } from '../../db/index.js';
import type { FormRow } from '../../forms/forms.js';
import { caseIdReadable, caseReadable, SqlParams } from '../../staff/access.js';
import type { DefinitionRow, HistoryRow, IncidentRow, InstanceRow } from '../rows.js';
import { instant, keysetPage, type Page } from './page.js';

/** The engine's lists a page at a time (keysetPage), each behind its access condition. */

export interface Paging {
  limit?: number;
  cursor?: string;
}

/** Incidents of the cases the actor may read (engine/staff/access.ts), newest first. */
export async function pageIncidents(db: Db, actor: Actor, filter: Paging & { instanceId?: string; state?: 'active' | 'resolved' }): Promise<Page<IncidentRow>> {
  const params = new SqlParams();
  const where = [`n.state = ${params.add(filter.state ?? 'active')}`, caseIdReadable(actor, 'n.instance_id', params)];
  if (filter.instanceId !== undefined) where.push(`n.instance_id = ${params.add(filter.instanceId)}::uuid`);
  return keysetPage<IncidentRow>(db, {
    // The model an incident's element belongs to, so that the API can name the step.
    columns: 'n.*, COALESCE(n.definition_id, (SELECT i.definition_id FROM process_instances i WHERE i.id = n.instance_id)) AS model_definition_id',
    from: 'incidents n',
    where,
    params,
    key: [
      { sql: 'n.created_at', cast: 'timestamptz', of: (row) => instant(row.created_at) },
      { sql: 'n.id', cast: 'uuid', of: (row) => row.id },
    ],
    descending: true,
    limit: filter.limit ?? 100,
    cursor: filter.cursor,
  });
}

/** Definitions of one department (null: every department), by process id, newest version first. */
export async function pageDefinitions(db: Db, department: string | null, filter: Paging & { processId?: string }): Promise<Page<DefinitionRow>> {
  const params = new SqlParams();
  const where: string[] = [];
  if (department !== null) where.push(`d.department = ${params.add(department)}`);
  if (filter.processId !== undefined) where.push(`d.process_id = ${params.add(filter.processId)}`);
  // Ascending process id, then descending version: the version key is negated so the tuple runs one way.
  return keysetPage<DefinitionRow>(db, {
    columns: 'd.*',
    from: 'process_definitions d',
    where,
    params,
    key: [
      { sql: 'd.process_id', cast: 'text', of: (row) => row.process_id },
      { sql: '(-d.version)', cast: 'int', of: (row) => -row.version },
      { sql: 'd.id', cast: 'uuid', of: (row) => row.id },
    ],
    descending: false,
    limit: filter.limit ?? 100,
    cursor: filter.cursor,
  });
}

/** The latest version of every form of one department (null: every department), by form id. */
export async function pageLatestForms(db: Db, department: string | null, filter: Paging): Promise<Page<FormRow>> {
  const params = new SqlParams();
  const latest = `(SELECT DISTINCT ON (department, form_id) * FROM forms WHERE (${params.add(department)}::text IS NULL OR department = $1) ORDER BY department, form_id, version DESC) f`;
  return keysetPage<FormRow>(db, {
    columns: 'f.*',
    from: latest,
    where: [],
    params,
    key: [
      { sql: 'f.department', cast: 'text', of: (row) => row.department },
      { sql: 'f.form_id', cast: 'text', of: (row) => row.form_id },
    ],
    descending: false,
    limit: filter.limit ?? 100,
    cursor: filter.cursor,
  });
}

/** The trail of a case in the order it happened (callers have checked the actor may read it). */
export async function pageHistory(db: Db, instanceId: string, filter: Paging): Promise<Page<HistoryRow>> {
  const params = new SqlParams();
  return keysetPage<HistoryRow>(db, {
    columns: 'h.*',
    from: 'history h',
    where: [`h.instance_id = ${params.add(instanceId)}`],
    params,
    key: [{ sql: 'h.id', cast: 'bigint', of: (row) => Number(row.id) }],
    descending: false,
    limit: filter.limit ?? 500,
    cursor: filter.cursor,
  });
}

/** The instances a case's call activities started that the actor may read (each a case with its own readers), oldest first. */
export async function pageChildren(db: Db, actor: Actor, parentId: string, filter: Paging): Promise<Page<InstanceRow>> {
  const params = new SqlParams();
  return keysetPage<InstanceRow>(db, {
    columns: 'i.*',
    from: 'process_instances i',
    where: [`i.parent_instance_id = ${params.add(parentId)}`, caseReadable(actor, 'i', params)],
    params,
    key: [
      { sql: 'i.started_at', cast: 'timestamptz', of: (row) => instant(row.started_at) },
      { sql: 'i.id', cast: 'uuid', of: (row) => row.id },
    ],
    descending: false,
    limit: filter.limit ?? 100,
    cursor: filter.cursor,
  });
}
