import fs from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { bundleProcessXml, type BundleProcessInput } from '../../../catalog/bundles/bundle-process.js';
import { fillTemplate, TEMPLATES } from '../../../catalog/binding/process-templates.js';
import type { Matter } from '../../../catalog/model.js';

// The diagrams the server generates or ships (一件事 flows, templates, examples): no two shapes overlap, and
// no label overlaps a shape or another label. Labels without bounds in the DI are placed as bpmn-js places
// them (centred under an event or gateway, 90 px wide, about 11 px a Chinese character, 14 px a line); the
// browser test (test/browser/modeler.test.ts) checks the labels bpmn-js really draws.
const moddle = new BpmnModdle({ gov: JSON.parse(fs.readFileSync('engine/model/gov-moddle.json', 'utf8')), zeebe: JSON.parse(fs.readFileSync('node_modules/zeebe-bpmn-moddle/resources/zeebe.json', 'utf8')) });

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Node {
  $type: string;
  id?: string;
  name?: string;
  [key: string]: unknown;
}

function models(): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (const file of fs.readdirSync('examples').filter((name) => name.endsWith('.bpmn')).sort()) result.push([`examples/${file}`, fs.readFileSync(`examples/${file}`, 'utf8')]);
  for (const template of TEMPLATES) result.push([`template ${template.key}`, fillTemplate(template, { department: 'SCJGJ' })]);
  const matters = new Map((JSON.parse(fs.readFileSync('catalog/sample/matters.json', 'utf8')) as { matters: Matter[] }).matters.map((matter) => [matter.code, matter]));
  for (const bundle of (JSON.parse(fs.readFileSync('catalog/sample/bundles.json', 'utf8')) as { bundles: BundleProcessInput['bundle'][] }).bundles) {
    result.push([`一件事 ${bundle.name}`, bundleProcessXml({ bundle, matters: new Map(bundle.components.map((component) => [component.matterCode, matters.get(component.matterCode) as Matter])) })]);
  }
  return result;
}

function textWidth(text: string): number {
  return [...text].reduce((sum, char) => sum + (char.charCodeAt(0) > 0x2e80 ? 11 : 6), 0);
}

/** Where bpmn-js draws the label of an element without label bounds (external labels: events, gateways, flows). */
function defaultLabel(element: Node, shape: Node): Box | undefined {
  const name = (element.name ?? '').trim();
  if (!name) return undefined;
  const lines = Math.ceil(textWidth(name) / 90);
  const width = Math.min(90, textWidth(name));
  const height = lines * 14;
  const bounds = shape.bounds as Box | undefined;
  if (bounds) return { id: `${element.id}_label`, x: bounds.x + bounds.width / 2 - width / 2, y: bounds.y + bounds.height, width, height };
  const points = (shape.waypoint as Array<{ x: number; y: number }> | undefined) ?? [];
  if (points.length < 2) return undefined;
  // bpmn-js: the middle of the middle segment.
  const middle = Math.floor((points.length - 2) / 2);
  const x = (points[middle].x + points[middle + 1].x) / 2;
  const y = (points[middle].y + points[middle + 1].y) / 2;
  return { id: `${element.id}_label`, x: x - width / 2, y: y - height / 2, width, height };
}

const EXTERNAL_LABELS = /Event$|Gateway$|SequenceFlow$/;

async function boxesOf(xml: string): Promise<{ shapes: Box[]; labels: Box[] }> {
  const { rootElement } = await moddle.fromXML(xml);
  const shapes: Box[] = [];
  const labels: Box[] = [];
  for (const diagram of ((rootElement as unknown as Node).diagrams as Node[]) ?? []) {
    for (const shape of (((diagram.plane as Node).planeElement as Node[]) ?? [])) {
      const element = shape.bpmnElement as Node;
      const bounds = shape.bounds as Box | undefined;
      if (bounds && !element.$type.endsWith('BoundaryEvent')) shapes.push({ id: String(element.id), x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height });
      const label = (shape.label as Node | undefined)?.bounds as Box | undefined;
      if (label) labels.push({ id: `${element.id}_label`, x: label.x, y: label.y, width: label.width, height: label.height });
      else if (EXTERNAL_LABELS.test(element.$type)) {
        const placed = defaultLabel(element, shape);
        if (placed) labels.push(placed);
      }
    }
  }
  return { shapes, labels };
}

/** Overlap by more than a stroke (a label right under its event touches it). */
function overlaps(a: Box, b: Box, stroke = 2): boolean {
  return a.x + stroke < b.x + b.width && b.x + stroke < a.x + a.width && a.y + stroke < b.y + b.height && b.y + stroke < a.y + a.height;
}

describe('generated and shipped diagrams are laid out without overlaps', () => {
  test.each(models())('%s', async (_name, xml) => {
    const { shapes, labels } = await boxesOf(xml);
    expect(shapes.length).toBeGreaterThan(3);
    const all = [...shapes, ...labels];
    const clashes: string[] = [];
    all.forEach((a, index) => all.slice(index + 1).forEach((b) => overlaps(a, b) && !(index < shapes.length && b.id === `${a.id}_label`) && clashes.push(`${a.id} × ${b.id}`)));
    expect(clashes).toEqual([]);
  });
});
