import { problem, type ModelProblem } from './problem.js';

/** No real process nests subprocesses this deep; past it, recursive code in the compiler and the interpreter would overflow. */
export const MAX_SUBPROCESS_DEPTH = 32;
/** XML elements in elements: a BPMN file needs a few dozen levels at most. */
export const MAX_XML_DEPTH = 256;

const CONTAINERS = new Set(['subProcess', 'transaction', 'adHocSubProcess']);

/**
 * Refuses a document nested too deep before any parser or compiler walks it recursively: a
 * single pass over the text that follows element starts and ends (quotes, comments, CDATA and
 * processing instructions skipped), counting subprocesses inside subprocesses.
 */
export function nestingProblem(xml: string): ModelProblem | undefined {
  const stack: boolean[] = [];
  let subprocesses = 0;
  let index = 0;
  while ((index = xml.indexOf('<', index)) !== -1) {
    if (xml.startsWith('<!--', index)) {
      index = skipTo(xml, '-->', index);
      continue;
    }
    if (xml.startsWith('<![CDATA[', index)) {
      index = skipTo(xml, ']]>', index);
      continue;
    }
    if (xml[index + 1] === '?' || xml[index + 1] === '!') {
      index = skipTo(xml, '>', index);
      continue;
    }
    const end = tagEnd(xml, index);
    if (end === -1) return undefined; // malformed: the parser says where
    if (xml[index + 1] === '/') {
      if (stack.pop()) subprocesses--;
    } else if (xml[end - 1] !== '/') {
      const name = /^<([^\s/>]+)/.exec(xml.slice(index, Math.min(end + 1, index + 200)))?.[1] ?? '';
      const container = CONTAINERS.has(name.slice(name.indexOf(':') + 1));
      stack.push(container);
      if (container) subprocesses++;
      if (subprocesses > MAX_SUBPROCESS_DEPTH) {
        const id = /\sid\s*=\s*["']([^"']*)["']/.exec(xml.slice(index, end))?.[1];
        return problem(
          'bpmn.nestedTooDeep',
          `Subprocesses are nested more than ${MAX_SUBPROCESS_DEPTH} deep`,
          `子流程嵌套超过 ${MAX_SUBPROCESS_DEPTH} 层`,
          { ...position(xml, index), ...(id ? { elementId: id } : {}) },
        );
      }
      if (stack.length > MAX_XML_DEPTH) {
        return problem('xml.nestedTooDeep', `XML elements are nested more than ${MAX_XML_DEPTH} deep`, `XML 元素嵌套超过 ${MAX_XML_DEPTH} 层`, position(xml, index));
      }
    }
    index = end + 1;
  }
  return undefined;
}

function skipTo(xml: string, marker: string, from: number): number {
  const found = xml.indexOf(marker, from);
  return found === -1 ? xml.length : found + marker.length;
}

/** The `>` that closes the tag opened at `start`, outside quoted attribute values. */
function tagEnd(xml: string, start: number): number {
  let quote = '';
  for (let index = start + 1; index < xml.length; index++) {
    const char = xml[index];
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '>') return index;
  }
  return -1;
}

function position(xml: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = xml.indexOf('\n'); at !== -1 && at < index; at = xml.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}
