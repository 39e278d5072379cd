import { parseInstant } from '../../time/iso-clock.js';
import type { Routing } from '../services.js';
import type { Behaviour } from './behaviour.js';

/** Camunda 8's default user task priority (the range is 0–100). */
const DEFAULT_PRIORITY = 50;

/** Waits for a person: the task row is created from this effect, with its routing, assignment, dates and priority resolved now. */
export const userTask: Behaviour = {
  activate(execution, node, instance) {
    const definition = node.userTask ?? {};
    const fail = (message: string, messageZh: string) => execution.raiseIncident(instance, 'EXPRESSION_FAILED', message, messageZh, 'activate');
    const resolved: Record<string, string | string[] | undefined> = {};
    for (const field of ['assignee', 'candidateGroups', 'candidateUsers', 'dueDate', 'followUpDate'] as const) {
      const result = execution.resolve(definition[field], instance.id);
      if (!result.ok) return fail(`${field} of '${node.id}': ${result.message}`, `“${node.id}”的${field}：${result.messageZh}`);
      resolved[field] = field.startsWith('candidate') ? toList(result.value) : result.value == null ? undefined : String(result.value);
      if ((field === 'dueDate' || field === 'followUpDate') && resolved[field] !== undefined) {
        // FEEL's date and time values come zoned (`…@Asia/Shanghai`): stored as the instant they mean.
        const instant = parseInstant(resolved[field] as string);
        const text = JSON.stringify(resolved[field]);
        if (!instant) return fail(`${field} of '${node.id}' must be a date-time, e.g. 2025-10-01T17:00:00+08:00, got ${text}`, `“${node.id}”的${field}必须是日期时间，例如 2025-10-01T17:00:00+08:00，实际为 ${text}`);
        resolved[field] = instant.toISOString();
      }
    }
    const priority = execution.resolve(definition.priority, instance.id);
    const priorityValue = priority.ok ? (priority.value === undefined || priority.value === null ? DEFAULT_PRIORITY : Number(priority.value)) : Number.NaN;
    if (!Number.isInteger(priorityValue) || priorityValue < 0 || priorityValue > 100) {
      const why = priority.ok ? `must be a whole number from 0 to 100, got ${JSON.stringify(priority.value)}` : priority.message;
      const whyZh = priority.ok ? `必须是 0 到 100 的整数，实际为 ${JSON.stringify(priority.value)}` : priority.messageZh;
      return fail(`Priority of '${node.id}': ${why}`, `“${node.id}”的优先级：${whyZh}`);
    }
    // A candidate set computed from case data that comes out empty would leave the task to the whole department: refuse it.
    for (const field of ['candidateGroups', 'candidateUsers'] as const) {
      const source = definition[field];
      if (source && 'expression' in source && (resolved[field] as string[]).length === 0 && !resolved.assignee) {
        const other = field === 'candidateGroups' ? resolved.candidateUsers : resolved.candidateGroups;
        if ((other as string[]).length > 0) continue;
        const message = `${field} of user task '${node.id}' evaluated to an empty set: nobody could work on the task`;
        const messageZh = `用户任务“${node.name ?? node.id}”的${field === 'candidateGroups' ? '候选岗位' : '候选人'}计算结果为空：没有人能办理该任务`;
        execution.raiseIncident(instance, 'ROUTING_FAILED', message, messageZh, 'activate');
        return;
      }
    }
    const routing = route(execution, node, instance.id);
    if (!routing.ok) {
      execution.raiseIncident(instance, routing.type, routing.message, routing.messageZh, 'activate');
      return;
    }
    instance.phase = 'waiting';
    instance.waitsFor = 'userTask';
    const { department, unit, regionCode } = routing.value;
    const regionPath = regionCode ? execution.services.directory?.regionPath(regionCode) : undefined;
    execution.emit({
      type: 'userTask.created',
      elementInstanceId: instance.id,
      elementId: node.id,
      ...(node.name ? { name: node.name } : {}),
      ...(department ? { department } : {}),
      ...(unit ? { unit } : {}),
      ...(regionCode ? { regionCode } : {}),
      ...(regionPath ? { regionPath } : {}),
      ...(resolved.assignee ? { assignee: resolved.assignee as string } : {}),
      candidateGroups: (resolved.candidateGroups as string[] | undefined) ?? [],
      candidateUsers: (resolved.candidateUsers as string[] | undefined) ?? [],
      ...(resolved.dueDate ? { dueDate: resolved.dueDate as string } : {}),
      ...(resolved.followUpDate ? { followUpDate: resolved.followUpDate as string } : {}),
      priority: priorityValue,
      ...(definition.headers ? { headers: { ...definition.headers } } : {}),
      ...(node.properties ? { properties: { ...node.properties } } : {}),
      ...(definition.formKey ? { formKey: definition.formKey } : {}),
      ...(definition.formId ? { formId: definition.formId } : {}),
    });
  },
};

type Execution = Parameters<Behaviour['activate']>[0];
type Node = Parameters<Behaviour['activate']>[1];
type Routed = { ok: true; value: Partial<Routing> } | { ok: false; type: 'EXPRESSION_FAILED' | 'ROUTING_FAILED'; message: string; messageZh: string };

/**
 * The department (and, for a unit, the unit and its region) that handles the task: its own
 * gov:handling, else the process's. A value computed by FEEL must name a department or unit the
 * directory knows, so a task never lands where nobody can see it; a fixed value was checked when
 * the model was deployed.
 */
function route(execution: Execution, node: Node, scopeId: string): Routed {
  const source = (node.userTask?.handling ?? execution.model.handling)?.department;
  if (!source) return { ok: true, value: {} };
  const name = node.name ?? node.id;
  const result = execution.resolve(source, scopeId);
  if (!result.ok) return { ok: false, type: 'EXPRESSION_FAILED', message: `gov:handling department of '${node.id}': ${result.message}`, messageZh: `“${name}”的办理部门：${result.messageZh}` };
  if (result.value == null || result.value === '') {
    return { ok: false, type: 'ROUTING_FAILED', message: `gov:handling department of user task '${node.id}' evaluated to null: no department would handle it`, messageZh: `用户任务“${name}”的办理部门计算结果为空：没有部门能办理该任务` };
  }
  const code = String(result.value);
  const directory = execution.services.directory;
  const found = directory ? directory.route(code) : { department: code };
  if (found) return { ok: true, value: found };
  if ('static' in source) return { ok: true, value: { department: code } };
  return {
    ok: false,
    type: 'ROUTING_FAILED',
    message: `gov:handling department of user task '${node.id}' evaluated to '${code}', which is no known department or unit`,
    messageZh: `用户任务“${name}”的办理部门计算结果为“${code}”，不是已知的部门或单位`,
  };
}

/** Zeebe accepts a comma-separated string or a FEEL list for candidate groups and users. */
function toList(value: unknown): string[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value.map(String).filter((entry) => entry !== '');
  return String(value)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
