import type { ModelProblem } from './problem.js';
import { lineAndColumn } from './text-position.js';

/**
 * Where in the file each problem's element is: the line and column of the start tag that carries `id="…"`, for the
 * problems found on the compiled model (an unsupported element, a FEEL error, a missing form), which name the element
 * but not the place. The parser's own problems keep the positions it gave them. An integrator reading the answer finds
 * the element in a file of thousands of lines. Without a BPMN file (decisions only) the problems are as they were.
 */
export function withElementLines<T extends Pick<ModelProblem, 'elementId' | 'line' | 'column'>>(xml: string | undefined, problems: readonly T[]): T[] {
  if (xml === undefined) return [...problems];
  const places = new Map<string, { line: number; column: number } | null>();
  const placeOf = (elementId: string) => {
    if (!places.has(elementId)) places.set(elementId, startTagOf(xml, elementId));
    return places.get(elementId);
  };
  return problems.map((found) => {
    if (found.elementId === undefined || found.line !== undefined) return found;
    const place = placeOf(found.elementId);
    return place ? { ...found, ...place } : found;
  });
}

function startTagOf(xml: string, elementId: string): { line: number; column: number } | null {
  const escaped = elementId.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  const literal = escaped.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const attribute = new RegExp(`\\sid\\s*=\\s*(?:"${literal}"|'${literal}')`).exec(xml);
  if (!attribute) return null;
  const tag = xml.lastIndexOf('<', attribute.index);
  return lineAndColumn(xml, tag === -1 ? attribute.index : tag);
}
