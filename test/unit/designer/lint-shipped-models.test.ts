import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { bundleProcessXml, type BundleProcessInput } from '../../../catalog/bundles/bundle-process.js';
import { fillTemplate, TEMPLATES } from '../../../catalog/binding/process-templates.js';
import type { Matter } from '../../../catalog/model.js';
import { compileDeployment } from '../../../engine/index.js';

// The designer's checker, as bpmn-js-bpmnlint runs it (the packed config: same rules, same levels), over
// every model the server ships: what the server deploys must lint without errors, what it refuses must be
// flagged, on the element the engine names. test/support/designer-lint.ts lints in a child process.
function lintAll(xmls: string[]): string[][] {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'test/support/designer-lint.ts'], { input: JSON.stringify(xmls), maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output.toString('utf8')) as string[][];
}

/** What the server ships: the examples it seeds, each catalog template filled in, each sample 一件事's generated flow. */
function shippedModels(): Array<[string, string]> {
  const models: Array<[string, string]> = [];
  for (const file of fs.readdirSync('examples').filter((name) => name.endsWith('.bpmn')).sort()) models.push([`examples/${file}`, fs.readFileSync(`examples/${file}`, 'utf8')]);
  const matters = (JSON.parse(fs.readFileSync('catalog/sample/matters.json', 'utf8')) as { matters: Matter[] }).matters;
  for (const template of TEMPLATES) {
    const matter = matters.find((candidate) => template.matterTypes.includes(candidate.matterType));
    models.push([`template ${template.key}`, fillTemplate(template, { department: 'SCJGJ', unitName: '市场监督管理局', matter })]);
  }
  const byCode = new Map(matters.map((matter) => [matter.code, matter]));
  const bundles = (JSON.parse(fs.readFileSync('catalog/sample/bundles.json', 'utf8')) as { bundles: BundleProcessInput['bundle'][] }).bundles;
  for (const bundle of bundles) {
    const components = new Map(bundle.components.map((component) => [component.matterCode, byCode.get(component.matterCode) as Matter]));
    models.push([`一件事 ${bundle.name}`, bundleProcessXml({ bundle, matters: components, leadUnitName: '政务服务数据管理局' })]);
  }
  return models;
}

const models = shippedModels();
const linted = new Map<string, string[]>();
beforeAll(() => {
  const xmls = [...models.map(([, xml]) => xml), ...REFUSED.map(([, xml]) => xml), ...ACCEPTED.map(([, xml]) => xml)];
  lintAll(xmls).forEach((errors, index) => linted.set(xmls[index], errors));
});
const lintErrors = (xml: string): string[] => linted.get(xml) ?? ['not linted'];

describe('the designer checker agrees with the engine on what the server ships', () => {
  test('there is something to check: examples, every template, every sample 一件事', () => {
    expect(models.length).toBeGreaterThanOrEqual(3 + TEMPLATES.length + 4);
  });

  test.each(models)('%s deploys and lints without errors', async (_name, xml) => {
    const compiled = await compileDeployment(xml);
    expect(compiled.ok ? [] : compiled.problems.map((problem) => problem.message)).toEqual([]);
    expect(lintErrors(xml)).toEqual([]);
  });
});

function processXml(body: string, attributes = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:gov="http://matterflow.dev/schema/gov/1.0" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="P" name="许可" isExecutable="true"${attributes}>
    <bpmn:extensionElements><gov:handling department="SCJGJ" /></bpmn:extensionElements>
    <bpmn:startEvent id="Start" name="申请"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    ${body}
    <bpmn:endEvent id="End" name="办结"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Step" />
    <bpmn:sequenceFlow id="f2" sourceRef="Step" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;
}

const step = (tag: string, inner = '', attributes = '') => `<bpmn:${tag} id="Step" name="审查"${attributes}>${inner}<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:${tag}>`;

/** What the engine refuses at deployment, and the element it names. */
const REFUSED: Array<[string, string, string]> = [
  ['a complex gateway', processXml(step('complexGateway')), 'Step'],
  ['a Camunda 7 attribute', processXml(step('userTask', '', ' camunda:asyncBefore="true"')), 'Step'],
  ['user task listeners', processXml(step('userTask', '<bpmn:extensionElements><zeebe:taskListeners><zeebe:taskListener eventType="creating" type="x" /></zeebe:taskListeners></bpmn:extensionElements>')), 'Step'],
  ['a job type on a user task', processXml(step('userTask', '<bpmn:extensionElements><zeebe:taskDefinition type="x" /></bpmn:extensionElements>')), 'Step'],
  ['a boundary event without a trigger', processXml(`${step('userTask')}<bpmn:boundaryEvent id="B" attachedToRef="Step" />`), 'B'],
  ['a timer with two definitions', processXml(`${step('userTask')}<bpmn:boundaryEvent id="B" attachedToRef="Step"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration><bpmn:timeDate>2026-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>`), 'B'],
  ['a condition that is not FEEL', processXml(step('exclusiveGateway')).replace('<bpmn:sequenceFlow id="f2" sourceRef="Step" targetRef="End" />', '<bpmn:sequenceFlow id="f2" sourceRef="Step" targetRef="End"><bpmn:conditionExpression>=if a then "x" else (</bpmn:conditionExpression></bpmn:sequenceFlow>'), 'f2'],
];

/** What the engine executes, though the old hand-kept table said it did not. */
const ACCEPTED: Array<[string, string]> = [
  ['a compensation boundary event with its handler', processXml(`${step('serviceTask', '<bpmn:extensionElements><zeebe:taskDefinition type="pay" /></bpmn:extensionElements>')}<bpmn:boundaryEvent id="B" attachedToRef="Step"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent><bpmn:serviceTask id="Undo" name="退款" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="refund" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:association id="a" associationDirection="One" sourceRef="B" targetRef="Undo" />`)],
  ['a multi-instance subprocess with 政务属性', processXml(step('subProcess', '<bpmn:extensionElements><gov:sla statutory="P5D" calendar="working" /></bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics><bpmn:startEvent id="S2" name="开始"><bpmn:outgoing>g1</bpmn:outgoing></bpmn:startEvent><bpmn:endEvent id="E2" name="结束"><bpmn:incoming>g1</bpmn:incoming></bpmn:endEvent><bpmn:sequenceFlow id="g1" sourceRef="S2" targetRef="E2" />'))],
];

describe('the checker flags what the engine refuses, on the element the engine names', () => {
  test.each(REFUSED)('%s', async (_name, xml, elementId) => {
    const compiled = await compileDeployment(xml);
    expect(compiled.ok).toBe(false);
    const named = compiled.ok ? [] : [...new Set(compiled.problems.map((problem) => problem.elementId))];
    expect(named).toContain(elementId);
    const flagged = lintErrors(xml).filter((error) => error.startsWith('matterflow/engine-executable: '));
    expect([...new Set(flagged.map((error) => error.split(': ')[1]))].sort()).toEqual(named.sort());
  });

  test.each(ACCEPTED)('%s is executed and not flagged', async (_name, xml) => {
    const compiled = await compileDeployment(xml);
    expect(compiled.ok ? [] : compiled.problems.map((problem) => problem.message)).toEqual([]);
    expect(lintErrors(xml).filter((error) => error.startsWith('matterflow/engine-executable: '))).toEqual([]);
  });
});
