import { EXECUTABLE_EVENT_DEFINITIONS, EXECUTABLE_FLOW_NODES, INERT_ELEMENTS, LOOPS_EXECUTABLE } from '../engine-capabilities.js';
import type { LintNode, LintReporter, LintRule } from '../lint-types.js';

/** Properties of a process that bpmnlint visits too; they are not flow elements (a documented process is fine). */
const PROCESS_PROPERTIES = new Set(['bpmn:Documentation', 'bpmn:ExtensionElements']);

function isFlowElementOfProcess(node: LintNode): boolean {
  if (PROCESS_PROPERTIES.has(node.$type)) return false;
  const parentType = node.$parent?.$type;
  return parentType === 'bpmn:Process' || parentType === 'bpmn:SubProcess';
}

/** Flags every element the engine would refuse at deploy time, before the user deploys. */
export default function engineExecutable(): LintRule {
  function check(node: LintNode, reporter: LintReporter): void {
    if (!isFlowElementOfProcess(node) || INERT_ELEMENTS.has(node.$type)) return;
    const typeName = node.$type.replace('bpmn:', '');
    if (!EXECUTABLE_FLOW_NODES.has(node.$type)) {
      reporter.report(node.id, `The engine cannot execute a ${typeName} yet`);
      return;
    }
    const definitions = (node.eventDefinitions as LintNode[] | undefined) ?? [];
    for (const definition of definitions) {
      if (!EXECUTABLE_EVENT_DEFINITIONS.has(definition.$type)) {
        reporter.report(node.id, `The engine cannot execute a ${definition.$type.replace('bpmn:', '')} here yet`, ['eventDefinitions']);
      }
    }
    if (node.loopCharacteristics && !LOOPS_EXECUTABLE) {
      reporter.report(node.id, 'The engine cannot execute loops or multi-instance yet', ['loopCharacteristics']);
    }
  }
  return { check };
}
