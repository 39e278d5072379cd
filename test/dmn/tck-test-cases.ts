/**
 * Reads a DMN TCK test file (`<testCases>` in the 20160719 testcase namespace) into plain values.
 *
 * The format is regular (elements, attributes, text; no mixed content that matters), so a small
 * hand-written reader is enough and keeps the conformance run off unpinned transitive packages.
 * It refuses what it does not understand (DOCTYPE, an unknown xsi:type, a mismatched end tag)
 * instead of guessing.
 */
export type TckValue = string | number | boolean | null | TckValue[] | { [name: string]: TckValue };

export interface TckResultNode {
  name: string;
  /** `errorResult="true"`: the evaluation is expected to fail (or give null). */
  errorResult: boolean;
  expected: TckValue;
}

export interface TckTestCase {
  id: string;
  /** `decision` unless the file says otherwise (`bkm`, `decisionService`). */
  type: string;
  description?: string;
  inputs: Record<string, TckValue>;
  results: TckResultNode[];
}

export interface TckTestFile {
  modelName: string;
  labels: string[];
  testCases: TckTestCase[];
}

export interface XmlElement {
  /** The local name (namespace prefix removed). */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD = 'http://www.w3.org/2001/XMLSchema';
const NUMBER_TYPES = new Set(['decimal', 'double', 'float', 'integer', 'int', 'long', 'short', 'byte', 'nonNegativeInteger', 'positiveInteger', 'negativeInteger', 'nonPositiveInteger']);
/** JSON has no date or duration type; Camunda 8 variables carry them as ISO strings, and so does this reader. */
const TEMPORAL_TYPES = new Set(['date', 'dateTime', 'time', 'duration', 'dayTimeDuration', 'yearMonthDuration']);

export function readTckTestFile(text: string): TckTestFile {
  const root = readXml(text);
  if (root.name !== 'testCases') throw new Error(`A TCK test file starts with <testCases>, not <${root.name}>`);
  const prefixes = namespacePrefixes(root);
  const xsi = prefixes.get(XSI) ?? 'xsi';
  const xsd = prefixes.get(XSD) ?? 'xsd';
  const value = (element: XmlElement): TckValue => readValue(element, xsi, xsd);
  return {
    modelName: childText(root, 'modelName'),
    labels: (child(root, 'labels')?.children ?? []).filter((label) => label.name === 'label').map((label) => label.text.trim()),
    testCases: root.children
      .filter((element) => element.name === 'testCase')
      .map((testCase) => {
        const description = child(testCase, 'description')?.text.trim();
        return {
          id: testCase.attributes.id ?? '',
          type: testCase.attributes.type ?? 'decision',
          ...(description ? { description } : {}),
          inputs: Object.fromEntries(testCase.children.filter((element) => element.name === 'inputNode').map((input) => [required(input, 'name'), value(input)])),
          results: testCase.children
            .filter((element) => element.name === 'resultNode')
            .map((result) => {
              const expected = child(result, 'expected');
              return { name: required(result, 'name'), errorResult: result.attributes.errorResult === 'true', expected: expected ? value(expected) : null };
            }),
        };
      }),
  };
}

/**
 * A value holder (inputNode, expected, component, item) has exactly one of: a <value>, a <list>,
 * or <component>s (a context). xsi:nil, or nothing at all, is null.
 */
function readValue(holder: XmlElement, xsi: string, xsd: string): TckValue {
  const list = child(holder, 'list');
  if (list) return list.children.filter((element) => element.name === 'item').map((item) => readValue(item, xsi, xsd));
  const components = holder.children.filter((element) => element.name === 'component');
  if (components.length > 0) return Object.fromEntries(components.map((component) => [required(component, 'name'), readValue(component, xsi, xsd)]));
  const value = child(holder, 'value');
  if (!value) return null;
  if (value.attributes[`${xsi}:nil`] === 'true') return null;
  // A <value> may itself hold a list or components (some TCK files nest them so).
  if (value.children.length > 0) return readValue(value, xsi, xsd);
  const type = value.attributes[`${xsi}:type`];
  if (type === undefined) return value.text;
  const [prefix, local] = type.includes(':') ? type.split(':', 2) : [xsd, type];
  if (prefix !== xsd) throw new Error(`Unknown xsi:type '${type}'`);
  if (local === 'string') return value.text;
  if (local === 'boolean') {
    const text = value.text.trim();
    if (text !== 'true' && text !== 'false') throw new Error(`'${text}' is not an xsd:boolean`);
    return text === 'true';
  }
  if (NUMBER_TYPES.has(local)) {
    const text = value.text.trim();
    const number = Number(text);
    if (text === '' || !Number.isFinite(number)) throw new Error(`'${text}' is not an xsd:${local}`);
    return number;
  }
  if (TEMPORAL_TYPES.has(local)) return value.text.trim();
  throw new Error(`Unknown xsi:type '${type}'`);
}

function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((entry) => entry.name === name);
}

function childText(element: XmlElement, name: string): string {
  return child(element, name)?.text.trim() ?? '';
}

function required(element: XmlElement, attribute: string): string {
  const value = element.attributes[attribute];
  if (value === undefined) throw new Error(`<${element.name}> needs a ${attribute} attribute`);
  return value;
}

/** namespace URI → the prefix the file declares for it on the root element. */
function namespacePrefixes(root: XmlElement): Map<string, string> {
  const prefixes = new Map<string, string>();
  for (const [name, value] of Object.entries(root.attributes)) if (name.startsWith('xmlns:')) prefixes.set(value, name.slice('xmlns:'.length));
  return prefixes;
}

// ── A minimal XML reader ──────────────────────────────────────────────────────

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE = /\s*([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/** Elements, attributes and text (entities and CDATA decoded); comments and processing instructions skipped. */
export function readXml(text: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let at = 0;
  const fail = (message: string): never => {
    const line = text.slice(0, at).split('\n').length;
    throw new Error(`XML, line ${line}: ${message}`);
  };
  const appendText = (piece: string): void => {
    if (stack.length > 0) stack[stack.length - 1].text += piece;
    else if (piece.trim() !== '') fail('text outside the root element');
  };
  while (at < text.length) {
    const open = text.indexOf('<', at);
    if (open < 0) {
      appendText(decode(text.slice(at), fail));
      break;
    }
    if (open > at) appendText(decode(text.slice(at, open), fail));
    at = open;
    if (text.startsWith('<!--', at)) {
      const end = text.indexOf('-->', at);
      if (end < 0) fail('unterminated comment');
      at = end + 3;
    } else if (text.startsWith('<![CDATA[', at)) {
      const end = text.indexOf(']]>', at);
      if (end < 0) fail('unterminated CDATA section');
      appendText(text.slice(at + 9, end));
      at = end + 3;
    } else if (text.startsWith('<?', at)) {
      const end = text.indexOf('?>', at);
      if (end < 0) fail('unterminated processing instruction');
      at = end + 2;
    } else if (text.startsWith('<!', at)) {
      fail('DOCTYPE and other declarations are not read');
    } else if (text.startsWith('</', at)) {
      NAME.lastIndex = at + 2;
      const name = NAME.exec(text)?.[0];
      const element = stack.pop();
      if (!name || !element || localName(name) !== element.name) fail(`unexpected end tag </${name ?? ''}>`);
      const end = text.indexOf('>', at);
      if (end < 0) fail('unterminated end tag');
      at = end + 1;
    } else {
      NAME.lastIndex = at + 1;
      const name = NAME.exec(text)?.[0];
      if (!name) fail('a tag without a name');
      at = NAME.lastIndex;
      const attributes: Record<string, string> = {};
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const match = ATTRIBUTE.exec(text);
        if (!match) break;
        attributes[match[1]] = decode(match[2] ?? match[3], fail);
        at = ATTRIBUTE.lastIndex;
      }
      const rest = /\s*(\/?)>/y;
      rest.lastIndex = at;
      const close = rest.exec(text);
      if (!close) fail(`malformed tag <${name}>`);
      at = rest.lastIndex;
      const element: XmlElement = { name: localName(name as string), attributes, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (root) fail('a second root element');
      else root = element;
      if (close?.[1] !== '/') stack.push(element);
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is not closed`);
  if (!root) fail('no root element');
  return root as XmlElement;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string, fail: (message: string) => never): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (_whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? fail(`unknown entity &${entity};`);
  });
}
