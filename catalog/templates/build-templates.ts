// Writes the default process templates (catalog/templates/*.bpmn), one per family of matter
// types. Run: npx tsx catalog/templates/build-templates.ts (the output is committed).
// Placeholders __DEPARTMENT__ and __UNIT__ are filled in when a department copies a template.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEMPLATES, type TemplateStep, type ProcessTemplate } from '../binding/template-catalog.js';
import { definitionsOpening } from '../bpmn-definitions.js';
import { formDefinition, STEP_FORMS, userTaskForms } from './task-forms.js';

const here = dirname(fileURLToPath(import.meta.url));
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

// FEEL routing (D10): the step goes to the unit the catalog's implementation entry names for the case's
// region (a bureau's town branch: its department and town), else to the department that copied the template.
const handledBy = (variable: string) => `=if ${variable} = null then "__DEPARTMENT__" else ${variable}`;

function sla(step: { statutory?: string; calendar?: string; slaProfile?: string; response?: string; operatingStep?: string }): string {
  const attributes = step.slaProfile
    ? [['profile', step.slaProfile]]
    : step.statutory
      ? [['statutory', step.statutory], ['calendar', step.calendar ?? 'working']]
      : [];
  if (step.response) attributes.push(['response', step.response]);
  if (step.operatingStep) attributes.push(['step', step.operatingStep]);
  return attributes.length > 0 ? `\n        <gov:sla ${attributes.map(([name, value]) => `${name}="${esc(value)}"`).join(' ')} />` : '';
}

function task(step: TemplateStep, form?: { id: string }): string {
  return `    <bpmn:userTask id="${step.id}" name="${esc(step.name)}">
      <bpmn:documentation>${esc(step.note)}</bpmn:documentation>
      <bpmn:extensionElements>${form ? `\n        ${formDefinition(form)}` : ''}
        <zeebe:assignmentDefinition candidateGroups="${esc(step.group)}" />
        <gov:handling department="${esc(handledBy(step.unitVariable))}" unit="__UNIT__" />${sla(step)}
      </bpmn:extensionElements>
    </bpmn:userTask>`;
}

interface Shape { id: string; x: number; y: number; w: number; h: number }

function build(template: ProcessTemplate): string {
  const elements: string[] = [];
  const flows: Array<{ id: string; from: string; to: string; name?: string; condition?: string; waypoints: Array<[number, number]> }> = [];
  const shapes: Shape[] = [];
  const Y = 160;
  let x = 152;
  const start: Shape = { id: 'Start', x, y: Y + 22, w: 36, h: 36 };
  shapes.push(start);
  elements.push(`    <bpmn:startEvent id="Start" name="${esc(template.startName)}" />`);
  let previous: Shape = start;
  const connect = (from: Shape, to: Shape, id: string, extra: { name?: string; condition?: string } = {}) =>
    flows.push({ id, from: from.id, to: to.id, ...extra, waypoints: [[from.x + from.w, from.y + from.h / 2], [to.x, to.y + to.h / 2]] });
  x += 88;
  // A step gets its embedded form where its choice decides the way on: 受理 (the acceptance gateway), the permit's 决定.
  const forms: Array<{ id: string }> = [];
  template.steps.forEach((step, index) => {
    const shape: Shape = { id: step.id, x, y: Y, w: 100, h: 80 };
    shapes.push(shape);
    const form = (step.id === 'Task_Accept' && template.acceptanceGateway) || (step.id === 'Task_Decide' && template.key === 'administrative-permit') ? STEP_FORMS[step.id] : undefined;
    if (form) forms.push(form);
    elements.push(task(step, form));
    connect(previous, shape, `Flow_${index}`);
    previous = shape;
    x += 160;
    if (index === 0 && template.acceptanceGateway) {
      const gateway: Shape = { id: 'Gateway_Acceptance', x: x - 5, y: Y + 15, w: 50, h: 50 };
      shapes.push(gateway);
      // No default flow: 不予受理 is a decision the clerk states, never what happens when the choice is missing.
      elements.push(`    <bpmn:exclusiveGateway id="Gateway_Acceptance" name="是否受理？" />`);
      connect(shape, gateway, 'Flow_ToAcceptance');
      const supplement: Shape = { id: 'Task_Supplement', x: x - 30, y: Y + 140, w: 100, h: 80 };
      shapes.push(supplement);
      elements.push(task({ id: 'Task_Supplement', name: '一次性告知补正材料', group: '受理窗口', unitVariable: 'acceptingUnit', note: '材料不齐全或不符合法定形式的，当场或者五日内一次告知需要补正的全部内容（行政许可法 第三十二条）；补正期间不计入办理时限。' }));
      flows.push({ id: 'Flow_NeedsSupplement', from: 'Gateway_Acceptance', to: 'Task_Supplement', name: '补正', condition: '=acceptance = "补正"', waypoints: [[x + 20, Y + 65], [x + 20, Y + 140]] });
      flows.push({ id: 'Flow_Resubmitted', from: 'Task_Supplement', to: step.id, name: '补正后重新受理', waypoints: [[x - 30, Y + 180], [shape.x + 50, Y + 180], [shape.x + 50, Y + 80]] });
      const rejected: Shape = { id: 'End_NotAccepted', x: x + 2, y: Y - 100, w: 36, h: 36 };
      shapes.push(rejected);
      elements.push(`    <bpmn:endEvent id="End_NotAccepted" name="不予受理" />`);
      flows.push({ id: 'Flow_Rejected', from: 'Gateway_Acceptance', to: 'End_NotAccepted', name: '不予受理', condition: '=acceptance = "不予受理"', waypoints: [[x + 20, Y + 15], [x + 20, Y - 64]] });
      previous = gateway;
      const next = template.steps[1];
      if (next) {
        x += 100;
        flows.push({ id: 'Flow_Accepted', from: 'Gateway_Acceptance', to: next.id, name: '受理', condition: '=acceptance = "受理"', waypoints: [[gateway.x + 50, Y + 40], [x, Y + 40]] });
        previous = { id: '__skip__', x: 0, y: 0, w: 0, h: 0 };
      }
    }
  });
  const end: Shape = { id: 'End_Done', x: x + 2, y: Y + 22, w: 36, h: 36 };
  shapes.push(end);
  elements.push(`    <bpmn:endEvent id="End_Done" name="${esc(template.endName)}" />`);
  connect(previous, end, 'Flow_ToEnd');
  // The acceptance gateway replaced one plain flow: drop the placeholder it left.
  const realFlows = flows.filter((flow) => flow.from !== '__skip__');

  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const flow of realFlows) {
    (outgoing.get(flow.from) ?? outgoing.set(flow.from, []).get(flow.from)!).push(flow.id);
    (incoming.get(flow.to) ?? incoming.set(flow.to, []).get(flow.to)!).push(flow.id);
  }
  const withRefs = elements.map((xml) => {
    const id = /id="([^"]+)"/.exec(xml)![1];
    const refs = [...(incoming.get(id) ?? []).map((f) => `      <bpmn:incoming>${f}</bpmn:incoming>`), ...(outgoing.get(id) ?? []).map((f) => `      <bpmn:outgoing>${f}</bpmn:outgoing>`)].join('\n');
    if (!refs) return xml;
    if (xml.endsWith('/>')) return `${xml.slice(0, -3)}>\n${refs}\n    </${/<(bpmn:\w+)/.exec(xml)![1]}>`;
    return xml.replace(/\n {4}<\/(bpmn:\w+)>$/, `\n${refs}\n    </$1>`);
  });
  const flowXml = realFlows.map((flow) =>
    flow.condition
      ? `    <bpmn:sequenceFlow id="${flow.id}"${flow.name ? ` name="${esc(flow.name)}"` : ''} sourceRef="${flow.from}" targetRef="${flow.to}">\n      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(flow.condition)}</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>`
      : `    <bpmn:sequenceFlow id="${flow.id}"${flow.name ? ` name="${esc(flow.name)}"` : ''} sourceRef="${flow.from}" targetRef="${flow.to}" />`,
  );
  const shapeXml = shapes.map(
    (s) => `      <bpmndi:BPMNShape id="${s.id}_di" bpmnElement="${s.id}"${s.id.startsWith('Gateway') ? ' isMarkerVisible="true"' : ''}>\n        <dc:Bounds x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" />\n      </bpmndi:BPMNShape>`,
  );
  const edgeXml = realFlows.map((flow) => `      <bpmndi:BPMNEdge id="${flow.id}_di" bpmnElement="${flow.id}">\n${flow.waypoints.map(([wx, wy]) => `        <di:waypoint x="${wx}" y="${wy}" />`).join('\n')}\n      </bpmndi:BPMNEdge>`);

  return `${definitionsOpening(`Definitions_${template.processId}`, 'http://matterflow.dev/templates')}
  <!-- ${esc(template.comment)} -->
  <bpmn:process id="${template.processId}" name="${esc(template.name)}" isExecutable="true">
    <bpmn:documentation>${esc(template.note)}</bpmn:documentation>
    <bpmn:extensionElements>
      <zeebe:versionTag value="template-1" />${forms.length ? `\n${userTaskForms(forms, '      ')}` : ''}
      <gov:handling department="__DEPARTMENT__" unit="__UNIT__" />${template.statutory ? `\n      <gov:sla statutory="${template.statutory}" calendar="${template.calendar ?? 'working'}" warnAt="0.8"${template.slaProfile ? ` profile="${template.slaProfile}"` : ''} />` : ''}
    </bpmn:extensionElements>
${withRefs.join('\n')}
${flowXml.join('\n')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${template.processId}">
    <bpmndi:BPMNPlane id="Plane_${template.processId}" bpmnElement="${template.processId}">
${shapeXml.join('\n')}
${edgeXml.join('\n')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

for (const template of TEMPLATES) {
  if (template.handWritten) continue;
  writeFileSync(join(here, template.file), build(template), 'utf8');
  console.log(`wrote ${template.file}`);
}
