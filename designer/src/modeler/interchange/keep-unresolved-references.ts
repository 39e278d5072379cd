/**
 * A reference the file names but does not define (an id from another file or tool, e.g.
 * `triso:unspecified`) is dropped by bpmn-moddle with a warning, so the export loses it. This
 * module puts such references back as stand-ins carrying only the id, in their original place,
 * so they are written out again. The import warning still tells the user about each of them.
 */
interface ModdleElement {
  $type: string;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  $descriptor: { propertiesByName: Record<string, { name: string; type: string; isMany?: boolean } | undefined> };
}

interface Reference {
  element: ModdleElement;
  property: string;
  id: string;
}

interface ParseComplete {
  definitions?: unknown;
  elementsById?: Record<string, unknown>;
  references?: Reference[];
}

function KeepUnresolvedReferences(eventBus: { on(event: string, callback: (event: ParseComplete) => unknown): void }, moddle: { create(type: string, attrs: Record<string, unknown>): unknown }): void {
  eventBus.on('import.parse.complete', (event) => {
    const elementsById = event.elementsById ?? {};
    const references = event.references ?? [];
    if (!references.some((reference) => !elementsById[reference.id])) return undefined;
    // One group per element and property, in document order (the order of a list).
    const groups = new Map<ModdleElement, Map<string, Reference[]>>();
    for (const reference of references) {
      const byProperty = groups.get(reference.element) ?? new Map<string, Reference[]>();
      byProperty.set(reference.property, [...(byProperty.get(reference.property) ?? []), reference]);
      groups.set(reference.element, byProperty);
    }
    for (const [element, byProperty] of groups) {
      for (const [propertyName, group] of byProperty) {
        if (group.every((reference) => elementsById[reference.id])) continue;
        const property = element.$descriptor.propertiesByName[propertyName];
        if (!property) continue;
        const resolve = (reference: Reference) => elementsById[reference.id] ?? moddle.create(property.type, { id: reference.id });
        if (property.isMany) {
          const list = element.get(property.name) as unknown[];
          list.splice(0, list.length, ...group.map(resolve));
        } else {
          element.set(property.name, resolve(group[group.length - 1]!));
        }
      }
    }
    return event.definitions;
  });
}
KeepUnresolvedReferences.$inject = ['eventBus', 'moddle'];

export const keepUnresolvedReferencesModule = { __init__: ['keepUnresolvedReferences'], keepUnresolvedReferences: ['type', KeepUnresolvedReferences] };
