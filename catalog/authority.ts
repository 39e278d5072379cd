import type { Actor } from '../engine/index.js';

/**
 * The catalog's central authority (政务服务管理机构, 政数局 in the sample city): its catalog
 * administrators edit every department's matters, read every draft and publish adjustment
 * batches. A department's own designers and catalog administrators prepare drafts of their own
 * department's matters only; other departments cannot read those drafts.
 */
export function catalogAuthority(): string {
  return process.env.MATTERFLOW_CATALOG_AUTHORITY?.trim() || 'ZSJ';
}

/** The central catalog administrators (and system administrators): every department's matters, drafts and publishing. */
export function editsEveryDepartment(actor: Actor): boolean {
  return actor.roles.includes('admin') || (actor.roles.includes('catalog-admin') && actor.department === catalogAuthority());
}
