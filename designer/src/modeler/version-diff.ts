/** What changed between two versions of a process, by element id. */
export interface VersionDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

/**
 * Compare two maps of element id → signature (any string that changes when the element
 * changes, e.g. its serialised XML). Pure, so it is easy to test.
 */
export function diffSignatures(before: Map<string, string>, after: Map<string, string>): VersionDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [id, signature] of after) {
    if (!before.has(id)) added.push(id);
    else if (before.get(id) !== signature) changed.push(id);
  }
  for (const id of before.keys()) if (!after.has(id)) removed.push(id);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

interface ModdleNode {
  $type: string;
  id?: string;
  name?: string;
  flowElements?: ModdleNode[];
  rootElements?: ModdleNode[];
  [key: string]: unknown;
}

interface Moddle {
  fromXML(xml: string): Promise<{ rootElement: unknown }>;
}

// Properties that point at other elements: compared by the id they point at.
const REFERENCE_KEYS = new Set(['sourceRef', 'targetRef', 'default', 'attachedToRef', 'incoming', 'outgoing', 'processRef', 'messageRef', 'signalRef', 'errorRef', 'escalationRef', 'categoryValueRef', 'dataObjectRef']);

/** A stable text form of an element's own properties; nested flow elements are compared on their own. */
export function signatureOf(value: unknown, seen: Set<unknown> = new Set()): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (seen.has(value)) return '"<cycle>"';
  seen.add(value);
  if (Array.isArray(value)) return `[${value.map((item) => signatureOf(item, seen)).join(',')}]`;
  const node = value as ModdleNode;
  const parts: string[] = [`"$type":${JSON.stringify(node.$type ?? '')}`];
  for (const key of Object.keys(node).sort()) {
    if (key === 'flowElements' || key === 'di' || (key.startsWith('$') && key !== '$attrs' && key !== '$body')) continue;
    const property = node[key];
    if (REFERENCE_KEYS.has(key)) {
      const ids = (Array.isArray(property) ? property : [property]).map((ref) => (ref as ModdleNode | undefined)?.id ?? null);
      parts.push(`${JSON.stringify(key)}:${JSON.stringify(ids)}`);
    } else {
      parts.push(`${JSON.stringify(key)}:${signatureOf(property, seen)}`);
    }
  }
  return `{${parts.join(',')}}`;
}

/** Signatures of every flow element of every process in a BPMN document. */
export async function elementSignatures(moddle: Moddle, xml: string): Promise<Map<string, { signature: string; label: string }>> {
  const rootElement = (await moddle.fromXML(xml)).rootElement as ModdleNode;
  const result = new Map<string, { signature: string; label: string }>();
  function visit(container: ModdleNode): void {
    for (const element of container.flowElements ?? []) {
      if (!element.id) continue;
      result.set(element.id, { signature: signatureOf(element), label: element.name ?? '' });
      if (element.flowElements) visit(element);
    }
  }
  for (const root of rootElement.rootElements ?? []) {
    if (root.$type === 'bpmn:Process') {
      result.set(root.id ?? '', { signature: signatureOf(root), label: root.name ?? '' });
      visit(root);
    }
  }
  return result;
}
