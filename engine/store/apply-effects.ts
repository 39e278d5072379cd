import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index.js';
import type { Effect } from '../runtime/index.js';
import { jsonb } from './jsonb.js';

export interface EffectContext {
  instanceId: string;
  department: string;
  actor: string;
  now: Date;
}

/** Writes what the interpreter did, in the command's transaction. */
export async function applyEffects(tx: Db, context: EffectContext, effects: readonly Effect[]): Promise<void> {
  const { instanceId, department, actor, now } = context;
  for (const effect of effects) {
    switch (effect.type) {
      case 'history': {
        const { event } = effect;
        await tx.query(
          `INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [instanceId, department, now, event.type, event.elementId ?? null, event.elementType ?? null, event.elementName ?? null, event.elementInstanceId ?? null, actor, jsonb(event.data)],
        );
        break;
      }
      case 'userTask.created': {
        const taskDepartment = effect.department ?? department;
        await tx.query(
          `INSERT INTO user_tasks (id, instance_id, department, element_instance_id, element_id, name, assignee, candidate_groups, candidate_users, state, due_date, form_key, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'created', $10, $11, $12)`,
          [randomUUID(), instanceId, taskDepartment, effect.elementInstanceId, effect.elementId, effect.name ?? null, effect.assignee ?? null, effect.candidateGroups, effect.candidateUsers, effect.dueDate ?? null, effect.formKey ?? null, now],
        );
        await tx.query(
          `INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data)
           VALUES ($1, $2, $3, 'userTask.created', $4, 'userTask', $5, $6, $7, $8)`,
          [instanceId, department, now, effect.elementId, effect.name ?? null, effect.elementInstanceId, actor, jsonb({ department: taskDepartment, assignee: effect.assignee ?? null, candidateGroups: effect.candidateGroups })],
        );
        break;
      }
      case 'job.created':
        await tx.query(
          `INSERT INTO jobs (id, instance_id, department, element_instance_id, element_id, type, state, retries, due_at, headers, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'activatable', $7, $8, $9, $8)`,
          [randomUUID(), instanceId, department, effect.elementInstanceId, effect.elementId, effect.jobType, effect.retries, now, jsonb(effect.headers)],
        );
        break;
      case 'incident.created':
        await tx.query(
          `INSERT INTO incidents (id, instance_id, department, element_instance_id, element_id, error_type, message, message_zh, state, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9)`,
          [randomUUID(), instanceId, department, effect.elementInstanceId, effect.elementId, effect.errorType, effect.message, effect.messageZh, now],
        );
        break;
    }
  }
}
