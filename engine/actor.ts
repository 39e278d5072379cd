/** Who issues a command: every query and command is limited to what their department may see. */
export interface Actor {
  userId: string;
  department: string;
  roles: readonly string[];
  groups?: readonly string[];
}

/** Administrators see every department (supervision); everyone else sees their own. */
export function seesAllDepartments(actor: Actor): boolean {
  return actor.roles.includes('admin');
}
