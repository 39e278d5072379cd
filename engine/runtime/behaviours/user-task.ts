import type { Behaviour } from './behaviour.js';

/** Waits for a person: the task row is created from this effect, with its assignment resolved now. */
export const userTask: Behaviour = {
  activate(execution, node, instance) {
    const definition = node.userTask ?? {};
    const resolved: Record<string, string | string[] | undefined> = {};
    for (const field of ['department', 'assignee', 'candidateGroups', 'candidateUsers', 'dueDate'] as const) {
      const result = execution.resolve(definition[field], instance.id);
      if (!result.ok) {
        execution.raiseIncident(instance, 'EXPRESSION_FAILED', `${field} of '${node.id}': ${result.message}`, `“${node.id}”的${field}：${result.messageZh}`, 'activate');
        return;
      }
      resolved[field] = field.startsWith('candidate') ? toList(result.value) : result.value == null ? undefined : String(result.value);
    }
    instance.phase = 'waiting';
    instance.waitsFor = 'userTask';
    const department = (resolved.department as string | undefined) || execution.model.gov.department;
    execution.emit({
      type: 'userTask.created',
      elementInstanceId: instance.id,
      elementId: node.id,
      ...(node.name ? { name: node.name } : {}),
      ...(department ? { department } : {}),
      ...(resolved.assignee ? { assignee: resolved.assignee as string } : {}),
      candidateGroups: (resolved.candidateGroups as string[] | undefined) ?? [],
      candidateUsers: (resolved.candidateUsers as string[] | undefined) ?? [],
      ...(resolved.dueDate ? { dueDate: resolved.dueDate as string } : {}),
      ...(definition.formKey ? { formKey: definition.formKey } : {}),
      ...(definition.formId ? { formId: definition.formId } : {}),
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
