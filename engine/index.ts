/** The engine's public API: what catalog/ and api/ may use. */
export { Engine, systemClock, type Clock, type DeployResult, type InstanceFilter, type TaskFilter, type TaskView, type CaseView, type OverrideInput } from './engine.js';
export type { CommandScope, EngineExtension } from './extension.js';
export { seesAllDepartments, type Actor } from './actor.js';
export { Staff, ALL_ROLES, DEPARTMENT_ROLES, type UserInput } from './staff/staff.js';
export { StaffDirectory, type DepartmentEntry, type UnitEntry, type RegionEntry } from './staff/staff-directory.js';
export type { StaffUser, PostEntry, RegionInput } from './staff/staff-store.js';
export { caseIdReadable, caseReadable, isAdmin, mayAct, readsEveryDepartment, SqlParams } from './staff/access.js';
export { decodeCursor, encodeCursor, instant, keysetPage, type KeyColumn, type KeysetQuery, type Page } from './store/queries/page.js';
export { EngineError, OptimisticConflict } from './errors.js';
export * from './db/index.js';
export { compileDeployment, type ModelProblem, type ProcessModel } from './model/index.js';
export type { HistoryRow, IncidentRow, InstanceRow, JobRow, UserTaskRow, DefinitionRow } from './store/rows.js';
export { JobExecutor, startJobExecutor, type ExecutorRound, type JobExecutorOptions } from './jobs/job-executor.js';
export { isPlainObject, type InstanceState, type Json, type Variables } from './runtime/index.js';
export { engineMigrations } from './store/migrations.js';
export { FORM_ID_PATTERN, type FormDeployment, type FormRow, type FormSchema } from './forms/forms.js';
export { fromProjectRoot, projectRoot } from './paths.js';
export * from './time/index.js';
