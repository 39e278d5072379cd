import { randomUUID } from 'node:crypto';
import type { UserTaskCreated } from '../../runtime/index.js';
import type { InstanceScope } from './instance-scope.js';
import { jsonb } from '../jsonb.js';

export async function createUserTask(scope: InstanceScope, effect: UserTaskCreated): Promise<void> {
  const { unit, instanceId, department } = scope;
  const taskDepartment = effect.department ?? department;
  // A task routed to a unit belongs to the unit's region; otherwise to the case's.
  const region = effect.regionCode ? { code: effect.regionCode, path: effect.regionPath ?? `/${effect.regionCode}/` } : scope.region;
  await unit.defer({
    kind: 'insert',
    table: 'user_tasks',
    values: {
      id: randomUUID(), instance_id: instanceId, department: taskDepartment, element_instance_id: effect.elementInstanceId, element_id: effect.elementId, name: effect.name ?? null,
      assignee: effect.assignee ?? null, candidate_groups: effect.candidateGroups, candidate_users: effect.candidateUsers, state: 'created', due_date: effect.dueDate ?? null,
      form_key: effect.formKey ?? null, form_id: effect.formId ?? null, created_at: unit.now, unit: effect.unit ?? null, region_code: region.code, region_path: region.path,
      priority: effect.priority ?? 50, follow_up_date: effect.followUpDate ?? null, headers: jsonb(effect.headers), properties: jsonb(effect.properties),
    },
    key: `task:${instanceId}:${effect.elementInstanceId}`,
  });
  scope.record({
    type: 'userTask.created',
    elementId: effect.elementId,
    elementType: 'userTask',
    ...(effect.name ? { elementName: effect.name } : {}),
    elementInstanceId: effect.elementInstanceId,
    data: {
      department: taskDepartment,
      ...(effect.unit ? { unit: effect.unit } : {}),
      ...(region.code ? { regionCode: region.code } : {}),
      assignee: effect.assignee ?? null,
      candidateGroups: effect.candidateGroups,
      ...(effect.candidateUsers.length > 0 ? { candidateUsers: effect.candidateUsers } : {}),
    },
  });
}

/** A task whose element was left (boundary event, cancel, token moved) is canceled, not deleted. */
export async function cancelUserTask(scope: InstanceScope, elementInstanceId: string): Promise<void> {
  const rows = await scope.unit.tx.query<{ id: string; element_id: string; name: string | null }>(
    `UPDATE user_tasks SET state = 'canceled', ended_at = $3 WHERE instance_id = $1 AND element_instance_id = $2 AND state = 'created' RETURNING id, element_id, name`,
    [scope.instanceId, elementInstanceId, scope.unit.now],
  );
  for (const row of rows) {
    scope.record({ type: 'userTask.canceled', elementId: row.element_id, elementType: 'userTask', ...(row.name ? { elementName: row.name } : {}), elementInstanceId, data: { taskId: row.id } });
  }
}
