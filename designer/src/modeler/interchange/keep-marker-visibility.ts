/**
 * bpmn-js marks every exclusive gateway whose shape does not say isMarkerVisible (its
 * ElementFactory sets it to true on import), so an unmarked gateway from another tool is drawn
 * with an X and exported as isMarkerVisible="true". BPMN DI's default is false: this module lets
 * such a gateway be drawn unmarked and leaves the attribute out again once drawn, as the source had it.
 */
interface ModdleLike {
  $type: string;
  $instanceOf?(type: string): boolean;
  [key: string]: unknown;
}

interface Definitions {
  diagrams?: { plane?: { planeElement?: ModdleLike[] } }[];
}

function unmarkedGatewayShapes(definitions: Definitions | undefined): ModdleLike[] {
  const shapes: ModdleLike[] = [];
  for (const diagram of definitions?.diagrams ?? []) {
    for (const di of diagram.plane?.planeElement ?? []) {
      const element = di.bpmnElement as ModdleLike | undefined;
      if (di.$type === 'bpmndi:BPMNShape' && element?.$instanceOf?.('bpmn:ExclusiveGateway') && !Object.prototype.hasOwnProperty.call(di, 'isMarkerVisible')) shapes.push(di);
    }
  }
  return shapes;
}

function KeepMarkerVisibility(eventBus: { on(event: string, callback: (event: { definitions?: Definitions }) => void): void }): void {
  let pending: ModdleLike[] = [];
  // Every render (importXML and each open(diagramId)) starts here.
  eventBus.on('import.render.start', (event) => {
    pending = unmarkedGatewayShapes(event.definitions);
    // Present but undefined: ElementFactory then sets false instead of true.
    for (const di of pending) di.isMarkerVisible = undefined;
  });
  eventBus.on('import.render.complete', () => {
    for (const di of pending) if (di.isMarkerVisible === false) delete di.isMarkerVisible;
    pending = [];
  });
}
KeepMarkerVisibility.$inject = ['eventBus'];

export const keepMarkerVisibilityModule = { __init__: ['keepMarkerVisibility'], keepMarkerVisibility: ['type', KeepMarkerVisibility] };
