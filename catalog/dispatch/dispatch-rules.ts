import { isUniqueViolation, type Actor } from '../../engine/index.js';
import type { Catalog } from '../catalog.js';
import { catalogAuthority, editsEveryDepartment } from '../authority.js';
import { regionChain } from '../binding/start-case.js';
import { CatalogError, invalid, notFound } from '../validation/catalog-error.js';
import { matterExists } from '../store/version-store.js';
import { insertOverride, latestOverrides, overrideHistory, type DispatchOverride } from '../store/dispatch-store.js';

/** A unit a ticket may be dispatched to, and the rule that names it. */
export interface DispatchCandidate {
  unit: string;
  source: 'catalog' | 'override';
  /** The region whose rule it is (the ticket's own, or the nearest one above it). */
  ruleRegion: string;
  /** The override's version, or the implementation entry's version. */
  ruleVersion: number;
  implCode: string | null;
}

/**
 * 分拨规则: category (matter) × region → the handling units, nearest region first. By default each
 * region's implementation entry names its handling unit; an override (versioned, with who and why)
 * replaces that region's units. The list is the order of dispatch: after a 退单 the next unit is tried.
 */
export class DispatchRules {
  constructor(private readonly catalog: Catalog) {}

  async candidates(matterCode: string, regionCode: string): Promise<DispatchCandidate[]> {
    await this.knownMatter(matterCode);
    const chain = await regionChain(this.catalog, regionCode, 'not-found');
    const overrides = new Map((await latestOverrides(this.catalog.db, matterCode, chain)).map((row) => [row.regionCode, row]));
    const { items } = await this.catalog.implementations({ matterCode, regionCodes: chain, limit: 1000 });
    const found: DispatchCandidate[] = [];
    for (const region of chain) {
      const override = overrides.get(region);
      if (override && override.units.length > 0) {
        for (const unit of override.units) found.push({ unit, source: 'override', ruleRegion: region, ruleVersion: override.version, implCode: null });
        continue;
      }
      for (const impl of items.filter((entry) => entry.document.regionCode === region && entry.status !== 'abolished' && entry.status !== 'suspended')) {
        const unit = impl.document.handlingUnit ?? impl.document.implementingUnit;
        found.push({ unit, source: 'catalog', ruleRegion: region, ruleVersion: impl.version, implCode: impl.code });
      }
    }
    const seen = new Set<string>();
    return found.filter((candidate) => !seen.has(candidate.unit) && seen.add(candidate.unit));
  }

  async history(matterCode: string, regionCode: string): Promise<DispatchOverride[]> {
    await this.knownMatter(matterCode);
    await regionChain(this.catalog, regionCode, 'not-found');
    return overrideHistory(this.catalog.db, matterCode, regionCode);
  }

  /** A rule is asked of a matter that was ever published: any other code is a 404, not an empty rule. */
  private async knownMatter(matterCode: string): Promise<void> {
    if (!(await matterExists(this.catalog.db, matterCode))) throw notFound('matter', '事项', matterCode);
  }

  /**
   * A new version of the override for one matter and region; no units withdraws it (the catalog's rule again).
   * An override sends the city's tickets to any department's units, over the implementation entries only
   * the central authority publishes: it is that authority's (its catalog administrators, or an admin).
   */
  async setOverride(actor: Actor, input: { matterCode: string; regionCode: string; units: string[]; reason: string }): Promise<DispatchOverride> {
    if (!editsEveryDepartment(actor)) {
      const authority = catalogAuthority();
      throw new CatalogError('forbidden', `Only the catalog administrators of ${authority} change dispatch rules`, `只有政务服务管理机构（${authority}）的目录管理员可以修改分拨规则`);
    }
    await this.catalog.getMatter(input.matterCode);
    await regionChain(this.catalog, input.regionCode);
    const directory = this.catalog.engine.staff.directory;
    const unknown = input.units.map((unit, index) => ({ unit, index })).filter(({ unit }) => !directory.route(unit));
    if (unknown.length > 0) {
      throw invalid(
        unknown.map(({ unit, index }) => ({ code: 'unknown-unit', field: `/units/${index}`, message: `'${unit}' is no known department or unit`, messageZh: `“${unit}”不是已知的部门或单位` })),
        'The dispatch rule names unknown units',
        '分拨规则含未知单位',
      );
    }
    if (new Set(input.units).size !== input.units.length) throw new CatalogError('invalid', 'A unit is named twice', '同一单位重复出现');
    try {
      return await insertOverride(this.catalog.db, { ...input, changedBy: actor.userId, changedAt: this.catalog.engine.clock.now() });
    } catch (error) {
      // Two editors wrote the same version at once: the second is told to look again.
      if (isUniqueViolation(error)) throw new CatalogError('conflict', 'The rule was changed at the same moment by someone else: reload it and try again', '该分拨规则刚被他人修改，请刷新后重试');
      throw error;
    }
  }
}
