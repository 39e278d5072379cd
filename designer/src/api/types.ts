/** Shapes of the Matterflow HTTP API (/api/v1) as the designer uses them. */
export type Role = 'designer' | 'staff' | 'integrator' | 'admin' | 'catalog-admin' | 'supervisor' | 'department-admin';

export interface Me {
  id: string;
  name: string;
  department: string;
  departmentName?: string;
  roles: Role[];
  /** Posts (岗位) held. */
  groups?: string[];
  regionCode?: string | null;
  regionName?: string | null;
  /** Roles the user may grant (GET /me): empty when they do not manage staff. */
  grantableRoles?: Role[];
  /** Whether the server counts the user as the catalog's central authority (MATTERFLOW_CATALOG_AUTHORITY or admin). */
  catalogAuthority?: boolean;
}

export interface ProblemError {
  message: string;
  messageZh?: string;
  elementId?: string;
  line?: number;
  column?: number;
  pointer?: string;
  /** DMN problems: the rule (1-based) of the decision named by elementId. */
  ruleIndex?: number;
  /** The request field, or for a failed evaluation the input's name. */
  field?: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  titleZh?: string;
  detailZh?: string;
  errors?: ProblemError[];
}

export interface ProcessDefinition {
  id: string;
  processId: string;
  name: string | null;
  version: number;
  versionTag: string | null;
  department: string | null;
  createdAt: string;
  xml?: string;
}

export interface Deployment {
  id: string;
  definitions: ProcessDefinition[];
  unchanged: boolean;
}

export interface ActiveElement {
  /** Null for a token waiting at a join. */
  elementInstanceId: string | null;
  elementId: string;
  elementType: string;
  name: string | null;
  /** 'joining': a token waiting at a parallel or inclusive join for the other branches. */
  state?: 'waiting' | 'incident' | 'joining';
}

/** 'canceled' after 撤销 (POST …/cancel); 'terminated' by a terminate end event; 'suspended' while 挂起. */
export type InstanceStatus = 'active' | 'completed' | 'terminated' | 'canceled' | 'suspended';

export interface ProcessInstance {
  id: string;
  processId: string;
  definitionId: string;
  version: number;
  department: string | null;
  businessKey: string | null;
  status: InstanceStatus;
  variables: Record<string, unknown>;
  activeElements?: ActiveElement[];
  incidents?: Incident[];
  startedAt: string;
  endedAt: string | null;
  dueDate?: string | null;
  slaState?: string | null;
  processName?: string | null;
  departmentName?: string | null;
  regionName?: string | null;
  startedByName?: string | null;
  applicantName?: string | null;
  openIncidents?: number;
}

export interface Incident {
  id: string;
  processInstanceId?: string;
  elementId: string;
  elementName?: string | null;
  elementInstanceId?: string | null;
  errorType?: string;
  message?: string;
  messageZh?: string;
  state?: 'active' | 'resolved';
  createdAt?: string;
}

export interface HistoryEvent {
  id: string;
  at: string;
  type: string;
  elementId: string | null;
  elementType: string | null;
  elementName: string | null;
  actor: string | null;
  actorName?: string | null;
  elementInstanceId?: string | null;
  data: Record<string, unknown> | null;
  /** Names of the people, departments and steps the data mentions, by id or code. */
  names?: Record<string, string>;
}

export interface UserTask {
  id: string;
  processInstanceId: string;
  elementId: string;
  name: string | null;
  department: string | null;
  candidateGroups: string[] | null;
  assignee: string | null;
  state: 'created' | 'completed' | string;
  createdAt: string;
  dueDate: string | null;
  /** A linked form (zeebe:formDefinition formId): GET /user-tasks/{id}/form. */
  formId?: string | null;
  variables?: Record<string, unknown>;
  completedBy?: string | null;
  completedByName?: string | null;
  elementInstanceId?: string;
  assigneeName?: string | null;
  departmentName?: string | null;
  candidateUsers?: string[] | null;
  /** Whether the signed-in user may work this task (GET /user-tasks/{id}). */
  mayWork?: boolean;
  case?: { businessKey: string | null; processId: string; processName: string | null; matterName?: string | null; department: string | null; departmentName: string | null; applicantName: string | null };
}

/** A deployed form-js schema (linked forms). */
export interface DeployedForm {
  formId: string;
  version: number;
  schema: Record<string, unknown>;
}

export interface Matter {
  code: string;
  name: string;
  department?: string;
  departmentName?: string;
  statutoryLimit?: unknown;
  committedLimit?: unknown;
  [key: string]: unknown;
}

export interface Classification {
  code: string;
  name: string;
  parentCode?: string | null;
  level?: number;
  count?: number;
  children?: Classification[];
}

export interface ListOf<T> {
  items: T[];
  total?: number;
}

/** A deployed DMN decision (GET /decision-definitions). */
export interface DecisionDefinition {
  key: string;
  decisionId: string;
  name: string | null;
  version: number;
  versionTag: string | null;
  department: string;
  deploymentId: string;
  decisionRequirementsKey: string;
  decisionRequirementsId?: string;
  createdAt: string;
  xml?: string;
}

export interface NamedValue {
  id: string;
  name: string;
  value: unknown;
}

/** POST /decision-definitions/{id}/evaluation */
export interface DecisionEvaluation {
  decisionKey: string;
  decisionId: string;
  decisionName: string | null;
  decisionVersion: number;
  versionTag: string | null;
  result: unknown;
  inputs: NamedValue[];
  matchedRules: { ruleId: string; ruleIndex: number; outputs: NamedValue[] }[];
}

/** POST /deployments with `decisions`. */
export interface DecisionDeployment {
  id: string;
  unchanged: boolean;
  decisions: { key: string; decisionId: string; version: number; versionTag: string | null; unchanged: boolean }[];
}
