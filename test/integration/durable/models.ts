/** Small BPMN models for the durable tests, written as Camunda Modeler (Camunda 8) would save them. */

export function definitions(body: string, roots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  id="Defs" targetNamespace="http://matterflow.dev/test">
${roots}
${body}
</bpmn:definitions>`;
}

/** A process from a list of flow nodes; `flows` as [id, source, target, condition?]. */
export function process(id: string, nodes: string, flows: Array<[string, string, string, string?]>, roots = ''): string {
  const sequence = flows
    .map(([flowId, source, target, condition]) =>
      condition
        ? `<bpmn:sequenceFlow id="${flowId}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression>${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
        : `<bpmn:sequenceFlow id="${flowId}" sourceRef="${source}" targetRef="${target}" />`,
    )
    .join('\n    ');
  return definitions(`  <bpmn:process id="${id}" isExecutable="true">\n    ${nodes}\n    ${sequence}\n  </bpmn:process>`, roots);
}

export const serviceTask = (id: string, type: string, retries = 3) =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" retries="${retries}" /></bpmn:extensionElements></bpmn:serviceTask>`;

export const userTask = (id: string, name = id) => `<bpmn:userTask id="${id}" name="${name}" />`;

export const start = (id = 'Start') => `<bpmn:startEvent id="${id}" />`;
export const end = (id = 'End') => `<bpmn:endEvent id="${id}" />`;

/** start → a timer of one hour → user task 'After' → end. */
export const waitAnHour = (processId: string) =>
  definitions(`<bpmn:process id="${processId}" isExecutable="true">
    ${start()}
    <bpmn:intermediateCatchEvent id="Wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    ${userTask('After')}
    ${end()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait" />
    <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="After" />
    <bpmn:sequenceFlow id="F3" sourceRef="After" targetRef="End" />
  </bpmn:process>`);

/**
 * A permit with a statutory limit on the whole case (gov:sla, 20 working days by default): start → 审查 → end. Started
 * in December, its deadline falls in a year whose official holiday schedule may not be loaded yet.
 */
export const statutoryPermit = (processId: string, options: { name?: string; statutory?: string } = {}) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:gov="http://matterflow.dev/schema/gov/1.0"
  id="Defs_${processId}" targetNamespace="http://matterflow.dev/test">
  <bpmn:process id="${processId}"${options.name ? ` name="${options.name}"` : ''} isExecutable="true">
    <bpmn:extensionElements><gov:sla statutory="${options.statutory ?? 'P20D'}" /></bpmn:extensionElements>
    ${start()}
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task" />
    ${userTask('Task', '审查')}
    <bpmn:sequenceFlow id="F2" sourceRef="Task" targetRef="End" />
    ${end()}
  </bpmn:process>
</bpmn:definitions>`;
