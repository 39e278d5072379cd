import type { Actor } from '../../engine/index.js';
import { catalogAuthority, editsEveryDepartment } from '../authority.js';
import type { ReferenceData } from '../catalog.js';
import { CatalogError, type CatalogIssue } from './catalog-error.js';

/**
 * Who may change reference data, which every department shares: organisations route tasks and
 * 12345 tickets to units, regions scope users and cases, classifications file every matter.
 * The central catalog authority (and an administrator) changes all of it. A department's catalog
 * administrator changes only its own organisations (its branches and their towns), and only so that
 * each stays its own: the department an organisation belongs to before and after the change (and
 * that of every organisation below it whose department the change would move) must be theirs.
 * Regions and classifications are the authority's alone.
 *
 * `before` and `after` are every organisation's department (reference-store's organisationDepartments)
 * over the stored organisations and over them with the changes applied.
 */
export function referenceRightsError(
  actor: Actor,
  changes: ReferenceData,
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): CatalogError | undefined {
  if (editsEveryDepartment(actor)) return undefined;
  const authority = catalogAuthority();
  if (changes.regions.length > 0 || changes.classifications.length > 0) {
    return new CatalogError(
      'forbidden',
      `Regions and classifications are shared by every department: only the catalog administrators of ${authority} change them`,
      `区划和分类由各部门共用，只有政务服务管理机构（${authority}）的目录管理员可以修改`,
    );
  }
  const rows = new Map(changes.organisations.map((org, index) => [org.code, index + 1]));
  const moved = [...after.keys()].filter((code) => !rows.has(code) && before.get(code) !== after.get(code));
  const issues: CatalogIssue[] = [];
  for (const code of [...rows.keys(), ...moved]) {
    const was = before.get(code);
    const will = after.get(code);
    const row = rows.get(code);
    if (was !== undefined && was !== actor.department) {
      issues.push({
        ...(row ? { row } : {}),
        key: code,
        code: 'not-your-department',
        message: `Organisation '${code}' belongs to department ${was}: only its catalog administrators or those of ${authority} may change it`,
        messageZh: `组织机构“${code}”属于部门 ${was}：只有该部门或政务服务管理机构（${authority}）的目录管理员可以修改`,
      });
    } else if (will !== actor.department) {
      issues.push({
        ...(row ? { row } : {}),
        key: code,
        code: 'not-your-department',
        message: `Organisation '${code}' would belong to department ${will}: you may change organisations of your own department (${actor.department}) only within it`,
        messageZh: `修改后组织机构“${code}”将属于部门 ${will}：您只能在本部门（${actor.department}）范围内修改本部门的组织机构`,
      });
    }
  }
  if (issues.length === 0) return undefined;
  const more = issues.length > 1 ? ` (${issues.length} organisations refused)` : '';
  const moreZh = issues.length > 1 ? `（共 ${issues.length} 个组织机构）` : '';
  return new CatalogError('forbidden', `${issues[0].message}${more}`, `${issues[0].messageZh}${moreZh}`, issues);
}
