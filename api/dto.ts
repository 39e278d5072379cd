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

/**
 * Where the tokens are: the element instances that wait (a task, a job, an event, an incident)
 * and the tokens that wait at a parallel or inclusive join for the others (state 'joining', one
 * entry per token, with the flow it came by). Without the second, a case stuck at a join would
 * look active with nowhere to be.
 */
function activeElementsOf(row: InstanceRow, elementNames?: ReadonlyMap<string, { name?: string; kind: string }>) {
  const describe = (elementId: string) => ({ elementId, elementType: elementNames?.get(elementId)?.kind ?? null, name: elementNames?.get(elementId)?.name ?? null });
  const waiting = row.state.waiting.map((entry) => ({ elementInstanceId: entry.id, ...describe(entry.elementId), state: entry.state }));
  const joining = Object.entries(row.state.joins ?? {}).flatMap(([key, arrived]) => {
    const slash = key.indexOf('/');
    const scopeInstanceId = key.slice(0, slash);
    return arrived.map((flowId) => ({ elementInstanceId: null, ...describe(key.slice(slash + 1)), state: 'joining' as const, scopeInstanceId, arrivedVia: flowId }));
  });
  return [...waiting, ...joining];
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
    activeElements: activeElementsOf(row, elementNames),
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
    followUpDate: iso(row.follow_up_date),
    priority: row.priority,
    headers: row.headers ?? {},
    properties: row.properties ?? {},
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
    kind: row.listener_event_type ? 'EXECUTION_LISTENER' : 'BPMN_ELEMENT',
    listenerEventType: row.listener_event_type ?? null,
    headers: row.headers,
    properties: row.properties ?? {},
    lockExpiresAt: iso(row.lock_expires_at),
    variables: row.variables ?? {},
  };
}

export function formDto(row: FormRow) {
  return { id: row.id, formId: row.form_id, version: row.version, department: row.department, schema: row.schema, createdBy: row.created_by, createdAt: iso(row.created_at) };
}
