import { EngineError } from '../errors.js';
import type { ProcessModel } from '../model/index.js';
import { isPlainObject, type Json, type Variables } from '../runtime/index.js';
import { normalizeDuration, type CatalogDuration, type NormalizedDuration } from '../time/index.js';
import type { ClockKind, ExtensionRule, SupervisionRule } from './clock-row.js';
import type { ExtensionAllowance, SlaProfile } from './sla-profiles.js';
import { modelSteps, RESPONSE_FROM_PROFILE } from './model-steps.js';

/** One clock to start: its limit, where the limit comes from, and what may extend it. */
export interface ClockPlan {
  kind: ClockKind;
  duration: NormalizedDuration;
  warnAt: number;
  source: string;
  label: string;
  principal: boolean;
  extensionRule: ExtensionRule | null;
}

export interface CaseSlaPlan {
  clocks: ClockPlan[];
  supervision: SupervisionRule | null;
  matterCode: string | null;
  region: string | null;
  profileId: string | null;
}

export interface SlaDefaults {
  warnAt: number;
  /** After the deadline (level 1), level 2 comes after intervals[0], level 3 after intervals[1] more… */
  escalationIntervals: NormalizedDuration[];
}

export const DEFAULT_SLA: SlaDefaults = {
  warnAt: 0.8,
  escalationIntervals: [
    { kind: 'workingDays', days: 3 },
    { kind: 'workingDays', days: 5 },
  ],
};

/**
 * Where a case's limits come from, first match wins per limit:
 * 1. the matter: the variables `legalTimeLimit`, `promisedTimeLimit`, `legalExtension` (and `responseTimeLimit`)
 *    that POST /matters/{code}/cases sets from the catalog (catalog/binding/start-case.ts); the same names
 *    inside a `matter` object are read first;
 * 2. gov:sla statutory / committed on the process (ISO 8601, working days unless calendar="natural");
 * 3. the SLA profile named by the variable `slaProfile` or gov:sla profile (`12345` + variable `appealType`
 *    picks `12345-投诉` etc.).
 * A limit that cannot be read (unknown unit, bad text) refuses the start: a case must not run on a guess. That
 * includes the limits its tasks will run on later: the matter's step limits (operating standard) and response limit.
 * A model that marks its first-response step (gov:sla response on a user task) opens no response clock here: the
 * step opens it (planResponseSla).
 */
export function planCaseSla(model: ProcessModel, variables: Variables, profiles: ReadonlyMap<string, SlaProfile>, defaults: SlaDefaults = DEFAULT_SLA): CaseSlaPlan {
  const matter = matterOf(variables);
  const modelSla = model.gov.sla;
  const profile = profileFor(modelSla?.profile, variables, profiles);
  const calendar = modelSla?.calendar === 'natural' ? 'natural' : 'working';
  const warnAt = numberIn(matter.warnAt) ?? modelSla?.warnAt ?? profile?.warnAt ?? defaults.warnAt;

  const pick = (matterField: string, modelText: string | undefined, profileValue: CatalogDuration | undefined, what: string): { duration: NormalizedDuration; source: string } | null => {
    const fromMatter = matterLimit(variables, matterField);
    if (fromMatter !== undefined) return { duration: durationOf(fromMatter, `matter.${matterField}`, what), source: 'matter' };
    if (modelText) return { duration: durationOf(modelText, `gov:sla ${what}`, what, calendar), source: 'model' };
    if (profileValue && profile) return { duration: durationOf(profileValue, `profile ${profile.id}`, what), source: `profile:${profile.id}` };
    return null;
  };

  const statutory = pick('legalTimeLimit', modelSla?.statutory, profile?.statutory, 'statutory');
  const committed = pick('promisedTimeLimit', modelSla?.committed, profile?.committed, 'committed');
  const steps = modelSteps(model);
  const response = steps.response.size > 0 ? null : pick('responseTimeLimit', undefined, profile?.response, 'response');
  // The first-response step opens its clock later (派单): a limit it cannot read must refuse the start, not the 派单.
  const laterResponse = steps.response.size > 0 ? matterLimit(variables, 'responseTimeLimit') : undefined;
  if (laterResponse !== undefined) durationOf(laterResponse, 'matter.responseTimeLimit', 'response');
  for (const key of new Set(steps.stepKeys.values())) {
    const limit = stepLimitOf(variables, key);
    if (limit !== undefined) durationOf(limit, `matter.stepLimits.${key}`, 'step');
  }
  const extensionRule = extensionRuleOf(matter, variables, profile);

  const clocks: ClockPlan[] = [];
  const principalKind = committed ? 'committed' : statutory ? 'statutory' : null;
  if (statutory) clocks.push({ kind: 'statutory', ...statutory, warnAt, label: '法定办结时限', principal: principalKind === 'statutory', extensionRule });
  if (committed) clocks.push({ kind: 'committed', ...committed, warnAt, label: '承诺办结时限', principal: principalKind === 'committed', extensionRule });
  if (response) clocks.push({ kind: 'response', ...response, warnAt, label: '首次响应时限', principal: false, extensionRule: null });

  const unit = textIn(model.gov.supervisionUnit) ?? textIn(matter.supervisionUnit) ?? textIn(variables.supervisionUnit);
  // gov:supervision levels="P3D,P5D" (when the model compiler passes it on), else the matter's or the variables'.
  const modelLevels = (model.gov as { supervisionLevels?: string }).supervisionLevels;
  const levels = matter.supervisionLevels ?? variables.supervisionLevels ?? (modelLevels ? modelLevels.split(',').map((level) => level.trim()) : undefined);
  const intervals = Array.isArray(levels) ? levels.map((level, index) => durationOf(level, `supervisionLevels[${index}]`, 'supervision level', 'working')) : defaults.escalationIntervals;
  return {
    clocks,
    supervision: unit && principalKind ? { unit, intervals } : null,
    matterCode: textIn(matter.code) ?? textIn(variables.matterCode) ?? model.gov.matterCode ?? null,
    region: regionOf(variables, matter),
    profileId: profile?.id ?? null,
  };
}

/** A limit the catalog set on the case (inside `matter` first, then as a variable); undefined when it set none. */
function matterLimit(variables: Variables, field: string): unknown {
  const value = matterOf(variables)[field] ?? variables[field];
  return value === null ? undefined : value;
}

/** The matter's limit for an operating-standard step (作业规范 maxDuration, set by start-case), or undefined. */
function stepLimitOf(variables: Variables, key: string): unknown {
  const stepLimits = matterOf(variables).stepLimits;
  const value = isPlainObject(stepLimits) ? stepLimits[key] : undefined;
  return value === null ? undefined : value;
}

/**
 * A user task's step limit (操作规程 per-step time): gov:sla committed/statutory on the task, else the matter's
 * `stepLimits[key]` (key: the operating-standard step the task names with gov:sla step, else its element id; a
 * step the matter's standard lacks has no limit from it), else the task's gov:sla profile. A step that names a profile carries the case's own
 * limit (12345 签收处置: the unit handles within the 2/10/15 working days of the appeal's type): the matter's
 * limit from the catalog comes first, as for the case, and the profile's only when the matter has none.
 * Null: the task has no limit of its own.
 */
export function planTaskSla(model: ProcessModel, elementId: string, variables: Variables, profiles: ReadonlyMap<string, SlaProfile>, defaults: SlaDefaults = DEFAULT_SLA): ClockPlan | null {
  const element = model.elements.get(elementId);
  const sla = element?.gov.sla;
  const calendar = sla?.calendar === 'natural' ? 'natural' : 'working';
  const warnAt = sla?.warnAt ?? model.gov.sla?.warnAt ?? defaults.warnAt;
  const label = element?.name ? `${element.name}环节时限` : '环节时限';
  const text = sla?.committed ?? sla?.statutory;
  if (text) return { kind: 'step', duration: durationOf(text, `gov:sla of ${elementId}`, 'step', calendar), warnAt, source: 'model', label, principal: false, extensionRule: null };
  const key = sla?.step ?? elementId;
  const fromMatter = stepLimitOf(variables, key);
  if (fromMatter !== undefined) {
    return { kind: 'step', duration: durationOf(fromMatter, `matter.stepLimits.${key}`, 'step'), warnAt, source: 'matter', label, principal: false, extensionRule: null };
  }
  const profile = sla?.profile ? profileFor(sla.profile, variables, profiles) : undefined;
  if (!profile) return null;
  for (const field of ['promisedTimeLimit', 'legalTimeLimit']) {
    const caseLimit = matterLimit(variables, field);
    if (caseLimit !== undefined) {
      return { kind: 'step', duration: durationOf(caseLimit, `matter.${field}`, 'step'), warnAt: sla?.warnAt ?? profile.warnAt ?? warnAt, source: 'matter', label, principal: false, extensionRule: null };
    }
  }
  const limit = profile.committed ?? profile.statutory;
  if (limit) return { kind: 'step', duration: durationOf(limit, `profile ${profile.id}`, 'step'), warnAt: sla?.warnAt ?? profile.warnAt ?? warnAt, source: `profile:${profile.id}`, label, principal: false, extensionRule: null };
  return null;
}

/**
 * The response clock a first-response step opens (gov:sla response on a user task; 12345 签收处置: "first contact
 * with the 诉求人 within 24 hours of 派单"). Its limit, first match wins: the matter's `responseTimeLimit` from the
 * catalog, the marking's own ISO 8601 limit, the SLA profile's `response` (response="profile"; the task's profile,
 * else the process's, completed by appealType). It counts clock time: the hotline works 7×24 and "24 小时" are 24
 * hours of the citizen's wait, so office hours (MATTERFLOW_OFFICE_HOURS) never stretch it. Null: no limit found.
 */
export function planResponseSla(model: ProcessModel, elementId: string, variables: Variables, profiles: ReadonlyMap<string, SlaProfile>, defaults: SlaDefaults = DEFAULT_SLA): ClockPlan | null {
  const sla = model.elements.get(elementId)?.gov.sla;
  if (!sla?.response) return null;
  const profile = profileFor(sla.profile ?? model.gov.sla?.profile, variables, profiles);
  const warnAt = numberIn(matterOf(variables).warnAt) ?? sla.warnAt ?? model.gov.sla?.warnAt ?? profile?.warnAt ?? defaults.warnAt;
  const plan = (duration: NormalizedDuration, source: string): ClockPlan => ({ kind: 'response', duration: clockTime(duration), warnAt, source, label: '首次响应时限', principal: false, extensionRule: null });
  const fromMatter = matterLimit(variables, 'responseTimeLimit');
  if (fromMatter !== undefined) return plan(durationOf(fromMatter, 'matter.responseTimeLimit', 'response'), 'matter');
  if (sla.response !== RESPONSE_FROM_PROFILE) return plan(durationOf(sla.response, `gov:sla response of ${elementId}`, 'response', 'natural'), 'model');
  return profile?.response ? plan(durationOf(profile.response, `profile ${profile.id}`, 'response'), `profile:${profile.id}`) : null;
}

/** Hours as clock hours, whatever office hours the calendar has. */
function clockTime(duration: NormalizedDuration): NormalizedDuration {
  return duration.kind === 'elapsed' ? { ...duration, officeHours: false } : duration;
}

/** Reads an extension allowance (from the matter, a profile or an API body) into a rule. */
export function extensionRuleFrom(allowance: ExtensionAllowance, where: string): ExtensionRule {
  return { maxCount: allowance.maxCount, max: durationOf(allowance.max, where, 'extension'), basis: allowance.basis, ...(allowance.approverPost ? { approverPost: allowance.approverPost } : {}) };
}

/** A limit in any accepted form (catalog {value, unit} or ISO 8601 text), or a 422 that names it. */
export function durationOf(value: unknown, where: string, what: string, calendar: 'working' | 'natural' = 'working'): NormalizedDuration {
  const input = typeof value === 'string' ? value : isPlainObject(value) ? (value as unknown as CatalogDuration) : undefined;
  const result = input === undefined ? undefined : normalizeDuration(input, { calendar });
  if (result?.ok) return result.value;
  const message = result ? result.error.message : `expected {value, unit} or an ISO 8601 duration, got ${JSON.stringify(value)}`;
  const messageZh = result ? result.error.messageZh : `应为 {value, unit} 或 ISO 8601 时长，实际为 ${JSON.stringify(value)}`;
  throw new EngineError('invalid', `The ${what} time limit (${where}) cannot be read: ${message}`, `${where} 的时限无法识别：${messageZh}`, [{ message: `${where}: ${message}`, messageZh: `${where}：${messageZh}` }]);
}

function extensionRuleOf(matter: Variables, variables: Variables, profile: SlaProfile | undefined): ExtensionRule | null {
  const legalExtension = matter.legalExtension ?? variables.legalExtension;
  if (legalExtension !== undefined && legalExtension !== null) {
    return {
      maxCount: numberIn(matter.extensionCount) ?? 1,
      max: durationOf(legalExtension, 'matter.legalExtension', 'extension'),
      basis: textIn(matter.extensionBasis) ?? textIn(isPlainObject(legalExtension) ? legalExtension.basis : undefined) ?? '事项目录：法定延长期限 (catalog legalExtension)',
      ...(profile?.extension?.approverPost ? { approverPost: profile.extension.approverPost } : {}),
    };
  }
  return profile?.extension ? extensionRuleFrom(profile.extension, `profile ${profile.id}`) : null;
}

function profileFor(name: string | undefined, variables: Variables, profiles: ReadonlyMap<string, SlaProfile>): SlaProfile | undefined {
  let id = textIn(variables.slaProfile) ?? name;
  if (!id) return undefined;
  const appealType = textIn(variables.appealType);
  // The appeal type's own profile wins; the bare family profile ("12345") covers types the table lacks.
  if (appealType && profiles.has(`${id}-${appealType}`)) id = `${id}-${appealType}`;
  const profile = profiles.get(id);
  if (!profile) {
    const known = [...profiles.keys()].join(', ');
    throw new EngineError('invalid', `Unknown SLA profile "${id}"; known profiles: ${known}`, `未知的时限规则“${id}”，可用：${known}`);
  }
  return profile;
}

function matterOf(variables: Variables): Variables {
  return isPlainObject(variables.matter) ? variables.matter : {};
}

function regionOf(variables: Variables, matter: Variables): string | null {
  for (const value of [variables.region, variables.town, variables.applicantRegionCode, variables.regionCode, matter.region]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (isPlainObject(value) && typeof value.code === 'string') return value.code;
  }
  return null;
}

function textIn(value: Json | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function numberIn(value: Json | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
