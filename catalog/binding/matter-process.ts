import type { Actor } from '../../engine/index.js';
import { catalogAuthority, editsEveryDepartment } from '../authority.js';
import type { Catalog } from '../catalog.js';
import type { Matter } from '../model.js';
import { CatalogError } from '../validation/catalog-error.js';
import { putBinding, removeBinding, type ProcessBinding } from '../store/process-bindings.js';
import { putInstantApproval, removeInstantApproval, type InstantApproval } from '../store/instant-approvals.js';

/**
 * Which process a matter's cases run (a binding, or 秒批 with its decision) decides which department
 * owns them and sees their applicants' data. So it is the matter's own department's to set (its
 * competent department, as the catalog in force names it), with a process or decision of its own;
 * the central catalog authority (and an administrator) may bind any matter to any department's.
 */
export function mayBind(actor: Actor, matter: Matter, boundDepartment?: string): void {
  if (editsEveryDepartment(actor)) return;
  const authority = catalogAuthority();
  if (matter.competentDept !== actor.department) {
    throw new CatalogError(
      'forbidden',
      `Only department ${matter.competentDept} (or the catalog administrators of ${authority}) may bind this matter`,
      `只有主管部门 ${matter.competentDept}（或政务服务管理机构 ${authority} 的目录管理员）可以为该事项绑定流程`,
    );
  }
  if (boundDepartment !== undefined && boundDepartment !== actor.department) {
    throw new CatalogError(
      'forbidden',
      `You may bind this matter to a process or decision of your own department (${actor.department}) only, not of ${boundDepartment}`,
      `您只能将该事项绑定到本部门（${actor.department}）的流程或决策，不能绑定到部门 ${boundDepartment}`,
    );
  }
}

/** Binds a matter (city-wide, or for one region) to a process deployed in a department (default: the actor's). */
export async function bindMatterProcess(catalog: Catalog, actor: Actor, code: string, input: { processId: string; department?: string; regionCode?: string }): Promise<ProcessBinding> {
  const matter = await catalog.getMatter(code);
  const department = input.department ?? actor.department;
  mayBind(actor, matter.document, department);
  const deployed = await catalog.engine.listDefinitions({ userId: actor.userId, department, roles: [] }, { processId: input.processId });
  if (deployed.length === 0) {
    throw new CatalogError('invalid', `Process '${input.processId}' is not deployed in department ${department}`, `部门 ${department} 未部署流程“${input.processId}”`, [
      { code: 'process-not-deployed', field: '/processId', message: `Deploy '${input.processId}' in ${department} first`, messageZh: `请先在 ${department} 部署流程“${input.processId}”` },
    ]);
  }
  return putBinding(catalog.db, { matterCode: matter.code, regionCode: input.regionCode ?? '', processId: input.processId, department, updatedBy: actor.userId }, catalog.engine.clock.now());
}

/** Removes a matter's binding for the city ('') or one region: its cases start the default template again. */
export async function unbindMatterProcess(catalog: Catalog, actor: Actor, code: string, regionCode: string): Promise<void> {
  const matter = await catalog.getMatter(code);
  mayBind(actor, matter.document);
  if (!(await removeBinding(catalog.db, matter.code, regionCode))) {
    throw new CatalogError(
      'not-found',
      `Matter ${matter.code} has no process binding${regionCode ? ` for region ${regionCode}` : ' for the whole city'}`,
      `事项 ${matter.code} 没有${regionCode ? `区划 ${regionCode} 的` : '全市'}流程绑定`,
    );
  }
}

/** Marks a matter 秒批, bound to a decision deployed in a department (default: the actor's). */
export async function markInstantApproval(catalog: Catalog, actor: Actor, code: string, input: { decisionId: string; department?: string }): Promise<InstantApproval> {
  const matter = await catalog.getMatter(code);
  const department = input.department ?? actor.department;
  mayBind(actor, matter.document, department);
  const decisions = await catalog.engine.listDecisions({ userId: actor.userId, department, roles: [] }, { decisionId: input.decisionId });
  if (decisions.length === 0) {
    throw new CatalogError('invalid', `Decision '${input.decisionId}' is not deployed in department ${department}`, `部门 ${department} 未部署决策“${input.decisionId}”`, [
      { code: 'decision-not-deployed', field: '/decisionId', message: `Deploy the decision '${input.decisionId}' (a .dmn file) in ${department} first`, messageZh: `请先在 ${department} 部署决策“${input.decisionId}”（.dmn 文件）` },
    ]);
  }
  return putInstantApproval(catalog.db, { matterCode: matter.code, department, decisionId: input.decisionId, updatedBy: actor.userId }, catalog.engine.clock.now());
}

/** Unmarks 秒批: later cases start as without it. */
export async function unmarkInstantApproval(catalog: Catalog, actor: Actor, code: string): Promise<void> {
  const matter = await catalog.getMatter(code);
  mayBind(actor, matter.document);
  if (!(await removeInstantApproval(catalog.db, matter.code))) throw new CatalogError('not-found', `Matter ${matter.code} is not marked 秒批`, `事项 ${matter.code} 未标记为秒批`);
}
