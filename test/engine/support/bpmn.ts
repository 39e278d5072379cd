import { compileDeployment, type ModelProblem, type ProcessModel } from '../../../engine/model/index.js';

/**
 * Small BPMN writers for behaviour tests: a test shows the model it runs, in a few lines of
 * real BPMN XML (the same text Camunda Modeler would write, minus the diagram).
 */
export function definitions(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:gov="http://matterflow.dev/schema/gov/1.0" id="defs" targetNamespace="http://matterflow.dev/test">
${body}
</definitions>`;
}

/** One executable process; `extra` holds root elements such as <message>, <signal>, <error>. */
export function processXml(id: string, body: string, extra = ''): string {
  return definitions(`${extra}<process id="${id}" isExecutable="true">${body}</process>`);
}

/** Sequence flows along a chain of element ids: flows('start', 'task', 'end'). Flow ids are `from-to`. */
export function flows(...ids: string[]): string {
  return ids
    .slice(1)
    .map((target, index) => flow(ids[index], target))
    .join('\n');
}

export function flow(source: string, target: string, condition?: string, id = `${source}-${target}`): string {
  if (!condition) return `<sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"/>`;
  return `<sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><conditionExpression>${escapeXml(condition)}</conditionExpression></sequenceFlow>`;
}

export function serviceTask(id: string, type = id, extra = ''): string {
  return `<serviceTask id="${id}"><extensionElements><zeebe:taskDefinition type="${type}"/>${extra}</extensionElements></serviceTask>`;
}

export function userTask(id: string, extra = '', name = id): string {
  return `<userTask id="${id}" name="${name}">${extra ? `<extensionElements>${extra}</extensionElements>` : ''}</userTask>`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export async function compile(xml: string): Promise<ProcessModel[]> {
  const result = await compileDeployment(xml);
  if (!result.ok) throw new Error(`Model does not compile:\n${result.problems.map((entry) => `${entry.elementId ?? ''}: ${entry.message}`).join('\n')}`);
  return result.processes;
}

export async function compileOne(xml: string): Promise<ProcessModel> {
  return (await compile(xml))[0];
}

export async function problemsOf(xml: string): Promise<ModelProblem[]> {
  const result = await compileDeployment(xml);
  return result.ok ? [] : result.problems;
}
