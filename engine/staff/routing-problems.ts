import type { ModelProblem, ProcessModel } from '../model/index.js';
import type { HandlingDefinition } from '../model/process-model.js';
import type { RoutingDirectory } from '../runtime/services.js';

/**
 * Fixed gov:handling values must name a department or unit the directory knows, so that no
 * deployed step hands its tasks to a department nobody works in. (Values computed by FEEL are
 * checked when the task is created: an unknown one is an incident naming the task.)
 */
export function routingProblems(model: ProcessModel, directory: RoutingDirectory): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const check = (handling: HandlingDefinition | undefined, elementId: string) => {
    const source = handling?.department;
    if (!source || !('static' in source) || directory.route(source.static)) return;
    problems.push({
      code: 'handling.unknown',
      elementId,
      message: `gov:handling department '${source.static}' of '${elementId}' is no known department or unit`,
      messageZh: `“${elementId}”的办理部门“${source.static}”不是已知的部门或单位`,
    });
  };
  check(model.handling, model.id);
  for (const node of model.elements.values()) if (node.userTask) check(node.userTask.handling, node.id);
  return problems;
}
