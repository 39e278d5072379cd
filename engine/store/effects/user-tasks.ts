import { randomUUID } from 'node:crypto';
import type { UserTaskCreated } from '../../runtime/index.js';
import type { InstanceScope } from './instance-scope.js';
import { GUARD } from '../../instances/deferred-writes.js';
import { jsonb } from '../jsonb.js';

export async function createUserTask(scope: InstanceScope, effect: UserTaskCreated): Promise<void> {
  const { unit, instanceId, department } = scope;
  const taskDepartment = effect.department ?? department;
  // A task routed to a unit belongs to the unit's region; otherwise to the case's.
  const region = effect.regionCode ? { code: effect.regionCode, path: effect.regionPath ?? `/${effect.regionCode}/` } : scope.region;
  await unit.defer({
    sql: `INSERT INTO user_tasks (id, instance_id, department, element_instance_id, element_id, name, assignee, candidate_groups, candidate_users, state, due_date, form_key, form_id, created_at, unit, region_code, region_path,
            priority, follow_up_date, headers, properties)
          SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, 'created', $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20 WHERE ${GUARD}`,
    params: [
      randomUUID(), instanceId, taskDepartment, effect.elementInstanceId, effect.elementId, effect.name ?? null, effect.assignee ?? null,
      effect.candidateGroups, effect.candidateUsers, effect.dueDate ?? null, effect.formKey ?? null, effect.formId ?? null, unit.now,
      effect.unit ?? null, region.code, region.path,
      effect.priority ?? 50, effect.followUpDate ?? null, jsonb(effect.headers), jsonb(effect.properties),
    ],
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
