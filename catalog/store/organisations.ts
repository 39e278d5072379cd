import type { Db } from '../../engine/index.js';
import type { Organisation } from '../model.js';

/** Organisations of a kind and/or under a parent (either filter may be absent), by code, each with its department. */
export async function organisationsWhere(db: Db, filter: { kind?: string; parentCode?: string }): Promise<Array<{ document: Organisation; department: string }>> {
  return db.query<{ document: Organisation; department: string }>(
    `SELECT document, department FROM catalog_organisations WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR parent_code = $2) ORDER BY code`,
    [filter.kind ?? null, filter.parentCode ?? null],
  );
}

/** The department whose staff work an organisation's tasks (see reference-store.ts), if the organisation is known. */
export async function organisationDepartment(db: Db, code: string): Promise<string | undefined> {
  const [unit] = await db.query<{ department: string }>('SELECT department FROM catalog_organisations WHERE code = $1', [code]);
  return unit?.department;
}

/** An organisation's name, if it is known (a generated process names its unit with it). */
export async function organisationName(db: Db, code: string): Promise<string | undefined> {
  const [organisation] = await db.query<{ name: string }>('SELECT name FROM catalog_organisations WHERE code = $1', [code]);
  return organisation?.name;
}

/** Every organisation's code and name. */
export async function allOrganisationNames(db: Db): Promise<Array<{ code: string; name: string }>> {
  return db.query<{ code: string; name: string }>('SELECT code, name FROM catalog_organisations');
}

/** Every organisation's code, name and short name (简称): the names an imported file may use for a unit. */
export async function organisationNamings(db: Db): Promise<Array<{ code: string; name: string; short_name: string | null }>> {
  return db.query<{ code: string; name: string; short_name: string | null }>("SELECT code, name, document->>'shortName' AS short_name FROM catalog_organisations");
}
