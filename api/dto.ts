import type { CaseView, DefinitionRow, FormRow, HistoryRow, InstanceRow, JobRow, TaskView, UserTaskRow, Variables } from '../engine/index.js';
import { maskPersonalData } from '../engine/index.js';
import { NO_NAMES, type NameBook } from './names.js';

/**
 * Rows as integrators see them: camelCase, ISO dates, no internal columns. Personal data in a
 * case's variables and trail (ID and phone numbers, engine/personal/personal-data.ts) is masked;
 * POST /process-instances/{id}/personal-data/reveal gives one value in clear, on the record.
 */

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

export function instanceDto(row: InstanceRow | CaseView, elementNames?: ReadonlyMap<string, { name?: string; kind: string }>, names: NameBook = NO_NAMES) {
  const view = row as Partial<CaseView>;
  return {
    id: row.id,
    processId: row.process_id,
    processName: view.process_name ?? null,
    definitionId: row.definition_id,
    version: row.version,
    department: row.department,
    departmentName: names.department(row.department),
    regionCode: row.region_code ?? null,
    regionName: names.region(row.region_code),
    businessKey: row.business_key,
    status: row.status,
    openIncidents: view.open_incidents ?? 0,
    variables: maskPersonalData(row.state.variables),
    activeElements: activeElementsOf(row, elementNames),
    startedBy: row.started_by,
    startedByName: names.user(row.started_by),
    applicantName: applicantName(row.state.variables?.applicant),
    startedAt: iso(row.started_at),
    endedAt: iso(row.ended_at),
  };
}

/** The applicant's name for lists: a plain string, or the `name` of an applicant object. */
function applicantName(applicant: unknown): string | null {
  if (typeof applicant === 'string') return applicant;
  if (applicant && typeof applicant === 'object' && typeof (applicant as { name?: unknown }).name === 'string') return (applicant as { name: string }).name;
  return null;
}

export function taskDto(row: UserTaskRow | TaskView, variables?: Variables, names: NameBook = NO_NAMES, mayWork?: boolean) {
  const view = row as Partial<TaskView>;
  return {
    id: row.id,
    processInstanceId: row.instance_id,
    elementId: row.element_id,
    elementInstanceId: row.element_instance_id,
    name: row.name,
    department: row.department,
    departmentName: names.department(row.department),
    unit: row.unit ?? null,
    unitName: names.department(row.unit),
    regionCode: row.region_code ?? null,
    regionName: names.region(row.region_code),
    assignee: row.assignee,
    assigneeName: names.user(row.assignee),
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
    completedByName: names.user(row.completed_by),
    ...(view.case_process_id !== undefined
      ? {
          case: {
            businessKey: view.case_business_key ?? null,
            processId: view.case_process_id,
            processName: view.case_process_name ?? null,
            matterName: view.case_matter_name ?? null,
            department: view.case_department ?? null,
            departmentName: names.department(view.case_department),
            applicantName: applicantName(view.case_applicant),
          },
        }
      : {}),
    ...(mayWork !== undefined ? { mayWork } : {}),
    ...(variables ? { variables: maskPersonalData(variables) } : {}),
  };
}

export function historyDto(row: HistoryRow, names: NameBook = NO_NAMES, mentionedNames: Record<string, string> = {}) {
  return {
    id: row.id,
    at: iso(row.at),
    type: row.type,
    elementId: row.element_id,
    elementType: row.element_type,
    elementName: row.element_name,
    elementInstanceId: row.element_instance_id,
    actor: row.actor,
    actorName: names.user(row.actor),
    data: row.data ? maskPersonalData(row.data) : row.data,
    names: mentionedNames,
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
