import type { Actor } from '../actor.js';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import { isAdmin, readsEveryDepartment } from './access.js';
import { StaffDirectory, type DepartmentEntry, type UnitEntry } from './staff-directory.js';
import { StaffStore, type PostEntry, type RegionInput, type StaffUser } from '../store/staff/staff-store.js';

/** Roles a department's own administrator may hand out; the others (admin, supervisor, catalog-admin) need an administrator. */
export const DEPARTMENT_ROLES = ['staff', 'designer', 'integrator', 'department-admin'] as const;
export const ALL_ROLES = ['admin', 'designer', 'staff', 'integrator', 'catalog-admin', 'supervisor', 'department-admin'] as const;

export interface UserInput {
  id: string;
  name: string;
  department: string;
  roles: string[];
  groups: string[];
  regionCode?: string | null;
  disabled?: boolean;
}

/**
 * The staff model (D10) as a service: the directory the interpreter routes tasks with, and the
 * administration of users, posts and their regions. An administrator manages every department;
 * a department's `department-admin` manages its own staff, posts and towns (within their own
 * region when they are scoped to one), and only staff whose every role they could grant.
 */
export class Staff {
  readonly store: StaffStore;

  constructor(
    private readonly db: Db,
    readonly directory: StaffDirectory = new StaffDirectory(),
  ) {
    this.store = new StaffStore(db);
  }

  refresh(): Promise<void> {
    return this.directory.refresh(this.db);
  }

  // ── The directory, fed by the catalog's reference data ───────────────────

  async registerDepartments(entries: readonly DepartmentEntry[]): Promise<void> {
    await this.store.upsertDepartments(entries);
    await this.refresh();
  }

  async registerUnits(entries: readonly UnitEntry[]): Promise<void> {
    await this.store.ensureDepartments(entries.map((entry) => entry.department));
    await this.store.upsertUnits(entries);
    await this.refresh();
  }

  async registerRegions(entries: readonly RegionInput[]): Promise<void> {
    await this.store.upsertRegions(entries);
    await this.refresh();
  }

  /** Departments named by a user or a deployment become known (under their code until the catalog names them). */
  async ensureDepartments(codes: readonly string[]): Promise<void> {
    if (codes.every((code) => this.directory.department(code))) return;
    if (await this.store.ensureDepartments(codes)) await this.refresh();
  }

  departments(): Promise<DepartmentEntry[]> {
    return this.store.departments();
  }

  // ── Users ────────────────────────────────────────────────────────────────

  async listUsers(actor: Actor, filter: UserListFilter & { limit: number; after?: string }): Promise<StaffUser[]> {
    const scope = this.userScope(actor, filter);
    return scope ? this.store.users({ ...filter, ...scope }) : [];
  }

  /** How many users listUsers would give in all, over every page. */
  async countUsers(actor: Actor, filter: UserListFilter): Promise<number> {
    const scope = this.userScope(actor, filter);
    return scope ? this.store.userCount({ ...filter, ...scope }) : 0;
  }

  /** The department and region a user list is confined to (null: the filter asks for a department the actor may not read). */
  private userScope(actor: Actor, filter: UserListFilter): { department: string | null; regionPath: string | null } | null {
    const department = readsEveryDepartment(actor) ? (filter.department ?? null) : actor.department;
    if (filter.department && department !== filter.department) return null;
    // Colleagues of the whole department, whatever the reader's town: a 镇街 officer hands work to (转办, 加签,
    // 委托, 抄送) the city-level staff of their department. Their cases stay scoped by region (access.ts).
    const regionPath = filter.regionCode ? (this.directory.regionPath(filter.regionCode) ?? `/${filter.regionCode}/`) : null;
    return { department, regionPath };
  }

  async getUser(actor: Actor, id: string): Promise<StaffUser> {
    const user = await this.store.user(id);
    if (!user || (!readsEveryDepartment(actor) && user.department !== actor.department)) throw notFound(id);
    return user;
  }

  /** Creates or changes a user, within what the actor may manage. */
  async saveUser(actor: Actor, input: UserInput, mode: 'create' | 'update'): Promise<StaffUser> {
    const existing = await this.store.user(input.id);
    if (mode === 'create' && existing) throw new EngineError('conflict', `User ${input.id} already exists`, `用户“${input.id}”已存在`);
    if (mode === 'update' && !existing) throw notFound(input.id);
    if (existing) this.mustManage(actor, existing);
    // The roles asked for are checked with the other fields (userProblems: 422 role-not-grantable, at /roles).
    this.mustManageDepartment(actor, input.department, input.regionCode ?? null);
    const problems = await this.userProblems(actor, input, existing);
    if (problems.length > 0) throw new EngineError('invalid', 'The user cannot be saved', '无法保存该用户', problems);
    await this.ensureDepartments([input.department]);
    return this.store.upsertUser({ ...input, regionCode: input.regionCode ?? null, disabled: input.disabled ?? existing?.disabled ?? false }, actor.userId);
  }

  private async userProblems(actor: Actor, input: UserInput, existing: StaffUser | undefined) {
    const problems: Array<{ field: string; code: string; message: string; messageZh: string }> = [];
    if (!isAdmin(actor)) {
      // Keeping a role the user already holds is granting it again: mustManage has refused such users outright.
      for (const role of input.roles) {
        if (!mayGrant(actor, role)) {
          problems.push({ field: '/roles', code: 'role-not-grantable', message: `Only an administrator may grant the role '${role}'`, messageZh: `只有系统管理员可以授予角色“${role}”` });
        }
      }
    }
    if (input.regionCode && !this.directory.region(input.regionCode)) {
      problems.push({ field: '/regionCode', code: 'unknown-region', message: `Unknown region '${input.regionCode}'`, messageZh: `区划“${input.regionCode}”不存在` });
    }
    const unknown = await this.store.unknownPosts(input.department, input.groups);
    for (const post of unknown) {
      problems.push({ field: '/groups', code: 'unknown-post', message: `Department ${input.department} has no post '${post}': create it first`, messageZh: `部门 ${input.department} 没有岗位“${post}”：请先创建该岗位` });
    }
    if (input.id === actor.userId && existing && (input.disabled || (existing.roles.includes('admin') && !input.roles.includes('admin')))) {
      problems.push({ field: '/roles', code: 'self-lockout', message: 'You cannot disable yourself or drop your own administrator role', messageZh: '不能停用自己，也不能取消自己的系统管理员角色' });
    }
    return problems;
  }

  /** A user the actor may manage (to issue them a token, say); 404 when it does not exist, 403 when not theirs. */
  async userToManage(actor: Actor, id: string): Promise<StaffUser> {
    const user = await this.store.user(id);
    if (!user) throw notFound(id);
    this.mustManage(actor, user);
    return user;
  }

  async setDisabled(actor: Actor, id: string, disabled: boolean): Promise<StaffUser> {
    const user = await this.store.user(id);
    if (!user) throw notFound(id);
    return this.saveUser(actor, { ...user, disabled }, 'update');
  }

  // ── Posts ────────────────────────────────────────────────────────────────

  async listPosts(actor: Actor, department?: string): Promise<PostEntry[]> {
    const own = readsEveryDepartment(actor) ? (department ?? null) : actor.department;
    if (department && own !== department) return [];
    return this.store.posts(own);
  }

  async savePost(actor: Actor, post: PostEntry): Promise<PostEntry> {
    this.mustManageDepartment(actor, post.department, null);
    await this.ensureDepartments([post.department]);
    return this.store.upsertPost(post);
  }

  async deletePost(actor: Actor, department: string, code: string): Promise<void> {
    this.mustManageDepartment(actor, department, null);
    const { deleted, holders } = await this.store.deletePost(department, code);
    if (holders.length > 0) {
      throw new EngineError('conflict', `Post '${code}' is still held by: ${holders.join(', ')}`, `岗位“${code}”仍有人员担任：${holders.join('、')}`);
    }
    if (!deleted) throw new EngineError('not-found', `Department ${department} has no post '${code}'`, `部门 ${department} 没有岗位“${code}”`);
  }

  /**
   * Whether the actor may change, disable or issue tokens for this user as they are now (the roles a
   * change asks for are checked in userProblems). Administrators manage everyone. A department administrator manages
   * users of their department and region whose every role they could grant themselves: holding a role
   * (admin, supervisor, catalog-admin) puts its holder out of reach of whoever could not hand it out, or
   * a department administrator would take over a supervisor's or the system administrator's account.
   */
  private mustManage(actor: Actor, user: { id: string; department: string; regionCode: string | null; roles: readonly string[] }): void {
    this.mustManageDepartment(actor, user.department, user.regionCode);
    const beyond = user.roles.find((role) => !mayGrant(actor, role));
    if (beyond) {
      throw new EngineError(
        'forbidden',
        `User ${user.id} holds the role '${beyond}', which only an administrator may grant: only an administrator may manage them`,
        `用户“${user.id}”拥有角色“${beyond}”，该角色只有系统管理员可以授予，因此只有系统管理员可以管理该用户`,
      );
    }
  }

  /** Administrators manage every department; a department administrator their own, within their region. */
  private mustManageDepartment(actor: Actor, department: string, regionCode: string | null): void {
    if (isAdmin(actor)) return;
    if (!actor.roles.includes('department-admin') || actor.department !== department) {
      throw new EngineError('forbidden', `You may manage the staff of your own department only (${actor.department})`, `您只能管理本部门（${actor.department}）的人员和岗位`);
    }
    if (actor.regionPath && actor.regionPath !== '/') {
      const path = regionCode ? this.directory.regionPath(regionCode) : undefined;
      if (!path || !path.startsWith(actor.regionPath)) {
        throw new EngineError('forbidden', 'You may manage staff of your own region only', '您只能管理本辖区的人员');
      }
    }
  }
}

/** Administrators grant every role; anyone else (a department administrator) the department's roles only. */
function mayGrant(actor: Actor, role: string): boolean {
  return isAdmin(actor) || (DEPARTMENT_ROLES as readonly string[]).includes(role);
}

/**
 * The roles this actor may grant, so a screen offers only what the server would accept: every role for an
 * administrator, the department's roles for a department administrator, none for anyone else.
 */
export function grantableRoles(actor: Actor): string[] {
  if (isAdmin(actor)) return [...ALL_ROLES];
  return actor.roles.includes('department-admin') ? [...DEPARTMENT_ROLES] : [];
}

function notFound(id: string): EngineError {
  return new EngineError('not-found', `No user ${id}`, `用户“${id}”不存在`);
}

interface UserListFilter {
  department?: string;
  post?: string;
  regionCode?: string;
  search?: string;
  includeDisabled?: boolean;
}
