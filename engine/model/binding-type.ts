import type { ModdleElement } from './parse-bpmn.js';
import { problem, type ModelProblem } from './problem.js';

/** Which version of a called process, decision or linked form is used (Camunda 8's bindingType). */
export type BindingType = 'latest' | 'deployment' | 'versionTag';

/** The element that binds, in its own words ("Call activity 'x'" / "调用活动“x”"), and the codes of its problems. */
export interface Binder {
  readonly en: string;
  readonly zh: string;
  readonly typeCode: string;
  readonly tagCode: string;
}

/**
 * bindingType and versionTag on zeebe:calledElement, zeebe:calledDecision and zeebe:formDefinition, as Camunda 8
 * writes them: the latest version (the default), the one deployed with the process, or the newest with a version
 * tag. Undefined when they are set wrong; the problems say how.
 */
export function bindingOf(definition: ModdleElement | undefined, binder: Binder, elementId: string, problems: ModelProblem[]): { bindingType: BindingType; versionTag?: string } | undefined {
  // Older descriptors did not declare the two attributes: moddle then keeps them in $attrs.
  const attrs = (definition?.$attrs ?? {}) as Record<string, unknown>;
  const bindingType = String(definition?.bindingType ?? attrs.bindingType ?? 'latest');
  const versionTag = String(definition?.versionTag ?? attrs.versionTag ?? '').trim();
  const where = { elementId };
  if (!['latest', 'deployment', 'versionTag'].includes(bindingType)) {
    problems.push(problem(binder.typeCode, `${binder.en}: bindingType '${bindingType}' is not known (latest, deployment, versionTag)`, `${binder.zh}：未知的 bindingType“${bindingType}”（latest、deployment、versionTag）`, where));
    return undefined;
  }
  if (bindingType === 'versionTag' && !versionTag) {
    problems.push(problem(binder.tagCode, `${binder.en}: bindingType versionTag needs a versionTag`, `${binder.zh}：bindingType 为 versionTag 时需要设置 versionTag`, where));
    return undefined;
  }
  if (bindingType !== 'versionTag' && versionTag) {
    problems.push(problem(binder.tagCode, `${binder.en}: a versionTag is used only with bindingType versionTag`, `${binder.zh}：versionTag 只用于 bindingType 为 versionTag 的情况`, where));
    return undefined;
  }
  return { bindingType: bindingType as BindingType, ...(versionTag ? { versionTag } : {}) };
}
