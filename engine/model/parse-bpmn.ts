import { createModdle } from './moddle.js';
import { problem, type ModelProblem } from './problem.js';
import { nestingProblem } from './xml-nesting.js';
import { decodeXml, withoutDeclaredEncoding } from './xml-encoding.js';

/** A parsed moddle element; moddle is untyped, so the compiler reads it through this shape. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  [property: string]: unknown;
}

/** `warnings`: what bpmn-moddle only warned about; a deployment refuses them, running a stored model does not (model-cache.ts). */
export type ParseResult = { ok: true; definitions: ModdleElement; warnings: ModelProblem[] } | { ok: false; problems: ModelProblem[] };

// Entity expansion and external entities are how XML parsers get attacked (XXE, billion laughs).
// BPMN never needs a DOCTYPE, so any is refused before the parser sees the text.
const DOCTYPE = /<!DOCTYPE|<!ENTITY/i;

/**
 * Parses BPMN XML strictly: everything bpmn-moddle only warns about (unparsable or unknown
 * content, duplicate ids, unresolved references) is an error here (D3). Bytes are decoded by the
 * encoding the file declares (xml-encoding.ts); text is taken as it is, whatever its declaration says.
 */
/** What XML 1.0 §2.2 does not allow as a character: C0 controls but tab and line ends, U+FFFE/FFFF, lone surrogates. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const CHARACTER_REFERENCE = /&#(?:([0-9]{1,10})|x([0-9a-fA-F]{1,8}));/g;

/** XML 1.0 §2.2 Char: tab, line ends, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. */
function allowedCodePoint(point: number): boolean {
  return point === 0x9 || point === 0xa || point === 0xd || (point >= 0x20 && point <= 0xd7ff) || (point >= 0xe000 && point <= 0xfffd) || (point >= 0x10000 && point <= 0x10ffff);
}

/**
 * What is refused before any parser sees the text (BPMN and DMN alike): characters XML 1.0
 * forbids, a DOCTYPE or entity declaration (XXE), nesting deep enough to exhaust the parser.
 */
export function xmlTextProblem(xml: string, kind: 'BPMN' | 'DMN'): ModelProblem | undefined {
  const badCharacter = FORBIDDEN_CHARACTER.exec(xml);
  if (badCharacter) {
    const { line, column } = positionOf(xml, badCharacter.index);
    const code = `U+${badCharacter[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return problem('xml.character', `The character ${code} is not allowed in XML (line ${line}, column ${column})`, `XML 中不允许出现字符 ${code}（第 ${line} 行第 ${column} 列）`, { line, column });
  }
  // The same characters written as references (&#0;, &#x1B;, &#xD800;): the parser would turn them into the real thing.
  for (const reference of xml.matchAll(CHARACTER_REFERENCE)) {
    const point = reference[1] !== undefined ? Number(reference[1]) : parseInt(reference[2], 16);
    if (allowedCodePoint(point)) continue;
    const { line, column } = positionOf(xml, reference.index);
    return problem('xml.character', `The character reference ${reference[0]} names a character XML does not allow (line ${line}, column ${column})`, `字符引用 ${reference[0]} 指向 XML 中不允许的字符（第 ${line} 行第 ${column} 列）`, { line, column });
  }
  const doctype = DOCTYPE.exec(xml);
  if (doctype) {
    const { line, column } = positionOf(xml, doctype.index);
    return problem('xml.doctype', `A DOCTYPE or entity declaration is not allowed in ${kind}`, `${kind} 文件中不允许 DOCTYPE 或实体声明（防止 XML 外部实体攻击）`, { line, column });
  }
  return nestingProblem(xml);
}

export async function parseBpmn(source: string | Uint8Array): Promise<ParseResult> {
  let xml: string;
  if (typeof source === 'string') {
    xml = withoutDeclaredEncoding(source);
  } else {
    const decoded = decodeXml(source);
    if (!decoded.ok) return decoded;
    xml = withoutDeclaredEncoding(decoded.text);
  }
  const unsafe = xmlTextProblem(xml, 'BPMN');
  if (unsafe) return { ok: false, problems: [unsafe] };
  const moddle = createModdle();
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    return { ok: true, definitions: rootElement as unknown as ModdleElement, warnings: warnings.map(toProblem) };
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, problems: [problem('xml.malformed', `Malformed XML: ${firstLine(message)}`, `XML 格式错误：${firstLine(message)}`, locate(message))] };
  }
}

function toProblem(warning: { message: string; element?: { id?: string } }): ModelProblem {
  const where = { ...locate(warning.message), ...(warning.element?.id ? { elementId: warning.element.id } : {}) };
  const text = firstLine(warning.message);
  const duplicate = /duplicate ID <([^>]+)>/.exec(warning.message);
  if (duplicate) {
    return problem('bpmn.duplicateId', `Duplicate element id '${duplicate[1]}'`, `元素 ID“${duplicate[1]}”重复`, { ...where, elementId: duplicate[1] });
  }
  const unresolved = /unresolved reference <([^>]+)>/.exec(warning.message);
  if (unresolved) {
    return problem('bpmn.unresolvedReference', `Reference to unknown element '${unresolved[1]}'`, `引用了不存在的元素“${unresolved[1]}”`, where);
  }
  return problem('bpmn.invalid', `Invalid BPMN: ${text}`, `BPMN 内容无效：${text}`, where);
}

function locate(message: string): { line?: number; column?: number } {
  const line = /line: (\d+)/.exec(message);
  const column = /column: (\d+)/.exec(message);
  return { ...(line ? { line: Number(line[1]) + 1 } : {}), ...(column ? { column: Number(column[1]) + 1 } : {}) };
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

function positionOf(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
