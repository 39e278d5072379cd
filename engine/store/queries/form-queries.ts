import type { Db } from '../../db/index.js';
import type { FormRow } from '../../forms/forms.js';

/** The latest version of every form of a department (of every department with null). */
export function latestFormsOf(db: Db, department: string | null): Promise<FormRow[]> {
  return db.query<FormRow>(
    `SELECT DISTINCT ON (department, form_id) * FROM forms WHERE ($1::text IS NULL OR department = $1) ORDER BY department, form_id, version DESC LIMIT 500`,
    [department],
  );
}

/** A form of a department: the given version, or the latest. */
export async function formVersion(db: Db, department: string, formId: string, version: number | null): Promise<FormRow | undefined> {
  const [row] = await db.query<FormRow>(
    `SELECT * FROM forms WHERE department = $1 AND form_id = $2 AND ($3::int IS NULL OR version = $3) ORDER BY version DESC LIMIT 1`,
    [department, formId, version],
  );
  return row;
}
