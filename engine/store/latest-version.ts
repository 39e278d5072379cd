import type { DefinitionRow } from './rows.js';
import { sql, type SqlFragment } from './sql-fragment.js';

/**
 * The condition a start of "the latest version" writes under (LatestDefinitions.stillLatest): nothing newer than
 * `definition` is deployed in its process and department.
 */
export function noNewerVersion(definition: Pick<DefinitionRow, 'process_id' | 'department' | 'version'>): SqlFragment {
  return sql`NOT EXISTS (SELECT 1 FROM process_definitions WHERE process_id = ${definition.process_id} AND department = ${definition.department} AND version > ${definition.version})`;
}
