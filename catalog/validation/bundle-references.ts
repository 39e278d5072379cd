import type { Bundle, Duration } from '../model.js';
import type { CatalogIssue } from './catalog-error.js';
import { isWithinCity, type CatalogReferences } from './references.js';

/**
 * What a 一件事 bundle refers to beyond its JSON Schema: departments, regions, component matters
 * that exist, dependencies among its own components without a cycle, shared materials used by
 * its components, and a promised limit within its statutory one.
 */
export function bundleReferenceIssues(bundle: Bundle, references: CatalogReferences, matterExists: (code: string) => boolean): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const key = bundle.code;
  const issue = (field: string, code: string, message: string, messageZh: string) => issues.push({ key, field, code, message, messageZh });

  if (!references.organisations.has(bundle.leadDept)) issue('/leadDept', 'unknown-department', `Unknown department '${bundle.leadDept}'`, `牵头部门“${bundle.leadDept}”不存在`);
  (bundle.coDepts ?? []).forEach((department, index) => {
    if (!references.organisations.has(department)) issue(`/coDepts/${index}`, 'unknown-department', `Unknown department '${department}'`, `配合部门“${department}”不存在`);
  });
  (bundle.regions ?? []).forEach((region, index) => {
    if (!references.regions.has(region)) issue(`/regions/${index}`, 'unknown-region', `Unknown region '${region}'`, `区划“${region}”不存在`);
    else if (!isWithinCity(references, region)) issue(`/regions/${index}`, 'region-outside-city', `Region '${region}' is not in the city`, `区划“${region}”不在本市范围内`);
  });

  const components = new Set<string>();
  bundle.components.forEach((component, index) => {
    if (components.has(component.matterCode)) issue(`/components/${index}/matterCode`, 'duplicate-code', `Matter '${component.matterCode}' is listed twice`, `事项“${component.matterCode}”重复列出`);
    components.add(component.matterCode);
    if (!matterExists(component.matterCode)) issue(`/components/${index}/matterCode`, 'unknown-matter', `Matter '${component.matterCode}' is not in the catalog`, `事项“${component.matterCode}”不在目录中`);
  });
  bundle.components.forEach((component, index) => {
    (component.dependsOn ?? []).forEach((required, at) => {
      if (!components.has(required)) {
        issue(`/components/${index}/dependsOn/${at}`, 'unknown-component', `'${required}' is not a component of this bundle`, `“${required}”不是本一件事的组成事项`);
      }
    });
  });
  const cycle = dependencyCycle(bundle);
  if (cycle) issue('/components', 'dependency-cycle', `The components depend on each other in a circle: ${cycle.join(' → ')}`, `组成事项之间存在循环依赖：${cycle.join(' → ')}`);

  (bundle.sharedMaterials ?? []).forEach((material, index) => {
    material.usedBy.forEach((code, at) => {
      if (!components.has(code)) issue(`/sharedMaterials/${index}/usedBy/${at}`, 'unknown-component', `'${code}' is not a component of this bundle`, `“${code}”不是本一件事的组成事项`);
    });
  });

  if (bundle.legalTimeLimit && bundle.promisedTimeLimit && exceeds(bundle.promisedTimeLimit, bundle.legalTimeLimit)) {
    issue(
      '/promisedTimeLimit',
      'promise-exceeds-law',
      `The promised limit (${bundle.promisedTimeLimit.value} ${bundle.promisedTimeLimit.unit}) exceeds the statutory one (${bundle.legalTimeLimit.value} ${bundle.legalTimeLimit.unit})`,
      `承诺时限（${bundle.promisedTimeLimit.value} ${bundle.promisedTimeLimit.unit}）超过法定时限（${bundle.legalTimeLimit.value} ${bundle.legalTimeLimit.unit}）`,
    );
  }
  return issues;
}

/** A circle of matter codes (first repeated at the end), or undefined. Depth-first with colours. */
export function dependencyCycle(bundle: Pick<Bundle, 'components'>): string[] | undefined {
  const edges = new Map(bundle.components.map((component) => [component.matterCode, component.dependsOn ?? []]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (code: string): string[] | undefined => {
    if (state.get(code) === 'done' || !edges.has(code)) return undefined;
    if (state.get(code) === 'visiting') return [...path.slice(path.indexOf(code)), code];
    state.set(code, 'visiting');
    path.push(code);
    for (const next of edges.get(code) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    state.set(code, 'done');
    return undefined;
  };
  for (const code of edges.keys()) {
    const found = visit(code);
    if (found) return found;
  }
  return undefined;
}

/** Compares limits only where the units agree: working days with working days, and so on. */
function exceeds(promised: Duration, legal: Duration): boolean {
  return promised.unit === legal.unit && promised.value > legal.value;
}
