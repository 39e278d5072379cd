/**
 * Who issues a command. What they may read and do is decided in one place, engine/staff/access.ts (D10).
 */
export interface Actor {
  userId: string;
  department: string;
  roles: readonly string[];
  /** Posts (岗位) the user holds: matched against a task's candidate groups. */
  groups?: readonly string[];
  /** The region the user is scoped to (镇街, 村居), as its path '/441900/441900003/'; absent = city level. */
  regionPath?: string;
}

/**
 * Administrators act on every department's rows (jobs, webhooks, operations). Reading is wider:
 * supervisors read every department too (engine/staff/access.ts readsEveryDepartment).
 */
export function seesAllDepartments(actor: Actor): boolean {
  return actor.roles.includes('admin');
}
