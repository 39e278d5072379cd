import type { ModdleElement } from './parse-bpmn.js';
import { problem, type ModelProblem } from './problem.js';
import type { GovAttributes, OperationRules } from './process-model.js';

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
  const operations = extension(element, 'gov:Operations');
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
    response: text(sla?.response),
    step: text(sla?.step),
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
    operations: operations ? operationRules(operations, String(element.id), problems) : undefined,
  };
  return Object.fromEntries(Object.entries(gov).filter(([, value]) => value !== undefined)) as GovAttributes;
}

/** gov:operations returnTo="Task_A,Task_B|none" withdraw="false" sendBackWithin="PT24H" (ids are checked against the process later). */
function operationRules(operations: ModdleElement, elementId: string, problems: ModelProblem[]): OperationRules {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const returnTo = text(operations.returnTo);
  const withdraw = text(operations.withdraw);
  const sendBackWithin = text(operations.sendBackWithin);
  if (withdraw !== undefined && withdraw !== 'true' && withdraw !== 'false') {
    problems.push(problem('gov.operations', `gov:operations withdraw of '${elementId}' must be true or false`, `“${elementId}”的 gov:operations withdraw 只能是 true 或 false`, { elementId }));
  }
  if (sendBackWithin !== undefined && !/^PT?(\d+[DHM])+$|^P\d+DT(\d+[HM])+$/.test(sendBackWithin)) {
    problems.push(problem('gov.operations', `gov:operations sendBackWithin of '${elementId}' must be an ISO 8601 duration such as PT24H or P1D`, `“${elementId}”的 gov:operations sendBackWithin 应为 ISO 8601 时长，如 PT24H、P1D`, { elementId }));
  }
  return {
    ...(returnTo ? { returnTo: returnTo === 'none' ? 'none' : returnTo.split(',').map((id) => id.trim()).filter(Boolean) } : {}),
    ...(withdraw === 'false' ? { withdraw: false } : {}),
    ...(sendBackWithin ? { sendBackWithin } : {}),
  };
}
