import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Actor, InstanceRow, Json } from '../../engine/index.js';
import type { Catalog } from '../catalog.js';
import type { Matter, MatterImpl, ProcessRef } from '../model.js';
import type { Versioned } from '../store/version-store.js';
import { CatalogError, invalid, notFound } from '../validation/catalog-error.js';
import { bindingsOf } from '../store/process-bindings.js';
import { instantApprovalOf, type InstantApproval } from '../store/instant-approvals.js';
import { organisationDepartment } from '../store/organisations.js';
import { regionChainOf } from '../store/regions.js';
import { recordMatterCase } from '../store/started-cases.js';
import { templateByKey, templateFor, type ProcessTemplate } from './process-templates.js';
import { ensureTemplateDeployed } from './template-deployment.js';
import { INSTANT_APPROVAL_TEMPLATE } from './template-catalog.js';

export interface CaseRequest {
  regionCode: string;
  applicant: Record<string, unknown>;
  data?: Record<string, unknown>;
  businessKey?: string;
}

/** What a caller inside the platform adds to a start (never the API's body: its schema refuses unknown fields). */
export interface StartOptions {
  /** Variables beside the matter's own (a channel's mark, e.g. 集中受理's intakeChannel); the matter's own win. */
  variables?: Record<string, Json>;
  /** Told the department the case would run in, before anything is deployed or started: it may refuse. */
  beforeStart?: (department: string) => void;
}

export interface StartedCase {
  instance: InstanceRow;
  matterCode: string;
  matterVersion: number;
  implCode: string;
  regionCode: string;
  process: ProcessRef & { source: 'region-binding' | 'implementation' | 'matter-binding' | 'matter' | 'instant-approval' | 'default-template' };
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
const formValidators = new Map<string, ValidateFunction>();

/**
 * Starts a case for a matter (办件): the implementation entry of the applicant's region (or the
 * nearest one above it), the applicant's data checked against the matter's form schema, then
 * the bound process started in its department with the matter version, units and limits as
 * variables (the step limits of its operating standard too, for the tasks that name a step with gov:sla step).
 * The instance keeps that matter version whatever later batches change.
 */
export async function startCase(catalog: Catalog, actor: Actor, matterCode: string, request: CaseRequest, options: StartOptions = {}): Promise<StartedCase> {
  catalog.engine.startRegion(actor, request.regionCode);
  const matter = await catalog.getMatter(matterCode);
  const impl = await implementationFor(catalog, matterCode, await regionChain(catalog, request.regionCode));
  checkForm(matter.document, request.data ?? {});

  const { db, engine } = catalog;
  const instant = await instantApprovalOf(db, matter.code);
  const process = await resolveProcess(catalog, matter.document, impl.document, instant);
  options.beforeStart?.(process.department);
  if (process.source === 'default-template') await ensureTemplateDeployed(catalog, templateFor(matter.document.matterType), process);
  if (process.source === 'instant-approval') await ensureTemplateDeployed(catalog, templateByKey(INSTANT_APPROVAL_TEMPLATE) as ProcessTemplate, process);

  const stepLimits = stepLimitsOf(matter.document);
  const variables: Record<string, Json> = {
    ...options.variables,
    matter: { code: matter.code, name: matter.document.name, version: matter.version, type: matter.document.matterType, ...(stepLimits ? { stepLimits } : {}) },
    matterCode: matter.code,
    matterVersion: matter.version,
    implCode: impl.code,
    regionCode: impl.document.regionCode,
    applicantRegionCode: request.regionCode,
    implementingUnit: impl.document.implementingUnit,
    acceptingUnit: impl.document.acceptingUnit ?? impl.document.implementingUnit,
    handlingUnit: impl.document.handlingUnit ?? impl.document.implementingUnit,
    jurisdictionUnit: impl.document.jurisdictionUnit ?? null,
    legalTimeLimit: (matter.document.legalTimeLimit ?? null) as Json,
    legalExtension: (matter.document.legalExtension ?? null) as Json,
    promisedTimeLimit: (impl.document.promisedTimeLimit ?? matter.document.promisedTimeLimit ?? null) as Json,
    acceptanceTimeLimit: (matter.document.acceptanceTimeLimit ?? null) as Json,
    deliveryTimeLimit: (matter.document.deliveryTimeLimit ?? null) as Json,
    rectificationTimeLimit: (matter.document.rectificationTimeLimit ?? null) as Json,
    applicant: request.applicant as Json,
    data: (request.data ?? {}) as Json,
    // 秒批: the decision the template's business rule task calls (and the 秒批 mark on the trail).
    ...(instant ? { instantApproval: { decisionId: instant.decisionId } } : {}),
  };
  // The case runs in the department that handles the matter, whoever submits it (a portal, a window).
  const instance = await engine.startInstance({
    processId: process.processId,
    businessKey: request.businessKey,
    variables,
    // The case belongs to the applicant's region (a village's case to its village, town and city users).
    regionCode: request.regionCode,
    // The submitter's region scope goes with them: a town's staff start cases only in their town (D10).
    actor: { userId: actor.userId, department: process.department, roles: actor.roles, groups: actor.groups, ...(actor.regionPath ? { regionPath: actor.regionPath } : {}) },
  });
  // A repeated start (same business key and request) answered with the first one's instance: its row is there.
  await recordMatterCase(db, {
    instanceId: instance.id,
    department: instance.department,
    matterCode: matter.code,
    matterVersion: matter.version,
    implCode: impl.code,
    regionCode: impl.document.regionCode,
    startedBy: actor.userId,
    startedAt: engine.clock.now(),
  });
  return { instance, matterCode: matter.code, matterVersion: matter.version, implCode: impl.code, regionCode: impl.document.regionCode, process };
}

/**
 * The operating standard's step limits by stepKey (作业规范 maxDuration), for `matter.stepLimits`; the engine reads
 * them when a task naming the step is created, and refuses the start when one the process uses cannot be read.
 * A key given twice keeps its first limit. Undefined: the standard sets no step limit.
 */
export function stepLimitsOf(matter: Matter): Record<string, Json> | undefined {
  const limits = new Map<string, Json>();
  for (const step of matter.operatingStandard?.steps ?? []) {
    if (!step.maxDuration || limits.has(step.stepKey)) continue;
    // What the arithmetic reads (the start and end events and the basis stay in the catalog's matter version).
    const { value, unit, lastDayRollover } = step.maxDuration;
    limits.set(step.stepKey, { value, unit, ...(lastDayRollover === undefined ? {} : { lastDayRollover }) });
  }
  return limits.size > 0 ? Object.fromEntries(limits) : undefined;
}

/** A region and its ancestors, nearest first (a village, its town, the city); an unknown region is refused. */
export async function regionChain(catalog: Catalog, regionCode: string, unknown: 'invalid' | 'not-found' = 'invalid'): Promise<string[]> {
  const chain = await regionChainOf(catalog.db, regionCode);
  if (chain.length === 0) {
    // A region named in a request's body is a wrong field; one named in the path is a resource that does not exist.
    if (unknown === 'not-found') throw notFound('region', '区划', regionCode);
    throw invalid([{ code: 'unknown-region', field: '/regionCode', message: `Unknown region '${regionCode}'`, messageZh: `区划“${regionCode}”不存在` }], 'The case cannot start', '无法发起办件');
  }
  return chain;
}

/** The entry of the region itself or of its nearest ancestor (a village case goes to its town). */
export async function implementationFor(catalog: Catalog, matterCode: string, chain: readonly string[]): Promise<Versioned<MatterImpl>> {
  // Only the chain's entries: a 12345 matter has one per town, and every start would read them all.
  const { items } = await catalog.implementations({ matterCode, regionCodes: chain, limit: 500 });
  for (const code of chain) {
    const found = items.find((impl) => impl.document.regionCode === code);
    if (found) return found;
  }
  throw invalid(
    [{ code: 'no-implementation', field: '/regionCode', message: `Matter ${matterCode} has no implementation entry for region ${chain[0]} or above it`, messageZh: `事项 ${matterCode} 在区划 ${chain[0]} 及其上级均无实施清单` }],
    'The case cannot start',
    '无法发起办件',
  );
}

function checkForm(matter: Matter, data: Record<string, unknown>): void {
  if (!matter.formSchema) return;
  const key = JSON.stringify(matter.formSchema);
  let validate = formValidators.get(key);
  if (!validate) {
    try {
      validate = ajv.compile(matter.formSchema);
    } catch (error) {
      throw new CatalogError('invalid', `The form schema of matter ${matter.code} is not a valid JSON Schema: ${(error as Error).message}`, `事项 ${matter.code} 的表单定义不是合法的 JSON Schema`);
    }
    formValidators.set(key, validate);
  }
  if (validate(data)) return;
  throw invalid(
    (validate.errors ?? []).map((error) => {
      const params = error.params as Record<string, unknown>;
      const field = `/data${error.instancePath}${error.keyword === 'required' ? `/${String(params.missingProperty)}` : ''}`;
      return {
        code: error.keyword === 'required' ? 'missing-field' : `form-${error.keyword}`,
        field,
        message: `${field} ${error.message ?? 'is invalid'}`,
        messageZh: error.keyword === 'required' ? `${field}：缺少必填项` : `${field}：不符合表单要求（${error.message ?? ''}）`,
      };
    }),
    'The application data does not match the matter’s form',
    '申请数据不符合事项表单要求',
  );
}

async function resolveProcess(catalog: Catalog, matter: Matter, impl: MatterImpl, instant: InstantApproval | undefined): Promise<StartedCase['process']> {
  const bindings = await bindingsOf(catalog.db, matter.code);
  const regional = bindings.find((binding) => binding.regionCode === impl.regionCode);
  if (regional) return { processId: regional.processId, department: regional.department, source: 'region-binding' };
  if (impl.process) return { ...impl.process, source: 'implementation' };
  const citywide = bindings.find((binding) => binding.regionCode === '');
  if (citywide) return { processId: citywide.processId, department: citywide.department, source: 'matter-binding' };
  if (matter.process) return { ...matter.process, source: 'matter' };
  // 秒批 without a process of its own: the 秒批 template, in the department whose decision approves.
  if (instant) return { processId: templateByKey(INSTANT_APPROVAL_TEMPLATE)?.processId ?? 'tpl-instant-approval', department: instant.department, source: 'instant-approval' };
  const department = await organisationDepartment(catalog.db, impl.implementingUnit);
  return { processId: templateFor(matter.matterType).processId, department: department ?? matter.competentDept, source: 'default-template' };
}

