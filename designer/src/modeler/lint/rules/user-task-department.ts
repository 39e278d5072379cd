import type { LintNode, LintReporter, LintRule } from '../lint-types.js';

function handlingDepartment(node: LintNode | undefined): string | undefined {
  const extensionElements = node?.extensionElements as { values?: LintNode[] } | undefined;
  const handling = extensionElements?.values?.find((value) => value.$type === 'gov:Handling');
  const department = handling?.department;
  return typeof department === 'string' && department.trim() ? department : undefined;
}

function owningProcess(node: LintNode): LintNode | undefined {
  let parent = node.$parent;
  while (parent && parent.$type !== 'bpmn:Process') parent = parent.$parent;
  return parent;
}

/**
 * A user task without a handling department (its own or the process's) lands in the department that
 * started the case. The engine runs that, so it is a warning: usually a department was forgotten.
 */
export default function userTaskDepartment(): LintRule {
  function check(node: LintNode, reporter: LintReporter): void {
    if (node.$type !== 'bpmn:UserTask') return;
    if (handlingDepartment(node) || handlingDepartment(owningProcess(node))) return;
    reporter.report(node.id, 'User task has no handling department (gov:Handling): the department that started the case handles it', ['extensionElements']);
  }
  return { check };
}
