import { EngineError } from '../errors.js';
import type { ProcessModel } from '../model/index.js';
import { normalizeDuration } from '../time/index.js';
import type { SlaProfile } from './sla-profiles.js';

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
  return problems;
}

/** Throws the 422 deploy would give for a model with bad gov:sla attributes. */
export function assertSlaModel(model: ProcessModel, profiles: ReadonlyMap<string, SlaProfile>): void {
  const problems = slaModelProblems(model, profiles);
  if (problems.length > 0) throw new EngineError('invalid', `The time limits of ${model.id} cannot be read`, `流程“${model.id}”的时限设置无法识别`, problems);
}
