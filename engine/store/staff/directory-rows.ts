import type { Db } from '../../db/index.js';

/**
 * The staff directory as the in-memory StaffDirectory loads it: the revision row that says whether anything
 * changed, then the departments, units and regions it holds whole.
 */

export interface DepartmentRow {
  code: string;
  name: string;
}

export interface OrgUnitRow {
  code: string;
  name: string;
  department: string;
  region_code: string | null;
}

export interface RegionRow {
  code: string;
  name: string;
  parent_code: string | null;
  level: string | null;
  path: string;
}

/** The directory's revision, which the staff store's directory writes bump: unchanged, nothing else needs reading. */
export async function directoryRevision(db: Db): Promise<number> {
  const [{ revision }] = await db.query<{ revision: string | number }>('SELECT revision FROM staff_directory_revision WHERE id = 1');
  return Number(revision);
}

/** Every department (unordered: the directory keys them by code). */
export function allDepartments(db: Db): Promise<DepartmentRow[]> {
  return db.query<DepartmentRow>('SELECT code, name FROM departments');
}

/** Every org unit, with the department and region it routes to. */
export function allOrgUnits(db: Db): Promise<OrgUnitRow[]> {
  return db.query<OrgUnitRow>('SELECT code, name, department, region_code FROM org_units');
}

/** Every region with its stored path. */
export function allRegions(db: Db): Promise<RegionRow[]> {
  return db.query<RegionRow>('SELECT code, name, parent_code, level, path FROM regions');
}
