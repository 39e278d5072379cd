import type { Behaviour } from './behaviour.js';

/** Waits for a person: the task row is created from this effect, with its assignment resolved now. */
export const userTask: Behaviour = {
  activate(execution, node, elementInstanceId) {
    const definition = node.userTask ?? {};
    const resolved: Record<string, string | string[] | undefined> = {};
    for (const field of ['assignee', 'candidateGroups', 'candidateUsers', 'dueDate'] as const) {
      const result = execution.resolve(definition[field]);
      if (!result.ok) {
        execution.raiseIncident(node, elementInstanceId, 'EXPRESSION_FAILED', `${field}: ${result.message}`, `${field}：${result.messageZh}`);
        return;
      }
      resolved[field] = field.startsWith('candidate') ? toList(result.value) : result.value == null ? undefined : String(result.value);
    }
    execution.wait({ id: elementInstanceId, elementId: node.id, state: 'waiting' });
    const department = node.gov.department ?? execution.model.gov.department;
    execution.effects.push({
      type: 'userTask.created',
      elementInstanceId,
      elementId: node.id,
      ...(node.name ? { name: node.name } : {}),
      ...(department ? { department } : {}),
      ...(resolved.assignee ? { assignee: resolved.assignee as string } : {}),
      candidateGroups: (resolved.candidateGroups as string[] | undefined) ?? [],
      candidateUsers: (resolved.candidateUsers as string[] | undefined) ?? [],
      ...(resolved.dueDate ? { dueDate: resolved.dueDate as string } : {}),
      ...(definition.formKey ? { formKey: definition.formKey } : {}),
    });
  },
};

/** Zeebe accepts a comma-separated string or a FEEL list for candidate groups and users. */
function toList(value: unknown): string[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value.map(String).filter((entry) => entry !== '');
  return String(value)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
