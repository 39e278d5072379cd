import type { CategoryNode, Matter, MatterImpl, Organisation, Region } from '../model.js';
import type { CatalogIssue } from './catalog-error.js';

/** The reference data a matter or an implementation entry may point at. */
export interface CatalogReferences {
  organisations: ReadonlyMap<string, Organisation>;
  regions: ReadonlyMap<string, Region>;
  /** Classification nodes by `${scheme}:${code}`. */
  nodes: ReadonlyMap<string, CategoryNode>;
}

const nodeKey = (scheme: string, code: string) => `${scheme}:${code}`;

/** Matter types that exercise public power and therefore need a legal basis. */
const NEEDS_LEGAL_BASIS = new Set(['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力', '抽查事项']);

// Derived facts about one set of references, computed once however many documents are checked.
const derived = new WeakMap<CatalogReferences, { cities: string[]; schemes: string[] }>();

function facts(references: CatalogReferences): { cities: string[]; schemes: string[] } {
  let found = derived.get(references);
  if (!found) {
    found = {
      cities: [...references.regions.values()].filter((region) => region.level === 'city').map((region) => region.code),
      schemes: [...new Set([...references.nodes.values()].map((node) => node.scheme))],
    };
    derived.set(references, found);
  }
  return found;
}

/** The root regions (level city): an implementation entry must lie under one of them. */
export function cityCodes(references: CatalogReferences): string[] {
  return facts(references).cities;
}

/** Is `code` the city or below it, following parent codes (a county level may sit between). */
export function isWithinCity(references: CatalogReferences, code: string): boolean {
  const cities = cityCodes(references);
  const seen = new Set<string>();
  let current = references.regions.get(code);
  while (current && !seen.has(current.code)) {
    if (cities.includes(current.code)) return true;
    seen.add(current.code);
    current = current.parentCode ? references.regions.get(current.parentCode) : undefined;
  }
  return false;
}

/** References a matter makes beyond its JSON Schema: department, classification paths, legal basis. */
export function matterReferenceIssues(matter: Matter, references: CatalogReferences): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const key = matter.code;
  if (!references.organisations.has(matter.competentDept)) {
    issues.push({ key, field: '/competentDept', code: 'unknown-department', message: `Unknown department '${matter.competentDept}'`, messageZh: `主管部门“${matter.competentDept}”不存在` });
  }
  if (matter.process && !references.organisations.has(matter.process.department)) {
    issues.push({ key, field: '/process/department', code: 'unknown-department', message: `Unknown department '${matter.process.department}'`, messageZh: `办理部门“${matter.process.department}”不存在` });
  }
  const paths = [...(matter.classifications ?? []).map((entry, index) => ({ scheme: entry.scheme as string | undefined, path: entry.path, field: `/classifications/${index}/path` }))];
  paths.push({ scheme: undefined, path: matter.category, field: '/category' });
  for (const { scheme, path, field } of paths) issues.push(...pathIssues(references, key, field, scheme, path));
  if (NEEDS_LEGAL_BASIS.has(matter.matterType) && matter.legalBasis.length === 0) {
    issues.push({ key, field: '/legalBasis', code: 'legal-basis-missing', message: `A ${matter.matterType} matter needs a legal basis`, messageZh: `${matter.matterType}类事项必须有设定依据` });
  }
  matter.legalBasis.forEach((ref, index) => {
    if (typeof ref.lawName === 'string' && ref.lawName.trim() === '') {
      issues.push({ key, field: `/legalBasis/${index}/lawName`, code: 'legal-basis-without-law', message: 'A legal basis needs the name of its law', messageZh: '法律依据缺少法律法规名称' });
    }
  });
  return issues;
}

/**
 * A classification path must be a chain of known nodes, each the parent of the next, ending at
 * level 3 or 4. Without a scheme (the primary `category`), any scheme holding the chain will do.
 */
function pathIssues(references: CatalogReferences, key: string, field: string, scheme: string | undefined, path: readonly string[]): CatalogIssue[] {
  const schemes = scheme ? [scheme] : facts(references).schemes;
  let best: CatalogIssue[] | undefined;
  for (const candidate of schemes) {
    const issues: CatalogIssue[] = [];
    path.forEach((code, index) => {
      const node = references.nodes.get(nodeKey(candidate, code));
      if (!node) {
        issues.push({ key, field: `${field}/${index}`, code: 'unknown-classification', message: `Unknown classification node '${code}'${scheme ? ` in scheme ${scheme}` : ''}`, messageZh: `分类节点“${code}”不存在${scheme ? `（分类体系 ${scheme}）` : ''}` });
      } else if ((node.parentCode ?? null) !== (index === 0 ? null : path[index - 1])) {
        issues.push({ key, field: `${field}/${index}`, code: 'classification-path-broken', message: `Node '${code}' is not a child of '${path[index - 1] ?? '(root)'}'`, messageZh: `分类节点“${code}”不是“${path[index - 1] ?? '（根）'}”的下级` });
      }
    });
    if (issues.length === 0) {
      const leaf = references.nodes.get(nodeKey(candidate, path[path.length - 1]));
      if (leaf && leaf.level < 3) {
        return [{ key, field, code: 'classification-too-shallow', message: `A matter must be classified at level 3 or 4, not ${leaf.level}`, messageZh: `事项应归入第三级或第四级分类，而非第 ${leaf.level} 级` }];
      }
      return [];
    }
    if (!best || issues.length < best.length) best = issues;
  }
  return best ?? [{ key, field, code: 'unknown-classification', message: 'No classification scheme is loaded', messageZh: '尚未载入分类体系' }];
}

/** References an implementation entry makes: its matter, its region inside the city, its units. */
export function implReferenceIssues(impl: MatterImpl, references: CatalogReferences, matterExists: (code: string) => boolean): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const key = impl.implCode;
  if (!matterExists(impl.matterCode)) {
    issues.push({ key, field: '/matterCode', code: 'unknown-matter', message: `Unknown matter '${impl.matterCode}'`, messageZh: `事项“${impl.matterCode}”不存在` });
  }
  if (!references.regions.has(impl.regionCode)) {
    const outside = /^\d{6,}$/.test(impl.regionCode) && !cityCodes(references).some((city) => impl.regionCode.startsWith(city.replace(/0+$/, '')));
    issues.push(
      outside
        ? { key, field: '/regionCode', code: 'region-outside-city', message: `Region '${impl.regionCode}' is outside the city`, messageZh: `区划“${impl.regionCode}”不在本市范围内` }
        : { key, field: '/regionCode', code: 'unknown-region', message: `Unknown region '${impl.regionCode}'`, messageZh: `区划“${impl.regionCode}”不存在` },
    );
  } else if (!isWithinCity(references, impl.regionCode)) {
    issues.push({ key, field: '/regionCode', code: 'region-outside-city', message: `Region '${impl.regionCode}' is outside the city`, messageZh: `区划“${impl.regionCode}”不在本市范围内` });
  }
  for (const field of ['implementingUnit', 'acceptingUnit', 'jurisdictionUnit', 'handlingUnit'] as const) {
    const unit = impl[field];
    if (unit !== undefined && !references.organisations.has(unit)) {
      issues.push({ key, field: `/${field}`, code: 'unknown-organisation', message: `Unknown organisation '${unit}' in ${field}`, messageZh: `单位“${unit}”不存在（${field}）` });
    }
  }
  if (impl.process && !references.organisations.has(impl.process.department)) {
    issues.push({ key, field: '/process/department', code: 'unknown-department', message: `Unknown department '${impl.process.department}'`, messageZh: `办理部门“${impl.process.department}”不存在` });
  }
  return issues;
}

/** A classification must be a forest: unique codes, known parents, levels that step by one, no cycle. */
export function classificationIssues(nodes: readonly CategoryNode[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const byKey = new Map<string, CategoryNode>();
  for (const node of nodes) {
    const k = nodeKey(node.scheme, node.code);
    if (byKey.has(k)) issues.push({ key: node.code, field: '/code', code: 'duplicate-code', message: `Classification node ${node.scheme}:${node.code} appears twice`, messageZh: `分类节点 ${node.scheme}:${node.code} 重复` });
    byKey.set(k, node);
  }
  for (const node of byKey.values()) {
    if (!node.parentCode) continue;
    const parent = byKey.get(nodeKey(node.scheme, node.parentCode));
    if (!parent) {
      issues.push({ key: node.code, field: '/parentCode', code: 'unknown-classification', message: `Parent '${node.parentCode}' of ${node.scheme}:${node.code} is unknown`, messageZh: `分类节点 ${node.scheme}:${node.code} 的上级“${node.parentCode}”不存在` });
    }
  }
  // Follow parents from every node; coming back to a node on the current walk is a cycle.
  const reported = new Set<string>();
  for (const start of byKey.values()) {
    const walk: string[] = [];
    let current: CategoryNode | undefined = start;
    while (current) {
      const k = nodeKey(current.scheme, current.code);
      const at = walk.indexOf(k);
      if (at >= 0) {
        const cycle = walk.slice(at);
        const id = [...cycle].sort().join('>');
        if (!reported.has(id)) {
          reported.add(id);
          const shown = [...cycle, k].map((entry) => entry.split(':')[1]).join(' → ');
          issues.push({ key: current.code, field: '/parentCode', code: 'classification-cycle', message: `The classification has a cycle: ${shown}`, messageZh: `分类存在循环：${shown}` });
        }
        break;
      }
      walk.push(k);
      current = current.parentCode ? byKey.get(nodeKey(current.scheme, current.parentCode)) : undefined;
    }
  }
  for (const node of byKey.values()) {
    const parent = node.parentCode ? byKey.get(nodeKey(node.scheme, node.parentCode)) : undefined;
    const expected = parent ? parent.level + 1 : 1;
    if (node.level !== expected && (parent || !node.parentCode)) {
      issues.push({ key: node.code, field: '/level', code: 'classification-level', message: `${node.scheme}:${node.code} is at level ${node.level} but its place says ${expected}`, messageZh: `分类节点 ${node.scheme}:${node.code} 的层级为 ${node.level}，按上级应为 ${expected}` });
    }
  }
  return issues;
}

/** Regions must form a tree under known parents with unique codes and no cycle. */
export function regionIssues(regions: readonly Region[]): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const byCode = new Map<string, Region>();
  for (const region of regions) {
    if (byCode.has(region.code)) issues.push({ key: region.code, field: '/code', code: 'duplicate-code', message: `Region ${region.code} appears twice`, messageZh: `区划 ${region.code} 重复` });
    byCode.set(region.code, region);
  }
  for (const region of byCode.values()) {
    if (region.parentCode && !byCode.has(region.parentCode)) {
      issues.push({ key: region.code, field: '/parentCode', code: 'unknown-region', message: `Parent region '${region.parentCode}' of ${region.code} is unknown`, messageZh: `区划 ${region.code} 的上级“${region.parentCode}”不存在` });
    }
    const seen = new Set<string>();
    let current: Region | undefined = region;
    while (current?.parentCode) {
      if (seen.has(current.code)) {
        issues.push({ key: region.code, field: '/parentCode', code: 'region-cycle', message: `Region ${region.code} is its own ancestor`, messageZh: `区划 ${region.code} 的上级链条存在循环` });
        break;
      }
      seen.add(current.code);
      current = byCode.get(current.parentCode);
    }
  }
  return issues;
}

export function duplicateIssues<T>(items: readonly T[], codeOf: (item: T) => string, what: string, whatZh: string): CatalogIssue[] {
  const seen = new Set<string>();
  const issues: CatalogIssue[] = [];
  for (const item of items) {
    const code = codeOf(item);
    if (seen.has(code)) issues.push({ key: code, field: '/code', code: 'duplicate-code', message: `${what} code '${code}' appears more than once`, messageZh: `${whatZh}编码“${code}”重复` });
    seen.add(code);
  }
  return issues;
}
