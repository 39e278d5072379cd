import type { GovAttributes } from '../model/index.js';
import type { InstanceState, Variables } from '../runtime/index.js';

export interface DefinitionRow {
  id: string;
  deployment_id: string;
  process_id: string;
  department: string;
  version: number;
  version_tag: string | null;
  name: string | null;
  xml_hash: string;
  gov: GovAttributes;
  created_at: Date;
}

export interface InstanceRow {
  id: string;
  department: string;
  definition_id: string;
  process_id: string;
  version: number;
  business_key: string | null;
  status: string;
  state: InstanceState;
  revision: number;
  started_by: string;
  started_at: Date;
  ended_at: Date | null;
  /** A child of a call activity: the parent instance and the call activity's element instance. */
  parent_instance_id: string | null;
  parent_element_instance_id: string | null;
  /** The case's region ('/441900/441900003/'); '/' = city level (D10). */
  region_code?: string | null;
  region_path?: string;
  /** The fingerprint of the start request, when it had a business key (see start-request.ts). */
  start_request?: string | null;
  /** The key of the message whose message start event started the case ('' and absent: none). */
  start_correlation_key?: string | null;
  /** The matter code in the case's variables, kept by the database (a generated column: never written). */
  matter_code?: string | null;
  /** Set on the answer to a start that repeated an earlier one: this is the instance that one created. */
  replayed?: boolean;
}

export interface UserTaskRow {
  id: string;
  instance_id: string;
  department: string;
  element_instance_id: string;
  element_id: string;
  name: string | null;
  assignee: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  state: 'created' | 'completed' | 'canceled';
  due_date: Date | null;
  form_key: string | null;
  form_id: string | null;
  created_at: Date;
  ended_at: Date | null;
  completed_by: string | null;
  /** The unit that handles it (a bureau's town branch), and its region (D10). */
  unit: string | null;
  region_code: string | null;
  region_path: string;
  /** 办理操作 (D11): 委托 owner and state, 加签 queue, 补正 wait, 改派 origin. */
  owner?: string | null;
  delegation_state?: 'pending' | 'resolved' | null;
  return_to_owner?: boolean;
  signers?: string[];
  pending_variables?: Variables | null;
  awaiting?: 'applicant' | null;
  reassigned_from?: Variables | null;
  /** 0–100 (zeebe:priorityDefinition, default 50). */
  priority: number;
  follow_up_date: Date | null;
  headers: Record<string, string> | null;
  properties: Record<string, string> | null;
}

/** A row of the job queue (D5): a service-task job, an instance's timer or a definition's start timer. */
export interface JobRow {
  id: string;
  kind: 'service' | 'timer' | 'timer-start';
  /** Null only for a timer start event, which belongs to a definition. */
  instance_id: string | null;
  definition_id: string | null;
  department: string;
  element_instance_id: string | null;
  element_id: string;
  type: string;
  timer_id: string | null;
  payload: { repetitionsLeft?: number | null } | null;
  suspended: boolean;
  state: 'activatable' | 'activated' | 'failed';
  retries: number;
  due_at: Date;
  lock_owner: string | null;
  lock_expires_at: Date | null;
  headers: Record<string, string>;
  error_message: string | null;
  created_at: Date;
  /** An execution listener's job: 'start' or 'end'; null for the element's own work. */
  listener_event_type: 'start' | 'end' | null;
  properties: Record<string, string> | null;
}

export interface HistoryRow {
  id: number;
  instance_id: string;
  department: string;
  at: Date;
  type: string;
  element_id: string | null;
  element_type: string | null;
  element_name: string | null;
  element_instance_id: string | null;
  actor: string | null;
  data: Variables | null;
}

export interface IncidentRow {
  id: string;
  /** Null for a timer start event's incident: it names the definition instead. */
  instance_id: string | null;
  definition_id: string | null;
  department: string;
  element_instance_id: string | null;
  element_id: string;
  error_type: string;
  message: string;
  message_zh: string;
  state: 'active' | 'resolved';
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  job_id: string | null;
  data: Record<string, unknown> | null;
  /** In listings: the definition whose model holds element_id (the incident's, else its case's). */
  model_definition_id?: string | null;
}
