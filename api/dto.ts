import type { DefinitionRow, FormRow, HistoryRow, InstanceRow, JobRow, UserTaskRow, Variables } from '../engine/index.js';

/** Rows as integrators see them: camelCase, ISO dates, no internal columns. */

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export function definitionDto(row: DefinitionRow & { xml?: string }) {
  return {
    id: row.id,
    processId: row.process_id,
    name: row.name,
    version: row.version,
    versionTag: row.version_tag,
    department: row.department,
    deploymentId: row.deployment_id,
    gov: row.gov,
    createdAt: iso(row.created_at),
    ...(row.xml !== undefined ? { xml: row.xml } : {}),
  };
}

export function instanceDto(row: InstanceRow, elementNames?: ReadonlyMap<string, { name?: string; kind: string }>) {
  return {
    id: row.id,
    processId: row.process_id,
    definitionId: row.definition_id,
    version: row.version,
    department: row.department,
    businessKey: row.business_key,
    status: row.status,
    variables: row.state.variables,
    activeElements: row.state.waiting.map((waiting) => ({
      elementInstanceId: waiting.id,
      elementId: waiting.elementId,
      elementType: elementNames?.get(waiting.elementId)?.kind ?? null,
      name: elementNames?.get(waiting.elementId)?.name ?? null,
      state: waiting.state,
    })),
    startedBy: row.started_by,
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
  };
}

export function taskDto(row: UserTaskRow, variables?: Variables) {
  return {
    id: row.id,
    processInstanceId: row.instance_id,
    elementId: row.element_id,
    elementInstanceId: row.element_instance_id,
    name: row.name,
    department: row.department,
    assignee: row.assignee,
    candidateGroups: row.candidate_groups,
    candidateUsers: row.candidate_users,
    state: row.state,
    dueDate: iso(row.due_date),
    formKey: row.form_key,
    formId: row.form_id,
    createdAt: iso(row.created_at),
    endedAt: iso(row.ended_at),
    completedBy: row.completed_by,
    ...(variables ? { variables } : {}),
  };
}

export function historyDto(row: HistoryRow) {
  return {
    id: row.id,
    at: iso(row.at),
    type: row.type,
    elementId: row.element_id,
    elementType: row.element_type,
    elementName: row.element_name,
    elementInstanceId: row.element_instance_id,
    actor: row.actor,
    data: row.data,
  };
}

export function jobDto(row: JobRow & { variables?: Variables }) {
  return {
    id: row.id,
    type: row.type,
    processInstanceId: row.instance_id,
    elementId: row.element_id,
    elementInstanceId: row.element_instance_id,
    retries: row.retries,
    headers: row.headers,
    lockExpiresAt: iso(row.lock_expires_at),
    variables: row.variables ?? {},
  };
}

export function formDto(row: FormRow) {
  return { id: row.id, formId: row.form_id, version: row.version, department: row.department, schema: row.schema, createdBy: row.created_by, createdAt: iso(row.created_at) };
}
