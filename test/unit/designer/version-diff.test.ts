import fs from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { diffXml } from '../../../designer/src/modeler/version-diff.js';

const gov = JSON.parse(fs.readFileSync('engine/model/gov-moddle.json', 'utf8'));
const zeebe = JSON.parse(fs.readFileSync('node_modules/zeebe-bpmn-moddle/resources/zeebe.json', 'utf8'));
const moddle = new BpmnModdle({ gov, zeebe });

// 受理 → 审查 → (通过?) 办结 | 退回, with a diagram.
const BASE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:gov="http://matterflow.dev/schema/gov/1.0" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="P" name="许可" isExecutable="true">
    <bpmn:extensionElements><gov:handling department="SCJGJ" /></bpmn:extensionElements>
    <bpmn:startEvent id="Start" name="申请"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Accept" name="受理"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="窗口" /><gov:sla statutory="P5D" calendar="working" /></bpmn:extensionElements><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:exclusiveGateway id="Decide" name="是否通过？" default="fNo"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>fYes</bpmn:outgoing><bpmn:outgoing>fNo</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="Done" name="办结"><bpmn:incoming>fYes</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="Back" name="退回"><bpmn:incoming>fNo</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Accept" />
    <bpmn:sequenceFlow id="f2" sourceRef="Accept" targetRef="Decide" />
    <bpmn:sequenceFlow id="fYes" name="通过" sourceRef="Decide" targetRef="Done"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=approved = true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="fNo" sourceRef="Decide" targetRef="Back" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="D"><bpmndi:BPMNPlane id="Pl" bpmnElement="P">
    <bpmndi:BPMNShape id="Start_di" bpmnElement="Start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Accept_di" bpmnElement="Accept"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Decide_di" bpmnElement="Decide" isMarkerVisible="true"><dc:Bounds x="350" y="93" width="50" height="50" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Done_di" bpmnElement="Done"><dc:Bounds x="450" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Back_di" bpmnElement="Back"><dc:Bounds x="450" y="200" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="350" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="fYes_di" bpmnElement="fYes"><di:waypoint x="400" y="118" /><di:waypoint x="450" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="fNo_di" bpmnElement="fNo"><di:waypoint x="375" y="143" /><di:waypoint x="375" y="218" /><di:waypoint x="450" y="218" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

const diff = (after: string, before = BASE) => diffXml(moddle, before, after);
const summary = async (after: string) => (await diff(after)).map((change) => `${change.kind} ${change.id} ${change.aspects.join(',')}`.trim());

describe('version diff', () => {
  test('identical versions have no changes', async () => {
    expect(await diff(BASE)).toEqual([]);
  });

  test('a flow whose target changed is changed, named by its ends', async () => {
    const after = BASE.replace('<bpmn:sequenceFlow id="fNo" sourceRef="Decide" targetRef="Back" />', '<bpmn:sequenceFlow id="fNo" sourceRef="Decide" targetRef="Accept" />');
    const changes = await diff(after);
    expect(changes).toEqual([{ id: 'fNo', kind: 'changed', type: 'bpmn:SequenceFlow', label: '是否通过？ → 受理', aspects: ['target'] }]);
  });

  test('a flow whose source changed is changed', async () => {
    expect(await summary(BASE.replace('id="f2" sourceRef="Accept"', 'id="f2" sourceRef="Start"'))).toEqual(['changed f2 source']);
  });

  test('a changed condition, name and default flow', async () => {
    const after = BASE.replace('=approved = true', '=approved').replace('name="是否通过？" default="fNo"', 'name="审查通过？" default="fYes"');
    expect(await summary(after)).toEqual(['changed Decide name,default', 'changed fYes condition']);
  });

  test('a gov: property, a zeebe: property and a process extension', async () => {
    const after = BASE.replace('statutory="P5D"', 'statutory="P3D"').replace('candidateGroups="窗口"', 'candidateGroups="审查科"').replace('<gov:handling department="SCJGJ" />', '<gov:handling department="ZJJ" />');
    expect(await summary(after)).toEqual(['changed P extension:gov:Handling', 'changed Accept extension:gov:Sla,extension:zeebe:AssignmentDefinition']);
  });

  test('an attribute of another namespace', async () => {
    expect(await summary(BASE.replace('<bpmn:userTask id="Accept" name="受理">', '<bpmn:userTask id="Accept" name="受理" xmlns:ext="urn:x" ext:priority="high">'))).toEqual(['changed Accept attribute']);
  });

  test('an added and a removed element, and a moved one', async () => {
    const after = BASE.replace('<bpmn:endEvent id="Back" name="退回"><bpmn:incoming>fNo</bpmn:incoming></bpmn:endEvent>', '<bpmn:endEvent id="Back2" name="不予受理"><bpmn:incoming>fNo</bpmn:incoming></bpmn:endEvent>')
      .replace('id="fNo" sourceRef="Decide" targetRef="Back"', 'id="fNo" sourceRef="Decide" targetRef="Back2"')
      .replace('bpmnElement="Back"><dc:Bounds x="450" y="200"', 'bpmnElement="Back2"><dc:Bounds x="450" y="200"')
      .replace('<dc:Bounds x="200" y="78"', '<dc:Bounds x="210" y="78"');
    const changes = await diff(after);
    expect(changes.map((change) => `${change.kind} ${change.label} ${change.aspects.join(',')}`.trim())).toEqual(['removed 退回', 'changed 受理 position', 'changed 是否通过？ → 不予受理 target', 'added 不予受理']);
  });
});
