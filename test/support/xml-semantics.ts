import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Parser } from 'saxen';

/**
 * Semantic comparison of two BPMN (or any XML) documents, independent of bpmn-moddle so that what
 * moddle or bpmn-js lose is visible: namespace prefixes, attribute order, the order of differently
 * named siblings, number spelling (100.0 = 100) and insignificant whitespace do not count; every
 * element, attribute, text, reference and line break does. Same-named siblings keep their order
 * (waypoints, incoming, flowNodeRef). An attribute spelled out with its schema default
 * (isCollection="false", startQuantity="1") is the same as an absent one: bpmn-moddle leaves those out.
 */
export interface XmlNode {
  name: string;
  attrs: Map<string, string>;
  text: string;
  children: XmlNode[];
}

const SHORT: Record<string, string> = {
  'http://www.omg.org/spec/BPMN/20100524/MODEL': 'bpmn',
  'http://www.omg.org/spec/BPMN/20100524/DI': 'bpmndi',
  'http://www.omg.org/spec/DD/20100524/DC': 'dc',
  'http://www.omg.org/spec/DD/20100524/DI': 'di',
  'http://www.w3.org/2001/XMLSchema-instance': 'xsi',
};
/** Diagram interchange attributes are numbers however they are spelt (11.0 = 11). */
const NUMERIC_NAMESPACES = ['dc:', 'di:', 'bpmndi:'];

/** Attribute defaults from the BPMN schema as bpmn-moddle declares it, by prefix and attribute name. */
const DEFAULTS = ((): Map<string, string> => {
  const require = createRequire(import.meta.url);
  const defaults = new Map<string, string>();
  const conflicting = new Set<string>();
  for (const file of ['bpmn.json', 'bpmndi.json']) {
    const schema = JSON.parse(readFileSync(require.resolve(`bpmn-moddle/resources/bpmn/json/${file}`), 'utf8')) as { prefix: string; types: { properties?: { name: string; isAttr?: boolean; default?: unknown }[] }[] };
    for (const type of schema.types) {
      for (const property of type.properties ?? []) {
        if (!property.isAttr || property.default === undefined) continue;
        const key = `${schema.prefix}:${property.name}`;
        if (defaults.has(key) && defaults.get(key) !== String(property.default)) conflicting.add(key);
        defaults.set(key, String(property.default));
      }
    }
  }
  for (const key of conflicting) defaults.delete(key);
  return defaults;
})();

function isDefault(elementName: string, attrName: string, value: string): boolean {
  const prefix = elementName.slice(0, elementName.indexOf(':'));
  const fallback = DEFAULTS.get(`${prefix}:${attrName}`);
  if (fallback === undefined) return false;
  return fallback === value.trim() || (fallback !== '' && !Number.isNaN(Number(fallback)) && Number(fallback) === Number(value));
}

function shortName(uri: string | undefined, local: string): string {
  if (!uri) return local;
  return `${SHORT[uri] ?? `{${uri}}`}:${local}`;
}

/** XML attribute-value normalisation: literal tabs and line ends become spaces, character references stay. */
function attributeValue(raw: string, decode: (text: string) => string): string {
  return decode(raw.replace(/\r\n|[\t\n\r]/g, ' '));
}

export function parseXml(xml: string): XmlNode {
  // XML line-end normalisation happens before parsing: a raw CR LF or CR is a LF.
  const source = xml.replace(/\r\n?/g, '\n');
  const parser = new Parser();
  const root: XmlNode = { name: '#document', attrs: new Map(), text: '', children: [] };
  const stack: { node: XmlNode; scope: Map<string, string> }[] = [{ node: root, scope: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]) }];
  let failure: Error | undefined;
  parser.on('error', (error: Error) => {
    failure = error;
  });
  parser.on('openTag', (tagName: string, getAttrs: () => Record<string, string>, decode: (text: string) => string) => {
    const raw = getAttrs();
    const scope = new Map(stack[stack.length - 1]!.scope);
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'xmlns') scope.set('', attributeValue(value, decode));
      else if (key.startsWith('xmlns:')) scope.set(key.slice(6), attributeValue(value, decode));
    }
    const resolve = (qualified: string, useDefault: boolean): string => {
      const colon = qualified.indexOf(':');
      if (colon < 0) return shortName(useDefault ? scope.get('') : undefined, qualified);
      return shortName(scope.get(qualified.slice(0, colon)) ?? `?${qualified.slice(0, colon)}`, qualified.slice(colon + 1));
    };
    const name = resolve(tagName, true);
    const attrs = new Map<string, string>();
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      const attrName = resolve(key, false);
      let attr = attributeValue(value, decode);
      if (attrName === 'xsi:type') attr = resolve(attr, true);
      if (NUMERIC_NAMESPACES.some((prefix) => name.startsWith(prefix)) && attr.trim() !== '' && !Number.isNaN(Number(attr))) attr = String(Number(attr));
      // A waypoint is a dc:Point by the schema; saying so is optional.
      if (name === 'di:waypoint' && attrName === 'xsi:type' && attr === 'dc:Point') continue;
      if (!attrName.includes(':') && isDefault(name, attrName, attr)) continue;
      attrs.set(attrName, attr);
    }
    // <formalExpression> is the substitution-group spelling of <expression xsi:type="tFormalExpression">.
    if (name === 'bpmn:formalExpression') attrs.set('xsi:type', 'bpmn:tFormalExpression');
    const node: XmlNode = { name: name === 'bpmn:formalExpression' ? 'bpmn:expression' : name, attrs, text: '', children: [] };
    stack[stack.length - 1]!.node.children.push(node);
    // saxen reports a closeTag for self-closing elements too.
    stack.push({ node, scope });
  });
  parser.on('closeTag', () => {
    stack.pop();
  });
  parser.on('text', (text: string, decode: (text: string) => string) => {
    stack[stack.length - 1]!.node.text += decode(text);
  });
  parser.on('cdata', (text: string) => {
    stack[stack.length - 1]!.node.text += text;
  });
  parser.parse(source);
  if (failure) throw failure;
  const document = root.children[0];
  if (!document) throw new Error('no root element');
  return document;
}

function label(node: XmlNode): string {
  const id = node.attrs.get('id');
  const ref = node.attrs.get('bpmnElement');
  return `${node.name}${id ? `#${id}` : ''}${ref ? `[${ref}]` : ''}`;
}

function groupByName(children: XmlNode[]): Map<string, XmlNode[]> {
  const groups = new Map<string, XmlNode[]>();
  for (const child of children) groups.set(child.name, [...(groups.get(child.name) ?? []), child]);
  return groups;
}

/** Pairs same-named siblings by id where they have one, else by position. */
function pairUp(before: XmlNode[], after: XmlNode[]): [XmlNode | undefined, XmlNode | undefined][] {
  const keyed = (nodes: XmlNode[]) => nodes.every((node) => node.attrs.has('id')) && new Set(nodes.map((node) => node.attrs.get('id'))).size === nodes.length;
  if (keyed(before) && keyed(after)) {
    const afterById = new Map(after.map((node) => [node.attrs.get('id'), node]));
    const pairs: [XmlNode | undefined, XmlNode | undefined][] = before.map((node) => [node, afterById.get(node.attrs.get('id'))]);
    const beforeIds = new Set(before.map((node) => node.attrs.get('id')));
    for (const node of after) if (!beforeIds.has(node.attrs.get('id'))) pairs.push([undefined, node]);
    return pairs;
  }
  const pairs: [XmlNode | undefined, XmlNode | undefined][] = [];
  for (let index = 0; index < Math.max(before.length, after.length); index++) pairs.push([before[index], after[index]]);
  return pairs;
}

function compareNodes(before: XmlNode, after: XmlNode, path: string, differences: string[]): void {
  const here = `${path}/${label(before)}`;
  for (const [key, value] of before.attrs) {
    if (!after.attrs.has(key)) differences.push(`${here}: attribute ${key}=${JSON.stringify(value)} lost`);
    else if (after.attrs.get(key) !== value) differences.push(`${here}: attribute ${key} ${JSON.stringify(value)} became ${JSON.stringify(after.attrs.get(key))}`);
  }
  for (const [key, value] of after.attrs) if (!before.attrs.has(key)) differences.push(`${here}: attribute ${key}=${JSON.stringify(value)} added`);
  const textBefore = before.text.trim();
  const textAfter = after.text.trim();
  if (textBefore !== textAfter) differences.push(`${here}: text ${JSON.stringify(textBefore.slice(0, 80))} became ${JSON.stringify(textAfter.slice(0, 80))}`);
  const groupsBefore = groupByName(before.children);
  const groupsAfter = groupByName(after.children);
  for (const name of new Set([...groupsBefore.keys(), ...groupsAfter.keys()])) {
    for (const [left, right] of pairUp(groupsBefore.get(name) ?? [], groupsAfter.get(name) ?? [])) {
      if (left && right) compareNodes(left, right, here, differences);
      else if (left) differences.push(`${here}: element ${label(left)} lost`);
      else if (right) differences.push(`${here}: element ${label(right)} added`);
    }
  }
}

/** What differs semantically between two serialisations, one line per difference; empty when equal. */
export function semanticDifferences(beforeXml: string, afterXml: string): string[] {
  const differences: string[] = [];
  const before = parseXml(beforeXml);
  const after = parseXml(afterXml);
  if (before.name !== after.name) return [`root ${before.name} became ${after.name}`];
  compareNodes(before, after, '', differences);
  return differences;
}
