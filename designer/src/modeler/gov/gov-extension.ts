import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import type { ModdleElement } from 'bpmn-js/lib/model/Types';
import type { Element } from 'bpmn-js/lib/model/Types';

/** gov: extension element types, as declared in engine/model/gov-moddle.json. */
export type GovType = 'gov:Matter' | 'gov:Handling' | 'gov:Sla' | 'gov:Supervision';

interface CommandStack {
  execute(command: string, context: unknown): void;
}
interface BpmnFactory {
  create(type: string, attributes?: Record<string, unknown>): ModdleElement;
}

/** The business object that carries gov: data: a participant's process, else the element itself. */
export function govTarget(element: Element): ModdleElement | null {
  const businessObject = getBusinessObject(element);
  if (is(element, 'bpmn:Participant')) return businessObject.processRef ?? null;
  if (is(element, 'bpmn:Process') || is(element, 'bpmn:Activity')) return businessObject;
  return null;
}

export function findGovElement(target: ModdleElement, type: string): ModdleElement | undefined {
  const values: ModdleElement[] = target.extensionElements?.values ?? [];
  return values.find((value) => value.$instanceOf(type));
}

export function govValue(element: Element, type: GovType | 'zeebe:VersionTag', property: string): string {
  const target = govTarget(element);
  if (!target) return '';
  const found = findGovElement(target, type);
  return (found?.get(property) as string | undefined) ?? '';
}

/**
 * Set attributes of a gov: extension element through the command stack (so undo works),
 * creating bpmn:ExtensionElements and the gov element when they do not exist yet.
 */
export function setGovValues(
  element: Element,
  type: GovType | 'zeebe:VersionTag',
  properties: Record<string, string | undefined>,
  commandStack: CommandStack,
  bpmnFactory: BpmnFactory,
): void {
  const target = govTarget(element);
  if (!target) return;
  const cleaned = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, value === '' ? undefined : value]));
  const commands: { cmd: string; context: Record<string, unknown> }[] = [];
  let extensionElements: ModdleElement | undefined = target.extensionElements;
  if (!extensionElements) {
    extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensionElements.$parent = target;
    commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: target, properties: { extensionElements } } });
  }
  let govElement = findGovElement(target, type);
  if (!govElement) {
    govElement = bpmnFactory.create(type, {});
    govElement.$parent = extensionElements;
    commands.push({
      cmd: 'element.updateModdleProperties',
      context: { element, moddleElement: extensionElements, properties: { values: [...(extensionElements.values ?? []), govElement] } },
    });
  }
  commands.push({ cmd: 'element.updateModdleProperties', context: { element, moddleElement: govElement, properties: cleaned } });
  commandStack.execute('properties-panel.multi-command-executor', commands);
}
