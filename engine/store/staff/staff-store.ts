import type { Db } from '../../db/index.js';
import { childPath, type DepartmentEntry, type UnitEntry } from '../../staff/staff-directory.js';

/** A member of staff as stored (D10): one department, an optional region scope, posts and roles. */
export interface StaffUser {
  id: string;
  name: string;
  department: string;
  roles: string[];
  /** Posts (岗位): matched against tasks' candidate groups. */
  groups: string[];
  regionCode: string | null;
  disabled: boolean;
}

/** A user as authentication needs them: with the path of their region for the access rules. */
export interface AuthenticatedUser extends StaffUser {
  regionPath: string | null;
}

export interface RegionInput {
  code: string;
  name: string;
  parentCode?: string | null;
  level?: string | null;
}

export interface PostEntry {
  department: string;
  code: string;
  name: string;
  description: string | null;
}

interface UserRow {
  id: string;
  name: string;
  department: string;
  roles: string[];
  groups: string[];
  region_code: string | null;
  disabled_at: Date | null;
  region_path?: string | null;
}

const USER_COLUMNS = 'u.id, u.name, u.department, u.roles, u.groups, u.region_code, u.disabled_at';

function toUser(row: UserRow): StaffUser {
  return { id: row.id, name: row.name, department: row.department, roles: row.roles, groups: row.groups, regionCode: row.region_code, disabled: row.disabled_at !== null };
}

const BUMP_REVISION = 'UPDATE staff_directory_revision SET revision = revision + 1 WHERE id = 1';

/** The staff model's SQL: departments, units, regions, posts and users. */
export class StaffStore {
  constructor(private readonly db: Db) {}

  // ── Directory ────────────────────────────────────────────────────────────

  async upsertDepartments(entries: readonly DepartmentEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO departments (code, name) SELECT e->>'code', e->>'name' FROM jsonb_array_elements($1::jsonb) e
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
        [JSON.stringify(entries)],
      );
      await tx.query(BUMP_REVISION);
    });
  }

  /** Adds a department under its code when nobody registered it yet (a user or a deployment names it). */
  async ensureDepartments(codes: readonly string[]): Promise<boolean> {
    if (codes.length === 0) return false;
    const added = await this.db.query<{ code: string }>(
      `INSERT INTO departments (code, name) SELECT code, code FROM unnest($1::text[]) AS code ON CONFLICT (code) DO NOTHING RETURNING code`,
      [[...new Set(codes)]],
    );
    if (added.length > 0) await this.db.query(BUMP_REVISION);
    return added.length > 0;
  }

  async upsertUnits(entries: readonly UnitEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO org_units (code, name, department, region_code)
         SELECT e->>'code', e->>'name', e->>'department', e->>'regionCode' FROM jsonb_array_elements($1::jsonb) e
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, department = EXCLUDED.department, region_code = EXCLUDED.region_code`,
        [JSON.stringify(entries)],
      );
      await tx.query(BUMP_REVISION);
    });
  }

  /**
   * Adds or changes regions and recomputes every region's path (a region tree is small: a city's
   * towns and villages), so a region moved under another parent carries its subtree along.
   */
  async upsertRegions(entries: readonly RegionInput[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction(async (tx) => {
      const existing = await tx.query<{ code: string; name: string; parent_code: string | null; level: string | null }>('SELECT code, name, parent_code, level FROM regions');
      const byCode = new Map<string, RegionInput>(existing.map((row) => [row.code, { code: row.code, name: row.name, parentCode: row.parent_code, level: row.level }]));
      for (const entry of entries) byCode.set(entry.code, entry);
      const paths = new Map<string, string>();
      const pathOf = (code: string, seen: Set<string>): string => {
        const known = paths.get(code);
        if (known) return known;
        const region = byCode.get(code)!;
        const parent = region.parentCode && byCode.has(region.parentCode) && !seen.has(region.parentCode) ? region.parentCode : undefined;
        const path = childPath(parent ? pathOf(parent, new Set([...seen, code])) : undefined, code);
        paths.set(code, path);
        return path;
      };
      const rows = [...byCode.values()].map((region) => ({ ...region, path: pathOf(region.code, new Set([region.code])) }));
      await tx.query(
        `INSERT INTO regions (code, name, parent_code, level, path)
         SELECT e->>'code', e->>'name', e->>'parentCode', e->>'level', e->>'path' FROM jsonb_array_elements($1::jsonb) e
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code, level = EXCLUDED.level, path = EXCLUDED.path`,
        [JSON.stringify(rows)],
      );
      await tx.query(BUMP_REVISION);
    });
  }

  async departments(): Promise<DepartmentEntry[]> {
    return this.db.query<DepartmentEntry>('SELECT code, name FROM departments ORDER BY code');
  }

  async regionPath(code: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ path: string }>('SELECT path FROM regions WHERE code = $1', [code]);
    return row?.path;
  }

  // ── Posts ────────────────────────────────────────────────────────────────

  async posts(department: string | null): Promise<PostEntry[]> {
    return this.db.query<PostEntry>('SELECT department, code, name, description FROM posts WHERE ($1::text IS NULL OR department = $1) ORDER BY department, code', [department]);
  }

  async upsertPost(post: PostEntry): Promise<PostEntry> {
    const [row] = await this.db.query<PostEntry>(
      `INSERT INTO posts (department, code, name, description) VALUES ($1, $2, $3, $4)
       ON CONFLICT (department, code) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description
       RETURNING department, code, name, description`,
      [post.department, post.code, post.name, post.description],
    );
    await this.db.query(BUMP_REVISION);
    return row;
  }

  /** Removes a post nobody holds; returns the ids of users who still hold it (then nothing is removed). */
  async deletePost(department: string, code: string): Promise<{ deleted: boolean; holders: string[] }> {
    return this.db.transaction(async (tx) => {
      const holders = await tx.query<{ id: string }>('SELECT id FROM users WHERE department = $1 AND $2 = ANY (groups) AND disabled_at IS NULL ORDER BY id LIMIT 20', [department, code]);
      if (holders.length > 0) return { deleted: false, holders: holders.map((row) => row.id) };
      const deleted = await tx.query('DELETE FROM posts WHERE department = $1 AND code = $2 RETURNING code', [department, code]);
      return { deleted: deleted.length > 0, holders: [] };
    });
  }

  async unknownPosts(department: string, codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const known = await this.db.query<{ code: string }>('SELECT code FROM posts WHERE department = $1 AND code = ANY ($2::text[])', [department, [...codes]]);
    const found = new Set(known.map((row) => row.code));
    return codes.filter((code) => !found.has(code));
  }

  /** Posts users hold that their department has not declared yet (users created before posts were managed). */
  async declareHeldPosts(department: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO posts (department, code, name) SELECT DISTINCT u.department, g, g FROM users u, unnest(u.groups) g
       WHERE ($1::text IS NULL OR u.department = $1) ON CONFLICT DO NOTHING`,
      [department],
    );
  }

  // ── Users ────────────────────────────────────────────────────────────────

  async upsertUser(user: Omit<StaffUser, 'disabled'> & { disabled?: boolean }, by: string): Promise<StaffUser> {
    const [row] = await this.db.query<UserRow>(
      `INSERT INTO users AS u (id, name, department, roles, groups, region_code, disabled_at, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7 THEN now() END, now(), $8)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, department = EXCLUDED.department, roles = EXCLUDED.roles, groups = EXCLUDED.groups,
         region_code = EXCLUDED.region_code, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by,
         disabled_at = CASE WHEN $7 THEN COALESCE(u.disabled_at, now()) END
       RETURNING ${USER_COLUMNS}`,
      [user.id, user.name, user.department, user.roles, user.groups, user.regionCode ?? null, user.disabled ?? false, by],
    );
    return toUser(row);
  }

  async user(id: string): Promise<StaffUser | undefined> {
    const [row] = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
    return row ? toUser(row) : undefined;
  }

  /** An enabled user with their region's path, for authentication. */
  async activeUser(id: string): Promise<AuthenticatedUser | undefined> {
    const [row] = await this.db.query<UserRow>(`SELECT ${USER_COLUMNS}, r.path AS region_path FROM users u LEFT JOIN regions r ON r.code = u.region_code WHERE u.id = $1 AND u.disabled_at IS NULL`, [id]);
    return row ? { ...toUser(row), regionPath: row.region_code ? (row.region_path ?? `/${row.region_code}/`) : null } : undefined;
  }

  async users(filter: UserFilter & { limit: number; after?: string }): Promise<StaffUser[]> {
    const rows = await this.db.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM users u LEFT JOIN regions r ON r.code = u.region_code
       WHERE ${USER_FILTER} AND ($7::text IS NULL OR u.id > $7)
       ORDER BY u.id LIMIT $6`,
      [...userFilterValues(filter), filter.limit, filter.after ?? null],
    );
    return rows.map(toUser);
  }

  /** How many users match the filter in all (the total beside a page of users). */
  async userCount(filter: UserFilter): Promise<number> {
    const [{ total }] = await this.db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM users u LEFT JOIN regions r ON r.code = u.region_code WHERE ${USER_FILTER}`,
      userFilterValues(filter),
    );
    return total;
  }

  /** Whether any user (enabled or not) holds the admin role: a server database without one gets a first. */
  async hasAdministrator(): Promise<boolean> {
    const [{ found }] = await this.db.query<{ found: boolean }>("SELECT EXISTS (SELECT 1 FROM users WHERE 'admin' = ANY (roles)) AS found");
    return found;
  }

  /** Display names of users by id (for trails and lists). */
  async userNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY ($1::text[])', [[...new Set(ids)]]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}

type UserFilter = { department?: string | null; post?: string; regionPath?: string | null; search?: string; includeDisabled?: boolean };

/** The user list's conditions, on $1..$5 (userFilterValues). */
const USER_FILTER = `($1::text IS NULL OR u.department = $1) AND ($2::text IS NULL OR $2 = ANY (u.groups))
         AND ($3::text IS NULL OR COALESCE(r.path, '/' || u.region_code || '/') LIKE $3 || '%')
         AND ($4::text IS NULL OR u.id ILIKE '%' || $4 || '%' OR u.name ILIKE '%' || $4 || '%')
         AND ($5 OR u.disabled_at IS NULL)`;

function userFilterValues(filter: UserFilter): unknown[] {
  return [filter.department ?? null, filter.post ?? null, filter.regionPath ?? null, filter.search ?? null, filter.includeDisabled ?? false];
}
