import type { ModdleElement } from './parse-bpmn.js';
import { problem, type ModelProblem } from './problem.js';
import type { GovAttributes } from './process-model.js';

/** A moddle collection property, possibly absent. */
export type ModdleList = ModdleElement[] | undefined;

export function extensions(element: ModdleElement): ModdleElement[] {
  const container = element.extensionElements as ModdleElement | undefined;
  return (container?.values as ModdleList) ?? [];
}

export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensions(element).find((value) => value.$type === type);
}

export function govAttributes(element: ModdleElement, problems: ModelProblem[]): GovAttributes {
  const matter = extension(element, 'gov:Matter');
  const handling = extension(element, 'gov:Handling');
  const sla = extension(element, 'gov:Sla');
  const supervision = extension(element, 'gov:Supervision');
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  let warnAt: number | undefined;
  if (text(sla?.warnAt)) {
    warnAt = Number(sla?.warnAt);
    if (!(warnAt > 0 && warnAt < 1)) {
      problems.push(problem('gov.warnAt', `gov:sla warnAt of '${element.id}' must be a share between 0 and 1, e.g. 0.8`, `“${element.id}”的 gov:sla warnAt 必须是 0 到 1 之间的比例，例如 0.8`, { elementId: String(element.id) }));
      warnAt = undefined;
    }
  }
  const slaValues = {
    statutory: text(sla?.statutory),
    committed: text(sla?.committed),
    calendar: text(sla?.calendar),
    warnAt,
    profile: text(sla?.profile),
  };
  const definedSla = Object.fromEntries(Object.entries(slaValues).filter(([, value]) => value !== undefined));
  const gov = {
    matterCode: text(matter?.code),
    // A FEEL department routes tasks (userTask.handling); gov.department names a fixed one only.
    department: text(handling?.department)?.startsWith('=') ? undefined : text(handling?.department),
    unit: text(handling?.unit),
    sla: Object.keys(definedSla).length > 0 ? definedSla : undefined,
    supervisionUnit: text(supervision?.unit),
    supervisionLevels: text(supervision?.levels),
  };
  return Object.fromEntries(Object.entries(gov).filter(([, value]) => value !== undefined)) as GovAttributes;
}
