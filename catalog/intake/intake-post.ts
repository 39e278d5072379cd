import { isAdmin, type Actor } from '../../engine/index.js';
import { CatalogError } from '../validation/catalog-error.js';

/**
 * 集中受理 is the 12345 centre's intake post (热线受理), beside its 热线派单 and 热线回访: taking in a ticket,
 * seeing the likely duplicates of one and merging them. A web or app channel's account holds it like a clerk.
 * An administrator may stand in.
 */
export const INTAKE_POST = '热线受理';

export function holdsIntakePost(actor: Actor): boolean {
  return isAdmin(actor) || (actor.groups ?? []).includes(INTAKE_POST);
}

/** Refuses (403) whoever does not hold the intake post; nothing is read or written before. */
export function requireIntakePost(actor: Actor): void {
  if (holdsIntakePost(actor)) return;
  throw new CatalogError('forbidden', `Only staff holding the intake post (${INTAKE_POST}) may take in or merge tickets`, `只有持有“${INTAKE_POST}”岗位的工作人员可以受理或合并工单`);
}

/** Whether the actor's intake is that of the department a ticket runs in (its own, or any for an administrator). */
export function takesInFor(actor: Actor, department: string): boolean {
  return isAdmin(actor) || actor.department === department;
}

/**
 * The department a ticket runs in must be the clerk's own: a post of the same name in another department does
 * not take in the hotline's tickets (nor a clerk of the hotline another department's cases).
 */
export function requireOwnIntake(actor: Actor, department: string, departmentName: string | null): void {
  if (takesInFor(actor, department)) return;
  const unit = departmentName ?? department;
  throw new CatalogError('forbidden', `Tickets of this category are taken in by ${unit}, not by your department`, `该类别的工单由“${unit}”集中受理，本部门不能受理`);
}
