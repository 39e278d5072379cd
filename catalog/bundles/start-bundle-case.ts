import type { Actor, InstanceRow, Json } from '../../engine/index.js';
import type { Catalog } from '../catalog.js';
import type { Bundle, Matter } from '../model.js';
import { organisationName } from '../store/organisations.js';
import { recordBundleCase } from '../store/started-cases.js';
import type { Versioned } from '../store/version-store.js';
import { invalid } from '../validation/catalog-error.js';
import { implementationFor, regionChain } from '../binding/start-case.js';
import { bundleProcessId, bundleProcessXml } from './bundle-process.js';

export interface BundleCaseRequest {
  /** The applicant's region; required when the bundle is offered only in some regions. */
  regionCode?: string;
  applicant: Record<string, unknown>;
  data?: Record<string, unknown>;
  /** The optional components the applicant asks for (可选事项). */
  selectedMatters?: string[];
  businessKey?: string;
}

export interface StartedBundleCase {
  instance: InstanceRow;
  bundleCode: string;
  bundleVersion: number;
  process: { processId: string; department: string; source: 'department' | 'generated' };
}

/**
 * Starts a 一件事 case (一件事一次办): one application, received by the lead department, which
 * sends each component matter to its own department and delivers the results together. The
 * process is the lead department's `bundle-<code>`: its own adapted version when it has
 * deployed one, else the one generated from the bundle (deployed the first time). The case keeps
 * the bundle and matter versions it started with, as variables.
 */
export async function startBundleCase(catalog: Catalog, actor: Actor, code: string, request: BundleCaseRequest): Promise<StartedBundleCase> {
  catalog.engine.startRegion(actor, request.regionCode);
  const { bundle, matters } = await catalog.getBundle(code);
  const document = bundle.document;
  requireComponentsInEffect(document, matters);
  const chain = request.regionCode ? await regionChain(catalog, request.regionCode) : [];
  checkRequest(document, chain, request);

  const processId = bundleProcessId(document.code);
  const system: Actor = { userId: 'catalog', department: document.leadDept, roles: ['designer'] };
  const deployed = await catalog.engine.listDefinitions(system, { processId });
  let source: StartedBundleCase['process']['source'] = 'department';
  if (deployed.length === 0) {
    await catalog.engine.deploy({ xml: await generatedFlow(catalog, document, matters), name: `${processId}.bpmn`, actor: system });
    source = 'generated';
  }

  const selected = request.selectedMatters ?? [];
  const components: Array<Record<string, Json>> = [];
  for (const component of document.components.filter((entry) => !entry.optional || selected.includes(entry.matterCode))) {
    const matter = matters.get(component.matterCode) as Versioned<Matter>;
    // With a region, each matter goes to its implementation entry there (a village's to its town's).
    const impl = chain.length > 0 ? (await implementationFor(catalog, matter.code, chain)).document : undefined;
    components.push({
      matterCode: matter.code,
      matterName: matter.document.name,
      matterVersion: matter.version,
      department: matter.document.competentDept,
      implCode: impl?.implCode ?? null,
      implementingUnit: impl?.implementingUnit ?? null,
      acceptingUnit: impl ? (impl.acceptingUnit ?? impl.implementingUnit) : null,
      handlingUnit: impl ? (impl.handlingUnit ?? impl.implementingUnit) : null,
    });
  }
  const variables: Record<string, Json> = {
    bundle: { code: document.code, name: document.name, version: bundle.version, leadDept: document.leadDept },
    bundleCode: document.code,
    bundleVersion: bundle.version,
    components,
    selectedMatters: selected,
    promisedTimeLimit: (document.promisedTimeLimit ?? null) as Json,
    legalTimeLimit: (document.legalTimeLimit ?? null) as Json,
    regionCode: request.regionCode ?? null,
    // One window accepts the whole application: the town's, as its implementation entries name it.
    acceptingUnit: components.find((component) => component.acceptingUnit !== null)?.acceptingUnit ?? null,
    applicant: request.applicant as Json,
    data: (request.data ?? {}) as Json,
  };
  const instance = await catalog.engine.startInstance({
    processId,
    businessKey: request.businessKey,
    variables,
    ...(request.regionCode ? { regionCode: request.regionCode } : {}),
    actor: { userId: actor.userId, department: document.leadDept, roles: actor.roles, groups: actor.groups, ...(actor.regionPath ? { regionPath: actor.regionPath } : {}) },
  });
  await recordBundleCase(catalog.db, {
    instanceId: instance.id,
    department: instance.department,
    bundleCode: document.code,
    bundleVersion: bundle.version,
    regionCode: request.regionCode ?? null,
    startedBy: actor.userId,
    startedAt: catalog.engine.clock.now(),
  });
  return { instance, bundleCode: document.code, bundleVersion: bundle.version, process: { processId, department: document.leadDept, source } };
}

/** The cross-department flow generated for a bundle (with its diagram), its lead department's name in it. */
export async function generatedFlow(catalog: Catalog, bundle: Bundle, matters: ReadonlyMap<string, Versioned<Matter>>): Promise<string> {
  requireComponentsInEffect(bundle, matters);
  const leadUnitName = await organisationName(catalog.db, bundle.leadDept);
  const components = new Map([...matters].map(([code, matter]) => [code, { ...matter.document, code }]));
  return bundleProcessXml({ bundle, matters: components, leadUnitName });
}

/** A component abolished since, or not yet in effect today, can be neither generated nor handled. */
function requireComponentsInEffect(bundle: Bundle, matters: ReadonlyMap<string, unknown>): void {
  const issues = bundle.components.flatMap((component, index) =>
    matters.has(component.matterCode)
      ? []
      : [{
          code: 'matter-not-in-effect',
          field: `/components/${index}/matterCode`,
          message: `Component matter ${component.matterCode} of ${bundle.code} is not in effect today`,
          messageZh: `一件事 ${bundle.code} 的组成事项 ${component.matterCode} 今日不在有效期内`,
        }],
  );
  if (issues.length > 0) throw invalid(issues, `一件事 ${bundle.code} cannot be handled today`, `一件事 ${bundle.code} 今日无法办理`);
}

/** The applicant's choices and region: the region (with its ancestors) must be one the bundle is offered in. */
function checkRequest(bundle: Bundle, chain: readonly string[], request: BundleCaseRequest): void {
  const issues = [];
  const optional = new Set(bundle.components.filter((component) => component.optional).map((component) => component.matterCode));
  for (const [index, code] of (request.selectedMatters ?? []).entries()) {
    if (!optional.has(code)) {
      issues.push({ code: 'not-optional', field: `/selectedMatters/${index}`, message: `'${code}' is not an optional component of ${bundle.code}`, messageZh: `“${code}”不是一件事 ${bundle.code} 的可选事项` });
    }
  }
  // Offered in a town: its villages and grids count too.
  if (bundle.regions && bundle.regions.length > 0 && !chain.some((region) => bundle.regions?.includes(region))) {
    issues.push({ code: 'not-offered', field: '/regionCode', message: `${bundle.name} is offered only in ${bundle.regions.join(', ')}`, messageZh: `“${bundle.name}”仅在以下区划办理：${bundle.regions.join('、')}` });
  }
  if (issues.length > 0) throw invalid(issues, 'The 一件事 case cannot start', '一件事无法发起');
}
