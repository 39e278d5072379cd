/**
 * bpmn-js (SubprocessCompatibility) shows the content of a collapsed sub-process on a plane of its
 * own: on every import it moves the content's shapes out of the file's diagram into a new
 * BPMNDiagram and shifts them to the origin. Exported, the file would gain diagrams and lose
 * shapes from the one it had. This module notes those moves and, for each save only, puts the
 * shapes back where they were (with whatever the user changed) and drops the added diagrams that
 * end up empty; after serialisation bpmn-js's arrangement is restored for further editing.
 */
interface Point {
  x: number;
  y: number;
}

interface DiElement {
  bounds?: Point;
  waypoint?: Point[];
}

interface Plane {
  planeElement?: DiElement[];
  get(name: 'planeElement'): DiElement[];
}

interface Diagram {
  plane?: Plane;
}

interface Definitions {
  diagrams?: Diagram[];
}

interface Move {
  di: DiElement;
  from: Plane;
  index: number;
  to: Plane;
  dx: number;
  dy: number;
}

function position(di: DiElement): Point | undefined {
  const point = di.waypoint?.[0] ?? di.bounds;
  return point ? { x: point.x, y: point.y } : undefined;
}

function shift(di: DiElement, dx: number, dy: number): void {
  if (di.waypoint) {
    for (const point of di.waypoint) {
      point.x += dx;
      point.y += dy;
    }
  } else if (di.bounds) {
    di.bounds.x += dx;
    di.bounds.y += dy;
  }
}

function KeepSubprocessPlanes(eventBus: { on(event: string, priority: number, callback: (event: { definitions?: Definitions }) => void): void }): void {
  let definitions: Definitions | undefined;
  let moves: Move[] = [];
  let created: Diagram[] = [];
  let before = new Map<DiElement, { plane: Plane; index: number; at: Point | undefined }>();
  let diagramsBefore = new Set<Diagram>();

  // Before SubprocessCompatibility (priority 1500): where every shape is.
  eventBus.on('import.render.start', 2000, (event) => {
    if (event.definitions !== definitions) {
      definitions = event.definitions;
      moves = [];
      created = [];
    }
    diagramsBefore = new Set(definitions?.diagrams ?? []);
    before = new Map();
    for (const diagram of definitions?.diagrams ?? []) {
      const plane = diagram.plane;
      if (!plane) continue;
      plane.get('planeElement').forEach((di, index) => before.set(di, { plane, index, at: position(di) }));
    }
  });

  // After it: what moved where, and by how much.
  eventBus.on('import.render.start', 1000, () => {
    const added = (definitions?.diagrams ?? []).filter((diagram) => !diagramsBefore.has(diagram));
    created.push(...added);
    for (const diagram of added) {
      const plane = diagram.plane;
      if (!plane) continue;
      for (const di of plane.get('planeElement')) {
        const origin = before.get(di);
        if (!origin) continue;
        const now = position(di);
        moves.push({ di, from: origin.plane, index: origin.index, to: plane, dx: now && origin.at ? now.x - origin.at.x : 0, dy: now && origin.at ? now.y - origin.at.y : 0 });
      }
    }
  });

  let undone: { moves: Move[]; diagrams: { diagram: Diagram; index: number }[] } | undefined;

  eventBus.on('saveXML.start', 2000, () => {
    if (!definitions || !created.length) return;
    const back = moves.filter((move) => move.to.get('planeElement').includes(move.di)).sort((a, b) => a.index - b.index);
    for (const move of back) {
      const target = move.to.get('planeElement');
      target.splice(target.indexOf(move.di), 1);
      shift(move.di, -move.dx, -move.dy);
      const source = move.from.get('planeElement');
      source.splice(Math.min(move.index, source.length), 0, move.di);
    }
    const diagrams = definitions.diagrams ?? [];
    const dropped = created.filter((diagram) => !diagram.plane?.get('planeElement').length).map((diagram) => ({ diagram, index: diagrams.indexOf(diagram) })).filter((entry) => entry.index >= 0);
    for (const { diagram } of dropped) diagrams.splice(diagrams.indexOf(diagram), 1);
    undone = { moves: back, diagrams: dropped };
  });

  eventBus.on('saveXML.done', 2000, () => {
    if (!definitions || !undone) return;
    for (const { diagram, index } of undone.diagrams.sort((a, b) => a.index - b.index)) definitions.diagrams?.splice(index, 0, diagram);
    for (const move of undone.moves) {
      const source = move.from.get('planeElement');
      source.splice(source.indexOf(move.di), 1);
      shift(move.di, move.dx, move.dy);
      move.to.get('planeElement').push(move.di);
    }
    undone = undefined;
  });
}
KeepSubprocessPlanes.$inject = ['eventBus'];

export const keepSubprocessPlanesModule = { __init__: ['keepSubprocessPlanes'], keepSubprocessPlanes: ['type', KeepSubprocessPlanes] };
