import type { Actor } from '../../engine/index.js';
import type { BatchItem, Bundle, Matter, MatterImpl } from '../model.js';
import { BundleSchema, MatterImplSchema, MatterSchema, type JsonSchema } from '../schemas/index.js';
import { bundleReferenceIssues } from './bundle-references.js';
import type { CatalogIssue } from './catalog-error.js';
import { implReferenceIssues, matterReferenceIssues, type CatalogReferences } from './references.js';
import { schemaIssues } from './schema-validator.js';
import { editsEveryDepartment } from '../authority.js';

/** What item validation needs to know about the catalog as it stands. */
export interface ItemContext {
  references: CatalogReferences;
  /** Latest status of every matter / implementation code ever published ('abolished' included). */
  matterStatus: ReadonlyMap<string, string>;
  implStatus: ReadonlyMap<string, string>;
  bundleStatus: ReadonlyMap<string, string>;
  /** The lead department of each current bundle. */
  bundleDepartment: ReadonlyMap<string, string>;
  /** The component matters of each live bundle (an abolished matter must not leave one behind). */
  bundleMatters: ReadonlyMap<string, readonly string[]>;
  /** The competent department of each current matter (rights and implementation entries). */
  matterDepartment: ReadonlyMap<string, string>;
  actor?: Actor;
}

export { editsEveryDepartment } from '../authority.js';

const live = (status: string | undefined) => status !== undefined && status !== 'abolished';

/**
 * Checks a set of batch items together (so that an implementation entry may name a matter
 * added by the same batch): schema, references, duplicates, existence and department rights.
 * Each issue carries `row`: the item's 1-based position.
 */
export function validateItems(items: readonly BatchItem[], context: ItemContext): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const seen = new Set<string>();
  const batchMatters = new Map<string, BatchItem>();
  for (const item of items) if (item.entity === 'matter') batchMatters.set(item.code, item);
  const matterExists = (code: string) => {
    const inBatch = batchMatters.get(code);
    if (inBatch) return inBatch.action !== 'abolish';
    return live(context.matterStatus.get(code));
  };
  const departmentOfMatter = (code: string) => {
    const inBatch = batchMatters.get(code)?.document as Matter | undefined;
    return inBatch?.competentDept ?? context.matterDepartment.get(code);
  };

  const batchBundles = new Set(items.filter((item) => item.entity === 'bundle').map((item) => item.code));
  items.forEach((item, index) => {
    const row = index + 1;
    const at = (issue: CatalogIssue): CatalogIssue => ({ row, key: item.code, ...issue });
    const identity = `${item.entity}:${item.code}`;
    if (seen.has(identity)) {
      issues.push(at({ code: 'duplicate-code', field: item.entity === 'implementation' ? '/implCode' : '/code', message: `Code '${item.code}' appears more than once`, messageZh: `编码“${item.code}”重复出现` }));
      return;
    }
    seen.add(identity);
    const status = { matter: context.matterStatus, implementation: context.implStatus, bundle: context.bundleStatus }[item.entity].get(item.code);
    if (item.action === 'add' && live(status)) {
      issues.push(at({ code: 'code-exists', field: '/code', message: `'${item.code}' already exists; use modify`, messageZh: `编码“${item.code}”已存在，应使用“变更”` }));
    }
    if (item.action !== 'add' && !live(status)) {
      issues.push(at({ code: 'unknown-code', field: '/code', message: `'${item.code}' is not in the catalog`, messageZh: `编码“${item.code}”不在目录中` }));
    }
    if (item.action === 'abolish') {
      if (item.entity === 'matter') {
        for (const [bundle, matters] of context.bundleMatters) {
          if (matters.includes(item.code) && !batchBundles.has(bundle)) {
            issues.push(at({
              code: 'matter-in-bundle',
              field: '/code',
              message: `Matter '${item.code}' is a component of 一件事 '${bundle}': change or abolish the bundle in the same batch`,
              messageZh: `事项“${item.code}”是一件事“${bundle}”的组成事项：请在同一批次中调整或废止该一件事`,
            }));
          }
        }
      }
      if (context.actor && !editsEveryDepartment(context.actor)) {
        const department = item.entity === 'matter' ? context.matterDepartment.get(item.code) : item.entity === 'bundle' ? context.bundleDepartment.get(item.code) : undefined;
        if (department && department !== context.actor.department) issues.push(at(rightsIssue(department)));
      }
      return;
    }
    if (!item.document) {
      issues.push(at({ code: 'missing-field', field: '/document', message: 'An addition or modification needs the whole document', messageZh: '新增或变更须提供完整数据' }));
      return;
    }
    const actor = context.actor && !editsEveryDepartment(context.actor) ? context.actor : undefined;
    if (item.entity === 'matter') {
      const matter = item.document as Matter;
      if (!wellFormed(MatterSchema, matter, item, 'code', issues, at)) return;
      issues.push(...matterReferenceIssues(matter, context.references).map(at));
      if (actor) issues.push(...ownerIssues(actor.department, matter.competentDept, context.matterDepartment.get(item.code), '/competentDept').map(at));
    } else if (item.entity === 'bundle') {
      const bundle = item.document as Bundle;
      if (!wellFormed(BundleSchema, bundle, item, 'code', issues, at)) return;
      issues.push(...bundleReferenceIssues(bundle, context.references, matterExists).map(at));
      // The lead department (牵头部门) owns the bundle.
      if (actor) issues.push(...ownerIssues(actor.department, bundle.leadDept, context.bundleDepartment.get(item.code), '/leadDept').map(at));
    } else {
      const impl = item.document as MatterImpl;
      if (!wellFormed(MatterImplSchema, impl, item, 'implCode', issues, at)) return;
      issues.push(...implReferenceIssues(impl, context.references, matterExists).map(at));
      const department = departmentOfMatter(impl.matterCode);
      if (actor && department && department !== actor.department) issues.push(at(rightsIssue(department)));
    }
  });
  return issues;
}

/** The schema, then the code: the document's own must be the item's. False when the schema already failed. */
function wellFormed<T extends Record<string, unknown>>(
  schema: JsonSchema,
  document: T,
  item: BatchItem,
  codeField: 'code' | 'implCode',
  issues: CatalogIssue[],
  at: (issue: CatalogIssue) => CatalogIssue,
): boolean {
  const schemaProblems = schemaIssues(schema, document, item.code);
  issues.push(...schemaProblems.map(at));
  if (schemaProblems.length > 0) return false;
  const own = String(document[codeField]);
  if (own !== item.code) {
    issues.push(at({ code: 'code-mismatch', field: `/${codeField}`, message: `The document's code '${own}' differs from '${item.code}'`, messageZh: `数据中的编码“${own}”与“${item.code}”不一致` }));
  }
  return true;
}

/** A department changes only what it owns now and keeps owning: the new owner and the previous must both be it. */
function ownerIssues(department: string, owner: string, previous: string | undefined, field: string): CatalogIssue[] {
  if (owner !== department) return [{ ...rightsIssue(owner), field }];
  if (previous && previous !== department) return [{ ...rightsIssue(previous), field }];
  return [];
}

function rightsIssue(department: string): CatalogIssue {
  return {
    code: 'not-your-department',
    field: '/competentDept',
    message: `Only department ${department} (or a catalog administrator) may change this entry`,
    messageZh: `只有主管部门 ${department}（或目录管理员）可以调整此条目`,
  };
}
