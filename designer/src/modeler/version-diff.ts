/**
 * What changed between two versions of a BPMN model, element by element: added, removed, and
 * changed with what changed (name, the flow's source or target, its condition, each extension
 * such as gov:handling, the position on the diagram…). Pure over moddle trees, so Node tests it.
 */

export type ChangeKind = 'added' | 'removed' | 'changed';

/** What about an element changed; the page words them (i18n), the test reads them. */
export type Aspect =
  | 'name'
  | 'type'
  | 'source'
  | 'target'
  | 'condition'
  | 'default'
  | 'documentation'
  | 'event'
  | 'loop'
  | 'position'
  | 'attribute'
  | `extension:${string}`;

export interface ElementChange {
  id: string;
  kind: ChangeKind;
  /** bpmn:UserTask, … (of the newer version when both exist). */
  type: string;
  /** The element's name; for an unnamed flow "source → target" by names; empty when nothing names it. */
  label: string;
  /** For changed elements: what changed, in a stable order. */
  aspects: Aspect[];
}

export interface ModdleNode {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: unknown }>;
}

interface Indexed {
  element: ModdleNode;
  /** Where it is drawn: bounds or waypoints, as text. */
  layout: string;
}

// Properties that hold other model elements (compared on their own) or that moddle keeps for itself.
const SKIPPED = new Set(['flowElements', 'artifacts', 'laneSets', 'di', 'incoming', 'outgoing', 'extensionElements', 'rootElements', 'diagrams', 'participants', 'messageFlows']);
// Properties that point at other elements: compared by the id they point at.
const REFERENCES = new Set(['sourceRef', 'targetRef', 'default', 'attachedToRef', 'processRef', 'messageRef', 'signalRef', 'errorRef', 'escalationRef', 'categoryValueRef', 'dataObjectRef', 'activityRef', 'calledElement', 'flowNodeRef', 'bpmnElement']);
const ASPECT_OF: Record<string, Aspect> = {
  name: 'name',
  sourceRef: 'source',
  targetRef: 'target',
  conditionExpression: 'condition',
  default: 'default',
  documentation: 'documentation',
  eventDefinitions: 'event',
  loopCharacteristics: 'loop',
};
const ASPECT_ORDER: Aspect[] = ['type', 'name', 'source', 'target', 'condition', 'default', 'event', 'loop', 'documentation', 'attribute'];

/**
 * The properties an element has: its own enumerable ones and, from its moddle descriptor, the
 * references (sourceRef, targetRef, default…), which moddle keeps non-enumerable.
 */
function keysOf(node: ModdleNode): string[] {
  const described = ((node.$descriptor as { properties?: Array<{ name: string }> } | undefined)?.properties ?? []).map((property) => property.name);
  // Attributes of other namespaces, kept by moddle in $attrs (non-enumerable too).
  const attributes = Object.keys((node.$attrs as object | undefined) ?? {}).length > 0 ? ['$attrs'] : [];
  return [...new Set([...Object.keys(node), ...described, ...attributes])].filter((key) => node[key] !== undefined).sort();
}

/** A stable text form of a value; references by id, so that a cycle or a shared element does not matter. */
export function signatureOf(value: unknown, seen: Set<unknown> = new Set()): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (seen.has(value)) return '"<cycle>"';
  seen.add(value);
  if (Array.isArray(value)) return `[${value.map((item) => signatureOf(item, seen)).join(',')}]`;
  const node = value as ModdleNode;
  const parts: string[] = [`"$type":${JSON.stringify(node.$type ?? '')}`];
  for (const key of keysOf(node)) {
    if (key === 'di' || key === '$parent' || (key.startsWith('$') && key !== '$attrs' && key !== '$body')) continue;
    const property = node[key];
    if (REFERENCES.has(key)) parts.push(`${JSON.stringify(key)}:${JSON.stringify(referenceIds(property))}`);
    else parts.push(`${JSON.stringify(key)}:${signatureOf(property, seen)}`);
  }
  seen.delete(value);
  return `{${parts.join(',')}}`;
}

function referenceIds(property: unknown): Array<string | null> {
  return (Array.isArray(property) ? property : [property]).map((ref) => (typeof ref === 'string' ? ref : ((ref as ModdleNode | undefined)?.id ?? null)));
}

/** Every element with an id the diagram can show: processes, participants, lanes, flow elements, artifacts, at any depth. */
function indexModel(definitions: ModdleNode): Map<string, Indexed> {
  const layouts = new Map<string, string>();
  for (const diagram of (definitions.diagrams as ModdleNode[] | undefined) ?? []) {
    for (const shape of ((diagram.plane as ModdleNode | undefined)?.planeElement as ModdleNode[] | undefined) ?? []) {
      const target = shape.bpmnElement as ModdleNode | undefined;
      if (!target?.id) continue;
      const bounds = shape.bounds as { x: number; y: number; width: number; height: number } | undefined;
      const waypoints = (shape.waypoint as Array<{ x: number; y: number }> | undefined) ?? [];
      layouts.set(target.id, bounds ? `${bounds.x},${bounds.y},${bounds.width},${bounds.height}` : waypoints.map((point) => `${point.x},${point.y}`).join(' '));
    }
  }
  const index = new Map<string, Indexed>();
  const visit = (element: ModdleNode) => {
    if (element.id && !index.has(element.id)) index.set(element.id, { element, layout: layouts.get(element.id) ?? '' });
    for (const key of ['flowElements', 'artifacts', 'participants', 'messageFlows']) for (const child of (element[key] as ModdleNode[] | undefined) ?? []) visit(child);
    for (const laneSet of (element.laneSets as ModdleNode[] | undefined) ?? []) for (const lane of (laneSet.lanes as ModdleNode[] | undefined) ?? []) visit(lane);
  };
  for (const root of (definitions.rootElements as ModdleNode[] | undefined) ?? []) if (root.$type === 'bpmn:Process' || root.$type === 'bpmn:Collaboration') visit(root);
  return index;
}

/** Signature of each extension element by its type (gov:Handling, zeebe:IoMapping, …). */
function extensionsOf(element: ModdleNode): Map<string, string> {
  const values = ((element.extensionElements as ModdleNode | undefined)?.values as ModdleNode[] | undefined) ?? [];
  const result = new Map<string, string>();
  for (const value of values) result.set(value.$type, `${result.get(value.$type) ?? ''}${signatureOf(value)}`);
  return result;
}

function aspectsChanged(before: Indexed, after: Indexed): Aspect[] {
  const aspects = new Set<Aspect>();
  if (before.element.$type !== after.element.$type) aspects.add('type');
  const keys = new Set([...keysOf(before.element), ...keysOf(after.element)]);
  for (const key of keys) {
    if (SKIPPED.has(key) || key === '$type' || key === '$parent' || (key.startsWith('$') && key !== '$attrs' && key !== '$body')) continue;
    const read = (element: ModdleNode) => (REFERENCES.has(key) ? JSON.stringify(referenceIds(element[key])) : signatureOf(element[key]));
    if (read(before.element) !== read(after.element)) aspects.add(ASPECT_OF[key] ?? 'attribute');
  }
  const extensionsBefore = extensionsOf(before.element);
  const extensionsAfter = extensionsOf(after.element);
  const extensionTypes = [...new Set([...extensionsBefore.keys(), ...extensionsAfter.keys()])].sort();
  const extensionAspects = extensionTypes.filter((type) => extensionsBefore.get(type) !== extensionsAfter.get(type)).map((type): Aspect => `extension:${type}`);
  const ordered = ASPECT_ORDER.filter((aspect) => aspects.has(aspect));
  return [...ordered, ...extensionAspects, ...(before.layout !== after.layout ? (['position'] as Aspect[]) : [])];
}

function labelOf(element: ModdleNode): string {
  const name = typeof element.name === 'string' ? element.name.trim() : '';
  if (name) return name;
  if (element.$type === 'bpmn:SequenceFlow' || element.$type === 'bpmn:MessageFlow') {
    const end = (ref: unknown) => (typeof (ref as ModdleNode | undefined)?.name === 'string' ? ((ref as ModdleNode).name as string).trim() : '');
    const source = end(element.sourceRef);
    const target = end(element.targetRef);
    if (source || target) return `${source || '…'} → ${target || '…'}`;
  }
  return '';
}

/** The changes from `before` to `after`, removed first, then changed, then added, each in document order. */
export function diffModels(before: ModdleNode, after: ModdleNode): ElementChange[] {
  const old = indexModel(before);
  const current = indexModel(after);
  const changes: ElementChange[] = [];
  for (const [id, { element }] of old) if (!current.has(id)) changes.push({ id, kind: 'removed', type: element.$type, label: labelOf(element), aspects: [] });
  for (const [id, entry] of current) {
    const previous = old.get(id);
    if (!previous) continue;
    const aspects = aspectsChanged(previous, entry);
    if (aspects.length > 0) changes.push({ id, kind: 'changed', type: entry.element.$type, label: labelOf(entry.element) || labelOf(previous.element), aspects });
  }
  for (const [id, { element }] of current) if (!old.has(id)) changes.push({ id, kind: 'added', type: element.$type, label: labelOf(element), aspects: [] });
  return changes;
}

/** Parses both versions with the given moddle (the modeler's, with zeebe: and gov:) and diffs them. */
export async function diffXml(moddle: Moddle, beforeXml: string, afterXml: string): Promise<ElementChange[]> {
  const [before, after] = await Promise.all([moddle.fromXML(beforeXml), moddle.fromXML(afterXml)]);
  return diffModels(before.rootElement as ModdleNode, after.rootElement as ModdleNode);
}
