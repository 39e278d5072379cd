/** A fresh executable process with one start event, declaring the zeebe: and gov: namespaces. */
export function newDiagramXml(processName: string): string {
  const suffix = Math.random().toString(36).slice(2, 9);
  const processId = `Process_${suffix}`;
  const escapedName = processName.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:gov="http://matterflow.dev/schema/gov/1.0"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="Definitions_${suffix}" targetNamespace="http://bpmn.io/schema/bpmn"
  exporter="Matterflow designer" exporterVersion="0.1.0"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="${processId}" name="${escapedName}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="182" y="162" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
