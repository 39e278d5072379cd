import type { Db } from '../db/index.js';
import type { Routing, RoutingDirectory } from '../runtime/services.js';
import { allDepartments, allOrgUnits, allRegions, directoryRevision } from '../store/staff/directory-rows.js';

export interface DepartmentEntry {
  code: string;
  name: string;
}

export interface UnitEntry {
  code: string;
  name: string;
  department: string;
  regionCode: string | null;
}

export interface RegionEntry {
  code: string;
  name: string;
  parentCode: string | null;
  level: string | null;
  path: string;
}

/**
 * The departments, units and region tree in memory, for the pure interpreter: it routes a task
 * synchronously, as it computes timers with the LiveCalendar. `refresh` reloads only when the
 * stored directory changed (one revision row), so the server's periodic refresh costs one read.
 */
export class StaffDirectory implements RoutingDirectory {
  private departments = new Map<string, DepartmentEntry>();
  private units = new Map<string, UnitEntry>();
  private regions = new Map<string, RegionEntry>();
  private revision = -1;

  async refresh(db: Db): Promise<void> {
    const revision = await directoryRevision(db);
    if (revision === this.revision) return;
    const [departments, units, regions] = [await allDepartments(db), await allOrgUnits(db), await allRegions(db)];
    this.departments = new Map(departments.map((row) => [row.code, row]));
    this.units = new Map(units.map((row) => [row.code, { code: row.code, name: row.name, department: row.department, regionCode: row.region_code }]));
    this.regions = new Map(regions.map((row) => [row.code, { code: row.code, name: row.name, parentCode: row.parent_code, level: row.level, path: row.path }]));
    this.revision = revision;
  }

  /** A department code routes to that department (in the case's region); a unit code to its department and region. */
  route(code: string): Routing | undefined {
    if (this.departments.has(code)) return { department: code };
    const unit = this.units.get(code);
    if (!unit || !this.departments.has(unit.department)) return undefined;
    return { department: unit.department, unit: unit.code, ...(unit.regionCode ? { regionCode: unit.regionCode } : {}) };
  }

  regionPath(code: string): string | undefined {
    return this.regions.get(code)?.path;
  }

  department(code: string): DepartmentEntry | undefined {
    return this.departments.get(code);
  }

  unit(code: string): UnitEntry | undefined {
    return this.units.get(code);
  }

  region(code: string): RegionEntry | undefined {
    return this.regions.get(code);
  }

  /** A name for a department, unit or region code, for people to read; the code itself when unknown. */
  nameOf(code: string | null | undefined): string | undefined {
    if (!code) return undefined;
    return this.departments.get(code)?.name ?? this.units.get(code)?.name ?? this.regions.get(code)?.name;
  }
}

/** The path of a region under its parent's ('/' for none), as stored in regions.path. */
export function childPath(parentPath: string | undefined, code: string): string {
  return `${parentPath ?? '/'}${code}/`;
}
