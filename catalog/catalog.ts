import type { Actor, Db, Engine, Page } from '../engine/index.js';
import { chinaDate, isIsoDate } from './dates.js';
import { diffSnapshots, type CatalogDiff } from './diff.js';
import { CATALOG_ENTITIES, type Batch, type BatchItem, type Bundle, type CatalogEntity, type CategoryNode, type Matter, type MatterImpl, type Organisation, type Region } from './model.js';
import { CatalogSearch } from './search/catalog-search.js';
import type { MatterSummary, SearchQuery } from './search/search-index.js';
import * as batches from './store/batch-store.js';
import { loadReferences, organisationDepartments, staffDirectoryData, upsertClassificationNodes, upsertOrganisations, upsertRegions } from './store/reference-store.js';
import * as versions from './store/version-store.js';
import type { CatalogPoint, Versioned } from './store/version-store.js';
import { CatalogError, invalid, notFound, type CatalogIssue } from './validation/catalog-error.js';
import { classificationIssues, duplicateIssues, regionIssues } from './validation/references.js';
import { schemaIssues } from './validation/schema-validator.js';
import { CategoryNodeSchema, OrganisationSchema, RegionSchema } from './schemas/index.js';
import { catalogAuthority, editsEveryDepartment } from './authority.js';
import { bundleCases, matterCases, type CaseRecord } from './store/case-records.js';
import { validateItems, type ItemContext } from './validation/validate-items.js';
import { referenceRightsError } from './validation/reference-rights.js';
import { organisationNames } from './store/organisation-names.js';
import { cityBinding, type ProcessBinding } from './store/process-bindings.js';
import { schemeNodes } from './store/classification-nodes.js';
import { bundleOwners, matterOwners } from './store/latest-owners.js';
import { organisationsWhere } from './store/organisations.js';
import { lockPublishing } from './store/publish-lock.js';
import { regionAndBelowOf, regionsWhere } from './store/regions.js';

export interface ReferenceData {
  organisations: Organisation[];
  regions: Region[];
  classifications: CategoryNode[];
}

export interface ClassificationTreeNode extends CategoryNode {
  count: number;
}

/**
 * The matter catalog's public face: reference data, batches and their publication, as-of
 * reads, diffs and search. Depends on the engine's public API only (its Db and clock).
 */
/** What changed, per kind of catalog entry. */
export interface CatalogDiffs {
  matters: CatalogDiff;
  implementations: CatalogDiff;
  bundles: CatalogDiff;
}

export class Catalog {
  readonly search: CatalogSearch;

  constructor(
    readonly db: Db,
    readonly engine: Engine,
  ) {
    this.search = new CatalogSearch(db);
  }

  today(): string {
    return chinaDate(this.engine.clock.now());
  }

  dateOrToday(asOf: string | undefined): string {
    if (asOf === undefined || asOf === '') return this.today();
    if (!isIsoDate(asOf)) throw new CatalogError('invalid', `asOf must be a date YYYY-MM-DD, not '${asOf}'`, `asOf 应为日期（YYYY-MM-DD），而非“${asOf}”`);
    return asOf;
  }

  // ── Reference data ─────────────────────────────────────────────────────────

  /** Validates and writes organisations, regions and classification nodes; all or nothing. */
  async writeReferenceData(data: ReferenceData): Promise<void> {
    const issues: CatalogIssue[] = [
      ...data.organisations.flatMap((org, index) => schemaIssues(OrganisationSchema, org, org.code).map((issue) => ({ row: index + 1, ...issue }))),
      ...duplicateIssues(data.organisations, (org) => org.code, 'Organisation', '组织机构'),
      ...data.regions.flatMap((region, index) => schemaIssues(RegionSchema, region, region.code).map((issue) => ({ row: index + 1, ...issue }))),
      ...regionIssues(data.regions),
      ...data.classifications.flatMap((node, index) => schemaIssues(CategoryNodeSchema, node, node.code).map((issue) => ({ row: index + 1, ...issue }))),
      ...classificationIssues(data.classifications),
    ];
    if (issues.length > 0) throw invalid(issues, 'The reference data is invalid', '基础数据（组织、区划、分类）不合法');
    await this.db.transaction(async (tx) => {
      await upsertOrganisations(tx, data.organisations);
      await upsertRegions(tx, data.regions);
      await upsertClassificationNodes(tx, data.classifications);
    });
    this.search.invalidate();
    await this.syncStaffDirectory();
  }

  /**
   * Hands the organisations and regions to the engine's staff directory (D10): its departments,
   * the units that route tasks to them, and the region tree that scopes users and cases.
   */
  async syncStaffDirectory(): Promise<void> {
    const data = await staffDirectoryData(this.db);
    await this.engine.staff.registerDepartments(data.departments);
    await this.engine.staff.registerRegions(data.regions);
    await this.engine.staff.registerUnits(data.units);
  }

  /**
   * Adds or replaces some reference data, as far as the actor may (validation/reference-rights.ts:
   * the central authority all of it, a department's catalog administrator its own organisations).
   * It is checked together with what is stored (a new node may close a cycle with old ones), and
   * written only when the whole is consistent.
   */
  async updateReferenceData(actor: Actor, changes: Partial<ReferenceData>): Promise<{ organisations: number; regions: number; classifications: number }> {
    const stored = await loadReferences(this.db);
    const merge = <T>(current: Iterable<T>, incoming: readonly T[] | undefined, key: (item: T) => string): T[] => {
      const byKey = new Map([...current].map((item) => [key(item), item]));
      for (const item of incoming ?? []) byKey.set(key(item), item);
      return [...byKey.values()];
    };
    const incoming = { organisations: changes.organisations ?? [], regions: changes.regions ?? [], classifications: changes.classifications ?? [] };
    const mergedOrganisations = merge(stored.organisations.values(), incoming.organisations, (org) => org.code);
    const refused = referenceRightsError(actor, incoming, organisationDepartments(stored.organisations.values()), organisationDepartments(mergedOrganisations));
    if (refused) throw refused;
    const issues: CatalogIssue[] = [
      ...incoming.organisations.flatMap((org, index) => schemaIssues(OrganisationSchema, org, org.code).map((issue) => ({ row: index + 1, ...issue }))),
      ...duplicateIssues(incoming.organisations, (org) => org.code, 'Organisation', '组织机构'),
      ...incoming.regions.flatMap((region, index) => schemaIssues(RegionSchema, region, region.code).map((issue) => ({ row: index + 1, ...issue }))),
      ...duplicateIssues(incoming.regions, (region) => region.code, 'Region', '区划'),
      ...incoming.classifications.flatMap((node, index) => schemaIssues(CategoryNodeSchema, node, node.code).map((issue) => ({ row: index + 1, ...issue }))),
      ...duplicateIssues(incoming.classifications, (node) => `${node.scheme}:${node.code}`, 'Classification node', '分类节点'),
    ];
    if (issues.length === 0) {
      issues.push(...regionIssues(merge(stored.regions.values(), incoming.regions, (region) => region.code)));
      issues.push(...classificationIssues(merge(stored.nodes.values(), incoming.classifications, (node) => `${node.scheme}:${node.code}`)));
    }
    if (issues.length > 0) throw invalid(issues, 'The reference data is invalid', '基础数据（组织、区划、分类）不合法');
    await this.db.transaction(async (tx) => {
      if (incoming.organisations.length > 0) await upsertOrganisations(tx, mergedOrganisations);
      if (incoming.regions.length > 0) await upsertRegions(tx, incoming.regions);
      if (incoming.classifications.length > 0) await upsertClassificationNodes(tx, incoming.classifications);
    });
    this.search.invalidate();
    if (incoming.organisations.length > 0 || incoming.regions.length > 0) await this.syncStaffDirectory();
    return { organisations: incoming.organisations.length, regions: incoming.regions.length, classifications: incoming.classifications.length };
  }

  async organisations(filter: { kind?: string; parentCode?: string } = {}): Promise<Array<Organisation & { department: string }>> {
    const rows = await organisationsWhere(this.db, filter);
    return rows.map((row) => ({ ...row.document, department: row.department }));
  }

  /** Department code → name for the given codes. */
  async organisationNames(codes: readonly string[]): Promise<Map<string, string>> {
    return organisationNames(this.db, codes);
  }

  /** The department's city-wide process binding of a matter, if any. */
  async cityBinding(matterCode: string): Promise<ProcessBinding | undefined> {
    return cityBinding(this.db, matterCode);
  }

  async regions(filter: { parentCode?: string; level?: string } = {}): Promise<Region[]> {
    return regionsWhere(this.db, filter);
  }

  /** A scheme's nodes (flat, parents first) with how many current matters sit under each. */
  async classificationTree(scheme: string, asOf?: string): Promise<ClassificationTreeNode[]> {
    const [nodes, index] = await Promise.all([schemeNodes(this.db, scheme), this.search.index(this.dateOrToday(asOf))]);
    return nodes.map((node) => ({ ...node, count: index.countOf(scheme, node.code) }));
  }

  // ── Reading matters ────────────────────────────────────────────────────────

  async searchMatters(query: SearchQuery & { asOf?: string }): Promise<{ items: MatterSummary[]; total: number; asOf: string }> {
    const date = this.dateOrToday(query.asOf);
    const index = await this.search.index(date);
    return { ...index.search(query), asOf: date };
  }

  async getMatter(code: string, asOf?: string): Promise<Versioned<Matter>> {
    const date = this.dateOrToday(asOf);
    const found = await versions.matterAsOf(this.db, code, date);
    if (!found) throw notFound('matter', '事项', code);
    return found;
  }

  // ── 一件事 bundles ──────────────────────────────────────────────────────────

  async bundles(filter: { asOf?: string; department?: string; matterCode?: string } = {}): Promise<{ items: Array<Versioned<Bundle>>; asOf: string }> {
    const date = this.dateOrToday(filter.asOf);
    return { items: await versions.bundlesAsOf(this.db, date, filter), asOf: date };
  }

  /** A bundle as of a date, with its component matters as of the same date. */
  async getBundle(code: string, asOf?: string): Promise<{ bundle: Versioned<Bundle>; matters: Map<string, Versioned<Matter>> }> {
    const date = this.dateOrToday(asOf);
    const bundle = await versions.bundleAsOf(this.db, code, date);
    if (!bundle) throw notFound('bundle', '一件事', code);
    const codes = bundle.document.components.map((component) => component.matterCode);
    const matters = await versions.snapshot<Matter>(this.db, 'matter', { date }, codes);
    return { bundle, matters };
  }

  async matterVersion(code: string, version: number): Promise<Versioned<Matter>> {
    const found = await versions.matterVersion(this.db, code, version);
    if (!found) throw notFound('matter version', '事项版本', `${code} v${version}`);
    return found;
  }

  async matterVersions(code: string) {
    const found = await versions.matterVersions(this.db, code);
    if (found.length === 0) throw notFound('matter', '事项', code);
    return found;
  }

  /** Entries in force; `regionCode` takes that region and those below it, `regionCodes` exactly those regions. */
  async implementations(filter: { asOf?: string; matterCode?: string; regionCode?: string; regionCodes?: readonly string[]; unit?: string; limit?: number; offset?: number }) {
    const date = this.dateOrToday(filter.asOf);
    const regionCodes = filter.regionCode ? await this.regionAndBelow(filter.regionCode) : filter.regionCodes;
    return { ...(await versions.implsAsOf(this.db, date, { ...filter, regionCodes })), asOf: date };
  }

  async getImplementation(implCode: string, asOf?: string): Promise<Versioned<MatterImpl>> {
    const found = await versions.implAsOf(this.db, implCode, this.dateOrToday(asOf));
    if (!found) throw notFound('implementation entry', '实施清单条目', implCode);
    return found;
  }

  private async regionAndBelow(code: string): Promise<string[]> {
    const codes = await regionAndBelowOf(this.db, code);
    return codes.length > 0 ? codes : [code];
  }

  // ── Cases ──────────────────────────────────────────────────────────────────

  /** Cases started for a matter that the actor may read, each with the matter version it runs under. */
  async matterCases(actor: Actor, matterCode: string, paging: { limit?: number; cursor?: string } = {}): Promise<Page<CaseRecord>> {
    const page = await matterCases(this.db, actor, matterCode, { limit: paging.limit ?? 100, cursor: paging.cursor });
    // No case at all: a matter that never was is a 404, not an empty list (one abolished since keeps its cases).
    if (page.items.length === 0 && !paging.cursor && !(await versions.matterExists(this.db, matterCode))) throw notFound('matter', '事项', matterCode);
    return page;
  }

  /** Cases started for a 一件事 that the actor may read, each with the bundle version it runs under. */
  async bundleCases(actor: Actor, bundleCode: string, paging: { limit?: number; cursor?: string } = {}): Promise<Page<CaseRecord>> {
    const page = await bundleCases(this.db, actor, bundleCode, { limit: paging.limit ?? 100, cursor: paging.cursor });
    if (page.items.length === 0 && !paging.cursor && !(await versions.bundleExists(this.db, bundleCode))) throw notFound('bundle', '一件事', bundleCode);
    return page;
  }

  // ── Batches ────────────────────────────────────────────────────────────────

  async createBatch(actor: Actor, input: { name: string; reason: string; effectiveDate: string; items?: BatchItem[]; source?: string }): Promise<Batch> {
    if (!isIsoDate(input.effectiveDate)) {
      throw invalid([{ code: 'invalid-date', field: '/effectiveDate', message: `effectiveDate must be YYYY-MM-DD, not '${input.effectiveDate}'`, messageZh: `生效日期应为 YYYY-MM-DD，而非“${input.effectiveDate}”` }]);
    }
    return this.db.transaction(async (tx) => {
      const batch = await batches.insertBatch(tx, { ...input, department: actor.department, createdBy: actor.userId }, this.engine.clock.now());
      if (input.items?.length) await this.addItemsIn(tx, actor, batch, input.items);
      return (await batches.findBatch(tx, batch.id)) as Batch;
    });
  }

  /** Published batches, and the drafts the actor may read: their department's (every draft for the central catalog administrators). */
  async listBatches(actor: Actor, filter: { status?: string; department?: string; limit?: number; cursor?: string }): Promise<Page<Batch>> {
    return batches.listBatches(this.db, { ...filter, limit: filter.limit ?? 100, draftsOf: editsEveryDepartment(actor) ? null : actor.department });
  }

  async getBatch(actor: Actor, id: string): Promise<Batch & { items: batches.StoredItem[] }> {
    const batch = await this.readableBatch(actor, id);
    return { ...batch, items: await batches.batchItems(this.db, id) };
  }

  /** A batch the actor may read: any published one, a draft only of their department (central administrators: all). */
  async readableBatch(actor: Actor, id: string, db: Db = this.db): Promise<Batch> {
    const batch = await batches.findBatch(db, id);
    if (!batch || (batch.status === 'draft' && batch.department !== actor.department && !editsEveryDepartment(actor))) throw notFound('batch', '调整批次', id);
    return batch;
  }

  /** Adds (or replaces) items of a draft batch after validating them together with what it holds. */
  async addItems(actor: Actor, batchId: string, items: BatchItem[]): Promise<Batch> {
    return this.db.transaction(async (tx) => {
      const batch = await this.draftFor(tx, actor, batchId);
      await this.addItemsIn(tx, actor, batch, items);
      return (await batches.findBatch(tx, batchId)) as Batch;
    });
  }

  async removeItem(actor: Actor, batchId: string, seq: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.draftFor(tx, actor, batchId);
      if (!(await batches.deleteItem(tx, batchId, seq))) throw notFound('batch item', '批次条目', `${batchId}#${seq}`);
    });
  }

  async deleteDraft(actor: Actor, batchId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.draftFor(tx, actor, batchId);
      await batches.deleteBatch(tx, batchId);
    });
  }

  private async draftFor(tx: Db, actor: Actor, batchId: string): Promise<Batch> {
    const batch = await batches.findBatch(tx, batchId, true);
    if (!batch) throw notFound('batch', '调整批次', batchId);
    if (batch.status !== 'draft') throw new CatalogError('conflict', `Batch ${batchId} is already published`, `调整批次 ${batchId} 已发布，不能再修改`);
    if (batch.department !== actor.department && !editsEveryDepartment(actor)) {
      throw new CatalogError('forbidden', `Batch ${batchId} belongs to department ${batch.department}`, `调整批次属于部门 ${batch.department}，本部门不能修改`);
    }
    return batch;
  }

  private async addItemsIn(tx: Db, actor: Actor, batch: Batch, items: BatchItem[]): Promise<void> {
    const existing = await batches.batchItems(tx, batch.id);
    const incoming = new Set(items.map((item) => `${item.entity}:${item.code}`));
    const kept = existing.filter((item) => !incoming.has(`${item.entity}:${item.code}`));
    const context = await this.itemContext(tx, actor);
    // The new items come first so that their row numbers are the caller's.
    const issues = (await validateItems([...items, ...kept], context)).filter((issue) => (issue.row ?? 0) <= items.length);
    if (issues.length > 0) throw invalid(issues, 'The batch items are invalid', '批次条目不合法');
    await batches.upsertItems(tx, batch.id, items.map((item) => ({ ...item, department: this.itemDepartment(item, context, actor) })));
  }

  private itemDepartment(item: BatchItem, context: ItemContext, actor: Actor): string {
    if (item.entity === 'matter') return (item.document as Matter | undefined)?.competentDept ?? context.matterDepartment.get(item.code) ?? actor.department;
    if (item.entity === 'bundle') return (item.document as Bundle | undefined)?.leadDept ?? context.bundleDepartment.get(item.code) ?? actor.department;
    const matterCode = (item.document as MatterImpl | undefined)?.matterCode;
    return (matterCode && context.matterDepartment.get(matterCode)) || actor.department;
  }

  /** What validating items needs to know about the catalog as it stands. */
  async itemContext(db: Db = this.db, actor?: Actor): Promise<ItemContext> {
    const [references, matterStatus, implStatus, bundleStatus, departments, bundles] = await Promise.all([
      loadReferences(db),
      versions.latestStatuses(db, 'matter'),
      versions.latestStatuses(db, 'implementation'),
      versions.latestStatuses(db, 'bundle'),
      matterOwners(db),
      bundleOwners(db),
    ]);
    return {
      references,
      matterStatus,
      implStatus,
      bundleStatus,
      matterDepartment: new Map(departments.map((row) => [row.code, row.department])),
      bundleDepartment: new Map(bundles.map((row) => [row.code, row.department])),
      bundleMatters: new Map(bundles.filter((row) => row.status !== 'abolished').map((row) => [row.code, row.matters])),
      actor,
    };
  }

  /**
   * Publishes a draft: validates it again against the catalog as it now stands, then writes
   * every new version in one transaction. Abolishing a matter abolishes its implementation entries.
   */
  async publishBatch(actor: Actor, batchId: string): Promise<Batch> {
    if (!editsEveryDepartment(actor)) {
      await this.readableBatch(actor, batchId);
      const authority = catalogAuthority();
      throw new CatalogError('forbidden', `Only the catalog administrators of ${authority} publish adjustment batches`, `只有政务服务管理机构（${authority}）的目录管理员可以发布调整批次`);
    }
    const published = await this.db.transaction(async (tx) => {
      await lockPublishing(tx);
      const batch = await batches.findBatch(tx, batchId, true);
      if (!batch) throw notFound('batch', '调整批次', batchId);
      if (batch.status !== 'draft') throw new CatalogError('conflict', `Batch ${batchId} is already published`, `调整批次 ${batchId} 已发布`);
      const cascade = await versions.openImplsOfAbolishedMatters(tx, batchId);
      await batches.upsertItems(tx, batchId, cascade.map((impl) => ({ entity: 'implementation', action: 'abolish', code: impl.code, department: impl.department })));
      const items = await batches.batchItems(tx, batchId);
      if (items.length === 0) throw invalid([{ code: 'empty-batch', message: 'The batch has no items', messageZh: '调整批次没有任何条目' }]);
      const issues = await validateItems(items, await this.itemContext(tx));
      for (const entity of CATALOG_ENTITIES) {
        for (const latest of await batches.latestForItems(tx, batchId, entity)) {
          if (latest.latestFrom && latest.latestFrom > batch.effectiveDate) {
            issues.push({
              key: latest.code,
              code: 'effective-before-current',
              message: `The batch takes effect on ${batch.effectiveDate}, before the current version of '${latest.code}' (${latest.latestFrom})`,
              messageZh: `批次生效日期 ${batch.effectiveDate} 早于“${latest.code}”现行版本的生效日期 ${latest.latestFrom}`,
            });
          }
        }
      }
      if (issues.length > 0) throw invalid(issues, 'The batch cannot be published', '调整批次无法发布');
      const publishSeq = (await batches.latestPublishSeq(tx)) + 1;
      await batches.writeVersions(tx, batch, publishSeq);
      await batches.markPublished(tx, batchId, publishSeq, actor.userId, this.engine.clock.now());
      return (await batches.findBatch(tx, batchId)) as Batch;
    });
    this.search.invalidate();
    return published;
  }

  // ── Diffs ──────────────────────────────────────────────────────────────────

  /** Resolves `2025-01-01` (a date) or a batch id (the state right after it was published). */
  async point(reference: string): Promise<CatalogPoint> {
    if (isIsoDate(reference)) return { date: reference };
    const seq = await batches.publishedSeqOf(this.db, reference).catch(() => undefined);
    if (seq === undefined) throw notFound('published batch or date', '已发布的调整批次或日期', reference);
    return { publishSeq: seq };
  }

  /** `only` limits the comparison to some codes per entity (a batch's own items). */
  async diff(from: CatalogPoint, to: CatalogPoint, only?: Record<CatalogEntity, string[]>): Promise<CatalogDiffs> {
    const sides = await Promise.all(
      CATALOG_ENTITIES.map((entity) =>
        Promise.all([versions.snapshot<Record<string, unknown>>(this.db, entity, from, only?.[entity]), versions.snapshot<Record<string, unknown>>(this.db, entity, to, only?.[entity])]),
      ),
    );
    const [matters, implementations, bundles] = sides.map(([before, after]) => diffSnapshots(before, after));
    return { matters, implementations, bundles };
  }

  /** What a published batch changed: the catalog right before it against right after it. */
  async batchDiff(actor: Actor, batchId: string): Promise<CatalogDiffs> {
    const batch = await this.readableBatch(actor, batchId);
    if (batch.publishSeq === null) return this.draftDiff(batchId);
    // A published batch changed exactly its items: compare those codes, not the whole catalog.
    const items = await batches.batchItems(this.db, batchId);
    const codes = (entity: CatalogEntity) => items.filter((item) => item.entity === entity).map((item) => item.code);
    return this.diff({ publishSeq: batch.publishSeq - 1 }, { publishSeq: batch.publishSeq }, { matter: codes('matter'), implementation: codes('implementation'), bundle: codes('bundle') });
  }

  /** A draft against the catalog as it stands: what publishing it would change. */
  private async draftDiff(batchId: string): Promise<CatalogDiffs> {
    const items = await batches.batchItems(this.db, batchId);
    const seq = await batches.latestPublishSeq(this.db);
    const diffs: CatalogDiff[] = [];
    for (const entity of CATALOG_ENTITIES) {
      const codes = items.filter((entry) => entry.entity === entity).map((entry) => entry.code);
      const before = await versions.snapshot<Record<string, unknown>>(this.db, entity, { publishSeq: seq }, codes);
      const after = new Map(before);
      for (const item of items.filter((entry) => entry.entity === entity)) {
        const previous = before.get(item.code);
        if (item.action === 'abolish') after.delete(item.code);
        else after.set(item.code, { ...(previous as Versioned<Record<string, unknown>>), code: item.code, version: (previous?.version ?? 0) + 1, document: item.document as unknown as Record<string, unknown> });
      }
      diffs.push(diffSnapshots(before, after));
    }
    const [matters, implementations, bundles] = diffs;
    return { matters, implementations, bundles };
  }
}
