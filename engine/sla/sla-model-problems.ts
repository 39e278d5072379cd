import { EngineError } from '../errors.js';
import type { ProcessModel } from '../model/index.js';
import { normalizeDuration } from '../time/index.js';
import type { SlaProfile } from './sla-profiles.js';
import { RESPONSE_FROM_PROFILE } from './model-steps.js';

export interface SlaModelProblem {
  elementId: string;
  message: string;
  messageZh: string;
}

/**
 * What is wrong with a model's gov:sla attributes (a limit that is not a duration, an unknown profile), for
 * deploy to refuse the model up front instead of every start or task failing later. Pure: no database.
 */
export function slaModelProblems(model: ProcessModel, profiles: ReadonlyMap<string, SlaProfile>): SlaModelProblem[] {
  const problems: SlaModelProblem[] = [];
  const check = (elementId: string, sla: ProcessModel['gov']['sla']) => {
    if (!sla) return;
    const calendar = sla.calendar === 'natural' ? 'natural' : 'working';
    if (sla.calendar && sla.calendar !== 'natural' && sla.calendar !== 'working') {
      problems.push({ elementId, message: `gov:sla calendar must be working or natural, not "${sla.calendar}"`, messageZh: `gov:sla 的 calendar 只能是 working（工作日）或 natural（自然日），不能是“${sla.calendar}”` });
    }
    for (const [attribute, text] of [['statutory', sla.statutory], ['committed', sla.committed]] as const) {
      if (!text) continue;
      const parsed = normalizeDuration(text, { calendar });
      if (!parsed.ok) problems.push({ elementId, message: `gov:sla ${attribute}: ${parsed.error.message}`, messageZh: `gov:sla ${attribute}：${parsed.error.messageZh}` });
    }
    // "12345" alone is completed by the appealType variable at start; any other name must exist.
    if (sla.profile && !profiles.has(sla.profile) && ![...profiles.keys()].some((id) => id.startsWith(`${sla.profile}-`))) {
      problems.push({ elementId, message: `Unknown SLA profile "${sla.profile}"`, messageZh: `未知的时限规则“${sla.profile}”` });
    }
  };
  check(model.id, model.gov.sla);
  for (const element of model.elements.values()) check(element.id, element.gov.sla);
  problems.push(...stepMarkingProblems(model));
  return problems;
}

/** A step key as the catalog writes one (register, handle, 签收): letters, digits, _ . : - */
const STEP_KEY = /^[\p{L}\p{N}_.:-]{1,100}$/u;

/**
 * gov:sla response and step mark a user task's role (the first-response step, the operating-standard step it
 * implements): anywhere else they would mean nothing, and a value the engine cannot read is refused, not ignored.
 */
function stepMarkingProblems(model: ProcessModel): SlaModelProblem[] {
  const problems: SlaModelProblem[] = [];
  const where = [{ id: model.id, kind: 'process', sla: model.gov.sla }, ...[...model.elements.values()].map((element) => ({ id: element.id, kind: element.kind, sla: element.gov.sla }))];
  for (const { id, kind, sla } of where) {
    for (const attribute of ['response', 'step'] as const) {
      if (sla?.[attribute] !== undefined && kind !== 'userTask') {
        problems.push({
          elementId: id,
          message: `gov:sla ${attribute} of '${id}' belongs on a user task (${attribute === 'response' ? 'the step whose claim is the first response' : 'the step that implements an operating-standard step'}), not on a ${kind}`,
          messageZh: `“${id}”的 gov:sla ${attribute} 只能设在用户任务上（${attribute === 'response' ? '其签收即首次响应的环节' : '实施作业规范某一步骤的环节'}）`,
        });
      }
    }
    if (kind !== 'userTask' || !sla) continue;
    if (sla.response !== undefined) {
      if (sla.response === RESPONSE_FROM_PROFILE) {
        if (!sla.profile && !model.gov.sla?.profile) {
          problems.push({ elementId: id, message: `gov:sla response="profile" on '${id}' needs an SLA profile (gov:sla profile on the task or the process)`, messageZh: `“${id}”的 gov:sla response="profile" 需要时限规则（在该任务或流程的 gov:sla 上设置 profile）` });
        }
      } else {
        const parsed = normalizeDuration(sla.response, { calendar: 'natural' });
        if (!parsed.ok) {
          problems.push({
            elementId: id,
            message: `gov:sla response of '${id}' must be an ISO 8601 duration such as PT24H, or "profile" for the SLA profile's limit, not "${sla.response}"`,
            messageZh: `“${id}”的 gov:sla response 应为 ISO 8601 时长（如 PT24H），或 profile（按时限规则），不能是“${sla.response}”`,
          });
        }
      }
    }
    if (sla.step !== undefined && !STEP_KEY.test(sla.step)) {
      problems.push({ elementId: id, message: `gov:sla step of '${id}' must be an operating-standard step key such as handle (letters, digits, _ . : -), not "${sla.step}"`, messageZh: `“${id}”的 gov:sla step 应为作业规范的步骤标识（如 handle，由字母、数字和 _ . : - 组成），不能是“${sla.step}”` });
    }
  }
  return problems;
}

/** Throws the 422 deploy would give for a model with bad gov:sla attributes. */
export function assertSlaModel(model: ProcessModel, profiles: ReadonlyMap<string, SlaProfile>): void {
  const problems = slaModelProblems(model, profiles);
  if (problems.length > 0) throw new EngineError('invalid', `The time limits of ${model.id} cannot be read`, `流程“${model.id}”的时限设置无法识别`, problems);
}
