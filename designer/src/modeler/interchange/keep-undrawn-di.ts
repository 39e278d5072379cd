/**
 * Before every save bpmn-js (BpmnDiOrdering, priority 2000) rebuilds the shape list of each
 * plane it shows from what it has drawn, for the drawing order. Shapes and edges it did not draw
 * (a process no pool shows, an edge without a model element, anything it cannot render) are thereby
 * dropped from the file. This module notes every plane's list just before that and puts back what
 * would otherwise vanish, after the drawn ones.
 */
interface Plane {
  get(name: 'planeElement'): unknown[];
}

interface Definitions {
  diagrams?: { plane?: Plane }[];
}

function KeepUndrawnDi(eventBus: { on(event: string, priority: number, callback: (event: { definitions?: Definitions }) => void): void }): void {
  let before: { plane: Plane; elements: unknown[] }[] = [];

  eventBus.on('saveXML.start', 2500, (event) => {
    before = (event.definitions?.diagrams ?? []).flatMap((diagram) => (diagram.plane ? [{ plane: diagram.plane, elements: [...diagram.plane.get('planeElement')] }] : []));
  });

  // After BpmnDiOrdering and after keep-subprocess-planes (2000) moved shapes back.
  eventBus.on('saveXML.start', 1900, () => {
    const placed = new Set(before.flatMap(({ plane }) => plane.get('planeElement')));
    for (const { plane, elements } of before) {
      const list = plane.get('planeElement');
      for (const element of elements) {
        if (placed.has(element)) continue;
        list.push(element);
        placed.add(element);
      }
    }
    before = [];
  });
}
KeepUndrawnDi.$inject = ['eventBus'];

export const keepUndrawnDiModule = { __init__: ['keepUndrawnDi'], keepUndrawnDi: ['type', KeepUndrawnDi] };
