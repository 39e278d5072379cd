import { parseInstant } from '../../time/iso-clock.js';
import type { Behaviour } from './behaviour.js';

/** Camunda 8's default user task priority, and its range. */
const DEFAULT_PRIORITY = 50;

/** Waits for a person: the task row is created from this effect, with its assignment, dates and priority resolved now. */
export const userTask: Behaviour = {
  activate(execution, node, instance) {
    const definition = node.userTask ?? {};
    const resolved: Record<string, string | string[] | undefined> = {};
    for (const field of ['department', 'assignee', 'candidateGroups', 'candidateUsers', 'dueDate', 'followUpDate'] as const) {
      const result = execution.resolve(definition[field], instance.id);
      if (!result.ok) {
        execution.raiseIncident(instance, 'EXPRESSION_FAILED', `${field} of '${node.id}': ${result.message}`, `“${node.id}”的${field}：${result.messageZh}`, 'activate');
        return;
      }
      resolved[field] = field.startsWith('candidate') ? toList(result.value) : result.value == null ? undefined : String(result.value);
      if ((field === 'dueDate' || field === 'followUpDate') && resolved[field] !== undefined) {
        const instant = parseInstant(resolved[field] as string);
        if (!instant) {
          const text = JSON.stringify(resolved[field]);
          execution.raiseIncident(instance, 'EXPRESSION_FAILED', `${field} of '${node.id}' must be a date-time, e.g. 2025-10-01T17:00:00+08:00, got ${text}`, `“${node.id}”的${field}必须是日期时间，例如 2025-10-01T17:00:00+08:00，实际为 ${text}`, 'activate');
          return;
        }
        resolved[field] = instant.toISOString();
      }
    }
    const priority = execution.resolve(definition.priority, instance.id);
    const value = priority.ok ? (priority.value === undefined || priority.value === null ? DEFAULT_PRIORITY : Number(priority.value)) : Number.NaN;
    if (!Number.isInteger(value) || value < 0 || value > 100) {
      const why = priority.ok ? `must be a whole number from 0 to 100, got ${JSON.stringify(priority.value)}` : priority.message;
      const whyZh = priority.ok ? `必须是 0 到 100 的整数，实际为 ${JSON.stringify(priority.value)}` : priority.messageZh;
      execution.raiseIncident(instance, 'EXPRESSION_FAILED', `Priority of '${node.id}': ${why}`, `“${node.id}”的优先级：${whyZh}`, 'activate');
      return;
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
      ...(resolved.followUpDate ? { followUpDate: resolved.followUpDate as string } : {}),
      priority: value,
      ...(definition.headers ? { headers: { ...definition.headers } } : {}),
      ...(node.properties ? { properties: { ...node.properties } } : {}),
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
