import { createHash, randomUUID } from 'node:crypto';
import type { Db } from './db/index.js';
import { GroupCommit, isUniqueViolation } from './db/index.js';
import { seesAllDepartments, type Actor } from './actor.js';
import { inActorRegion, isAdmin, readsEveryDepartment, regionCodeOf, regionScope } from './staff/access.js';
import { routingProblems } from './staff/routing-problems.js';
import { Staff } from './staff/staff.js';
import { caseHistory, childCases, listCases, readCase, type CaseView, type InstanceFilter } from './store/queries/case-queries.js';
import type { Page } from './store/queries/page.js';
import { pageChildren, pageDefinitions, pageHistory, pageIncidents, pageLatestForms, type Paging } from './store/queries/listings.js';
import { listTasks, readTask, type TaskFilter, type TaskView } from './store/queries/task-queries.js';
import { EngineError } from './errors.js';
import { compileDeployment, decodeXml } from './model/index.js';
import { deployForms, formProblems, invalidForms, missingForms, unboundForms, type FormDeployment, type FormRow, type FormSchema } from './forms/forms.js';
import { startTimerSchedule, visibleVariables, type Variables } from './runtime/index.js';
import type { EngineExtension } from './extension.js';
import { runCommand, type CommandUnit } from './instances/command-unit.js';
import { resolveIncident } from './instances/incidents.js';
import { assignVariables, cancel, modify, resume, suspend, type Modification } from './instances/instance-operations.js';
import { InstanceRunner, type RuntimeServices } from './instances/instance-runner.js';
import { completeWithGatewayInputs } from './instances/complete-with-inputs.js';
import { sql } from './store/sql-fragment.js';
import { definitionsOf, definitionVersion, definitionWithXml, departmentDefinition, insertDefinition, insertDeployment, latestDefinition, lockDepartmentDeployments } from './store/deployments.js';
import { formVersion, latestFormsOf } from './store/queries/form-queries.js';
import { incidentRow, incidentsReadable, lockIncident, readableIncident } from './store/queries/incident-queries.js';
import { instanceByBusinessKey, instanceDefinition, instanceScopes, instanceVariablesOf, ownedInstanceRow, suspensionPausedClocks } from './store/queries/instance-rows.js';
import { formDeployedWith, latestForm, latestTaggedForm, recordDeploymentForms } from './store/forms.js';
import { setAssignee, stillOpenFor } from './store/task-assignee.js';
import { asUuid, notFound } from './instances/lookups.js';
import { migrate } from './instances/migrate-instance.js';
import { adminOnly, lockOpenTask, mayWork, recordTaskEvent, type OverrideInput } from './instances/task-access.js';
import { handOn } from './operations/signers.js';
import { TaskOperations } from './operations/task-operations.js';
import { LatestDefinitions } from './instances/latest-definitions.js';
import { startRequestFingerprint } from './instances/start-request.js';
import { ModelCache } from './instances/model-cache.js';
import { fireInstanceTimer, fireStartTimer, type FireOutcome } from './jobs/fire-timer.js';
import { claimDueTimers, claimServiceJobs } from './store/jobs/queue-claims.js';
import { ClaimedJobs } from './jobs/claimed-jobs.js';
import { claimedJob, completeJob, failJob, lockJob, throwErrorForJob, updateJobRetries, type FailInput } from './jobs/service-jobs.js';
import { recordTimerFailure } from './jobs/timer-failures.js';
import { broadcastSignal, type BroadcastResult } from './messaging/broadcast-signal.js';
import { expireBufferedMessages } from './store/messaging/message-buffer.js';
import { publishMessage, type MessageInput, type PublishResult } from './messaging/publish-message.js';
import { registerStartEvents } from './messaging/start-events.js';
import type { SenderRegion } from './messaging/sender-region.js';
import { compileDmnFiles, decisionBindingProblems, isDmnXml } from './dmn/deploy-dmn.js';
import { withElementLines } from './model/element-lines.js';
import {
  deployDecisionFiles,
  findDecision,
  listDecisionDefinitions,
  readDecisionDefinition,
  type DecisionBinding,
  type DecisionDefinitionRow,
  type DecisionDeployment,
  type DecisionEvaluationRecord,
} from './dmn/deployed-decisions.js';
import type { DefinitionRow, HistoryRow, IncidentRow, InstanceRow, JobRow, UserTaskRow } from './store/rows.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface DeployResult {
  deploymentId: string;
  definitions: DefinitionRow[];
  /** The linked forms deployed with the processes (each a new version unless unchanged). */
  forms: FormDeployment[];
  /** The DMN decisions deployed (each DRG a new version unless unchanged). */
  decisions: DecisionDeployment[];
  /** True when every process was identical to its latest version: nothing new was created. */
  unchanged: boolean;
}

export type { CaseView, InstanceFilter, TaskFilter, TaskView, Page };

export interface IncidentFilter {
  instanceId?: string;
  state?: 'active' | 'resolved';
  limit?: number;
}

export interface EngineOptions {
  /** The business calendar for working-day timers (gov:calendar) and the staff directory, passed to the interpreter. */
  services?: RuntimeServices;
  /** The staff model (D10); its directory routes tasks when it is also given as services.directory. */
  staff?: Staff;
  /** Group commit (engine/db/group-commit.ts): commands that arrive together share one transaction. Off unless set. */
  groupCommit?: boolean;
}

export type { OverrideInput };

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What an executor locked: the row id and what kind of timer it is. */
export type DueTimer = Pick<JobRow, 'id' | 'kind' | 'department' | 'instance_id' | 'due_at'>;

/**
 * The engine's public face: every command runs in one transaction until the next wait
 * state (D4) and every query is limited to the actor's department.
 */
export class Engine {
  private readonly models: ModelCache;
  private readonly latestDefinitions = new LatestDefinitions();
  private readonly runner: InstanceRunner;
  /** Jobs claimed for workers, with their instances as read, so that a completion need not read them again. */
  private readonly claimedJobs = new ClaimedJobs();
  /** Departments, units, regions, posts and users (D10). */
  readonly staff: Staff;
  /** 办理操作 (D11): 退回, 撤回, 转办, 委托, 加签, 催办, 抄送, opinions, attachments. */
  readonly operations: TaskOperations;
  /** Set when commands commit in groups; its counters say how many transactions carried how many commands. */
  readonly groupCommit: GroupCommit | undefined;
  /** What commands run on: the database, or the group commit's seam onto it. */
  private readonly commandDb: Db;

  constructor(
    readonly db: Db,
    readonly clock: Clock = systemClock,
    options: EngineOptions = {},
  ) {
    this.models = new ModelCache(db);
    this.runner = new InstanceRunner(this.models, options.services);
    this.staff = options.staff ?? new Staff(db);
    this.groupCommit = options.groupCommit ? new GroupCommit(db) : undefined;
    this.commandDb = this.groupCommit?.db ?? db;
    this.operations = new TaskOperations({ db, clock, runner: this.runner, staff: this.staff, command: (actor, work) => this.command(actor, work) });
  }

  /** Adds a module that runs inside every command's transaction after its effects are written. */
  use(extension: EngineExtension): this {
    this.runner.extensions.push(extension);
    return this;
  }

  // ── Deployments and definitions ────────────────────────────────────────────

  /**
   * Deploys the processes of one BPMN file, with the linked forms its user tasks name (or that
   * are already deployed in the department), in one transaction.
   */
  async deploy(input: { xml?: string | Uint8Array; name?: string; forms?: readonly unknown[]; decisions?: readonly string[]; versionTag?: string; actor: Actor }): Promise<DeployResult> {
    const schemas = input.forms ?? [];
    const badForms = formProblems(schemas, '/forms');
    if (badForms.length > 0) throw invalidForms(badForms);
    // Bytes (a raw XML upload) are decoded by the encoding the file declares; the text is stored.
    const decoded = input.xml === undefined ? undefined : typeof input.xml === 'string' ? { ok: true as const, text: input.xml } : decodeXml(input.xml);
    if (decoded && !decoded.ok) throw new EngineError('invalid', 'The model cannot be deployed', '模型无法部署', decoded.problems);
    // A DMN file sent where the BPMN goes (a raw upload, or `xml`) is deployed as decisions.
    const dmnSent = decoded && isDmnXml(decoded.text) ? [decoded.text] : [];
    const xml = decoded && dmnSent.length === 0 ? decoded.text : undefined;
    const dmnTexts = [...dmnSent, ...(input.decisions ?? [])];
    if (xml === undefined && dmnTexts.length === 0) throw new EngineError('invalid', 'The deployment has no BPMN or DMN file', '部署中没有 BPMN 或 DMN 文件');
    const dmnFiles = await compileDmnFiles(dmnTexts, dmnSent.length > 0 ? '/xml' : '/decisions');
    const compiled = xml === undefined ? { ok: true as const, processes: [] } : await compileDeployment(xml);
    if (!compiled.ok) {
      throw new EngineError('invalid', 'The model cannot be deployed', '模型无法部署', withElementLines(xml, compiled.problems));
    }
    const department = input.actor.department;
    await this.staff.ensureDepartments([department]);
    const directory = this.runner.services?.directory;
    const now = this.clock.now();
    const extensionProblems = compiled.processes.flatMap((process) => [
      ...this.runner.extensions.flatMap((extension) => extension.modelProblems?.(process) ?? []),
      ...(directory ? routingProblems(process, directory) : []),
      ...decisionBindingProblems(process, dmnFiles),
      // Timer start events are scheduled on deployment: one that cannot be is refused here.
      ...startTimerSchedule(process, now, this.runner.services).problems,
    ]);
    if (extensionProblems.length > 0) {
      throw new EngineError('invalid', 'The model cannot be deployed', '模型无法部署', withElementLines(xml, extensionProblems));
    }
    const hash = xml === undefined ? '' : createHash('sha256').update(xml).digest('hex');
    return this.db.transaction(async (tx) => {
      await lockDepartmentDeployments(tx, department);
      const missing = await missingForms(tx, department, compiled.processes, schemas as FormSchema[]);
      const unbound = missing.length > 0 ? [] : await unboundForms(tx, department, compiled.processes, schemas as FormSchema[]);
      if (missing.length > 0 || unbound.length > 0) {
        throw new EngineError(
          'invalid',
          'The model cannot be deployed',
          '模型无法部署',
          withElementLines(xml, [
            ...missing.map(({ elementId, formId }) => ({
              code: 'form-not-deployed',
              elementId,
              message: `User task '${elementId}' links form '${formId}', which is not deployed in department ${department}: deploy the form first or send it in this deployment's forms`,
              messageZh: `用户任务“${elementId}”引用的表单“${formId}”未在部门 ${department} 部署：请先部署表单，或在本次部署的 forms 中一并提交`,
            })),
            ...unbound.map(({ elementId, message, messageZh }) => ({ code: 'form-not-bound', elementId, message, messageZh })),
          ]),
        );
      }
      const forms = await deployForms(tx, department, schemas as FormSchema[], input.actor.userId, now);
      const deploymentId = randomUUID();
      const definitions: DefinitionRow[] = [];
      let unchanged = true;
      let deploymentWritten = false;
      const ensureDeployment = async () => {
        if (deploymentWritten) return;
        await insertDeployment(tx, { id: deploymentId, department, name: input.name ?? null, text: xml ?? dmnFiles[0].xml, createdBy: input.actor.userId, createdAt: now });
        deploymentWritten = true;
      };
      for (const process of compiled.processes) {
        const latest = await latestDefinition(tx, process.id, department);
        if (latest && latest.xml_hash === hash) {
          definitions.push(latest);
          continue;
        }
        await ensureDeployment();
        unchanged = false;
        const definition = await insertDefinition(tx, {
          deploymentId, processId: process.id, department, previous: latest, versionTag: process.versionTag ?? null, name: process.name ?? null, xmlHash: hash, gov: process.gov, createdAt: now,
        });
        await registerStartEvents(tx, definition, process, now, this.runner.services);
        definitions.push(definition);
        this.models.remember(definition.id, process);
        this.latestDefinitions.forget(department, process.id);
      }
      // A form bound by deployment shows the version sent with its process, new or unchanged.
      if (deploymentWritten) await recordDeploymentForms(tx, deploymentId, forms.map((entry) => entry.form.id));
      const decisions = await deployDecisionFiles(tx, { department, files: dmnFiles, deploymentId, ...(input.versionTag ? { versionTag: input.versionTag } : {}), actor: input.actor.userId, now, ensureDeployment });
      for (const deployed of decisions) {
        const file = dmnFiles.find((candidate) => candidate.graph.id === deployed.requirements.requirements_id);
        if (file) this.runner.decisions.remember(deployed.requirements.id, file.graph);
      }
      const decisionsUnchanged = decisions.every((entry) => entry.unchanged);
      const anyDeployment = definitions[0]?.deployment_id ?? decisions[0]?.definition.deployment_id ?? deploymentId;
      return {
        deploymentId: deploymentWritten ? deploymentId : anyDeployment,
        definitions,
        forms,
        decisions,
        unchanged: unchanged && decisionsUnchanged && forms.every((form) => form.unchanged),
      };
    });
  }

  // ── Decisions (DMN) ────────────────────────────────────────────────────────

  /** Every version of the decisions of the actor's department (every department's for supervisors and administrators), newest first. */
  async listDecisions(actor: Actor, filter: { decisionId?: string } = {}): Promise<DecisionDefinitionRow[]> {
    return listDecisionDefinitions(this.db, readsEveryDepartment(actor) ? null : actor.department, filter.decisionId ?? null);
  }

  /** A decision definition with the XML of its DMN file. */
  async getDecision(actor: Actor, key: string): Promise<DecisionDefinitionRow & { xml: string; requirements_id: string }> {
    const row = await readDecisionDefinition(this.db, asUuid(key), readsEveryDepartment(actor) ? null : actor.department);
    if (!row) throw notFound('decision definition', key);
    return row;
  }

  /**
   * Evaluates a decision of the actor's department directly (for integrators): the latest
   * version, or the one asked for by version or version tag. A failed evaluation is a 422
   * naming the decision and the inputs.
   */
  async evaluateDecision(actor: Actor, decisionId: string, variables: Variables, choice: { version?: number; versionTag?: string } = {}): Promise<{ definition: DecisionDefinitionRow; record: DecisionEvaluationRecord }> {
    const binding: DecisionBinding = choice.versionTag !== undefined ? { bindingType: 'versionTag', versionTag: choice.versionTag } : { bindingType: 'latest', ...(choice.version ? { version: choice.version } : {}) };
    // A decision key (the uuid of one version) names that version; anything else is a decision id.
    const byKey = UUID_TEXT.test(decisionId) && choice.version === undefined && choice.versionTag === undefined ? await readDecisionDefinition(this.db, decisionId, actor.department) : undefined;
    const definition = byKey ?? (await findDecision(this.db, actor.department, decisionId, binding));
    if (!definition) throw notFound('decision', choice.version ? `${decisionId} version ${choice.version}` : choice.versionTag ? `${decisionId} version tag ${choice.versionTag}` : decisionId);
    const { outcome, record } = await this.runner.decisions.evaluate(this.db, definition, variables, this.clock.now());
    if (!outcome.ok) {
      const inputs = outcome.inputs.map((input) => ({ code: 'decision-input', field: input.name, message: `${input.name} = ${JSON.stringify(input.value)}`, messageZh: `${input.name} = ${JSON.stringify(input.value)}` }));
      throw new EngineError('invalid', `Decision '${definition.decision_id}' version ${definition.version} failed: ${outcome.message}`, `决策“${definition.name ?? definition.decision_id}”版本 ${definition.version} 求值失败：${outcome.messageZh}`, [
        { code: 'decision-evaluation', elementId: outcome.decisionId, message: outcome.message, messageZh: outcome.messageZh },
        ...inputs,
      ]);
    }
    return { definition, record };
  }

  /** Deploys form-js schemas on their own (a new version each, unless unchanged). */
  async deployForms(actor: Actor, schemas: readonly unknown[]): Promise<FormDeployment[]> {
    const problems = formProblems(schemas, '/forms');
    if (problems.length > 0) throw invalidForms(problems);
    return this.db.transaction(async (tx) => {
      await lockDepartmentDeployments(tx, actor.department);
      return deployForms(tx, actor.department, schemas as FormSchema[], actor.userId, this.clock.now());
    });
  }

  /** The latest version of every form of the actor's department (every department's for an admin). */
  async listForms(actor: Actor): Promise<FormRow[]> {
    return latestFormsOf(this.db, this.departmentFilter(actor));
  }

  /** listForms a page at a time. */
  async pageForms(actor: Actor, paging: Paging = {}): Promise<Page<FormRow>> {
    return pageLatestForms(this.db, this.departmentFilter(actor), paging);
  }

  async getForm(actor: Actor, formId: string, version?: number): Promise<FormRow> {
    const row = await formVersion(this.db, actor.department, formId, version ?? null);
    if (!row) throw notFound('form', version ? `${formId} version ${version}` : formId);
    return row;
  }

  /**
   * The linked form a user task shows: the version of its process's department that was the
   * latest when the task was created, so a form deployed later does not change open work.
   */
  async taskForm(actor: Actor, taskId: string): Promise<FormRow> {
    const task = await this.getTask(actor, taskId);
    if (!task.form_id) throw new EngineError('not-found', `User task ${taskId} links no form`, `用户任务 ${taskId} 未引用表单`);
    const owner = await instanceDefinition(this.db, task.instance_id);
    if (!owner) throw notFound('form', task.form_id);
    // A binding other than latest (zeebe:formDefinition bindingType) names the version: the one sent with the process, or the newest with a tag.
    const binding = (await this.models.get(owner.definition_id)).elements.get(task.element_id)?.userTask?.formBinding;
    let form: FormRow | undefined;
    if (binding?.bindingType === 'deployment') {
      form = await formDeployedWith(this.db, owner.definition_id, task.form_id);
    } else if (binding?.bindingType === 'versionTag') {
      form = await latestTaggedForm(this.db, owner.department, task.form_id, binding.versionTag, task.created_at);
    } else {
      form = await latestForm(this.db, owner.department, task.form_id, task.created_at);
    }
    if (!form) throw notFound('form', task.form_id);
    return form;
  }

  /** Definitions of the actor's department (every department's for supervisors and administrators). */
  async listDefinitions(actor: Actor, filter: { processId?: string } = {}): Promise<DefinitionRow[]> {
    return definitionsOf(this.db, readsEveryDepartment(actor) ? null : actor.department, filter.processId ?? null);
  }

  /** listDefinitions a page at a time. */
  async pageDefinitions(actor: Actor, filter: Paging & { processId?: string } = {}): Promise<Page<DefinitionRow>> {
    return pageDefinitions(this.db, readsEveryDepartment(actor) ? null : actor.department, filter);
  }

  /**
   * A definition with its XML: the department's own, or one whose cases the actor's department
   * takes part in (to draw the case it works on).
   */
  async getDefinition(actor: Actor, id: string): Promise<DefinitionRow & { xml: string }> {
    const row = await definitionWithXml(this.db, asUuid(id), readsEveryDepartment(actor) ? null : actor.department);
    if (!row) throw notFound('process definition', id);
    return row;
  }

  // ── Instances ──────────────────────────────────────────────────────────────

  /**
   * Starts an instance. A start with a business key is idempotent: the same request again (same
   * process, version asked for, business key, region and variables) answers with the instance
   * the first one created, marked `replayed`; a different request under that business key is a
   * conflict naming the instance that holds it.
   */
  async startInstance(input: { processId: string; version?: number; businessKey?: string; variables?: Variables; regionCode?: string; actor: Actor }): Promise<InstanceRow> {
    const department = input.actor.department;
    const region = this.startRegion(input.actor, input.regionCode);
    const startRequest = input.businessKey !== undefined ? startRequestFingerprint({ ...input, businessKey: input.businessKey }) : null;
    try {
      return await this.instanceCommand(input.actor, async (unit) => {
        const definition = await this.definitionToStart(department, input.processId, input.version);
        if (input.version === undefined) await unit.defer(this.latestDefinitions.stillLatest(definition));
        return this.runner.start(unit, { definition, variables: input.variables ?? {}, businessKey: input.businessKey ?? null, region, startRequest });
      });
    } catch (error) {
      if (isUniqueViolation(error) && input.businessKey !== undefined) return this.earlierStart(department, input.processId, input.businessKey, startRequest);
      throw error;
    }
  }

  /** The instance holding a business key: the answer to a repeated start, or the conflict with a different one. */
  private async earlierStart(department: string, processId: string, businessKey: string, startRequest: string | null): Promise<InstanceRow> {
    const existing = await instanceByBusinessKey(this.db, processId, department, businessKey);
    if (existing && existing.start_request === startRequest) return { ...existing, replayed: true };
    const which = existing ? ` (instance ${existing.id}, started ${new Date(existing.started_at).toISOString()})` : '';
    const whichZh = existing ? `（实例 ${existing.id}）` : '';
    throw new EngineError(
      'conflict',
      `Business key '${businessKey}' is already used by another instance of ${processId}${which}, started with a different version or variables; a retry of that start must send the same request`,
      `业务编号“${businessKey}”已被流程“${processId}”的另一个实例使用${whichZh}，且其启动时的版本或变量与本次不同；重试启动时请求内容须与首次一致`,
      [{ field: '/businessKey', message: `Business key '${businessKey}' is in use${which}`, messageZh: `业务编号“${businessKey}”已被使用${whichZh}` }],
    );
  }

  /** The region a case belongs to (D10); an unknown region code is refused. */
  private regionOf(code: string | undefined): { code: string | null; path: string } {
    if (!code) return { code: null, path: '/' };
    const path = this.staff.directory.regionPath(code);
    if (!path) {
      throw new EngineError('invalid', `Unknown region '${code}'`, `区划“${code}”不存在`, [{ field: '/regionCode', code: 'unknown-region', message: `Unknown region '${code}'`, messageZh: `区划“${code}”不存在` }]);
    }
    return { code, path };
  }

  /**
   * The region a case starts in: the one asked for, else a region-scoped actor's own region (else the city). A user
   * scoped to a region starts cases only within it and below (D10), as they read and act only there: 403 otherwise
   * (callers that write before starting, such as the catalog's, ask first).
   */
  startRegion(actor: Actor, code: string | undefined): { code: string | null; path: string } {
    const scoped = actor.regionPath && actor.regionPath !== '/' ? actor.regionPath : undefined;
    if (!code && scoped) return { code: regionCodeOf(scoped), path: scoped };
    const region = this.regionOf(code);
    if (!inActorRegion(actor, region.path)) {
      const name = this.staff.directory.region(code!)?.name ?? code!;
      throw new EngineError(
        'forbidden',
        `You may start cases only in your own region and below; ${name} (${code}) is outside it`,
        `您只能在本人所辖区域及下级区域发起案件，${name}（${code}）不在您的辖区内`,
        [{ field: '/regionCode', code: 'region-out-of-scope', message: `${name} (${code}) is outside your region`, messageZh: `${name}（${code}）不在您的辖区内` }],
      );
    }
    return region;
  }

  /** The given version, or the latest (remembered; the start checks it is still the latest). */
  private async definitionToStart(department: string, processId: string, version: number | undefined): Promise<DefinitionRow> {
    const definition = version === undefined ? await this.latestDefinitions.find(this.db, department, processId) : await definitionVersion(this.db, processId, department, version);
    if (!definition) {
      const which = version ? `${processId} version ${version}` : processId;
      throw new EngineError('not-found', `No process '${which}' is deployed in department ${department}`, `本部门（${department}）未部署流程“${which}”`);
    }
    return definition;
  }

  /** A case the actor may read (engine/staff/access.ts): owner, participating departments, 抄送, supervisors. */
  async getInstance(actor: Actor, id: string): Promise<CaseView> {
    const row = await readCase(this.db, actor, asUuid(id));
    if (!row) throw notFound('process instance', id);
    return row;
  }

  /**
   * A case the actor's department owns (within their region): for the operations that change it
   * (clocks, evaluations, cancel, …). 404 when they may not read it, 403 when they only read it.
   */
  async ownedInstance(actor: Actor, id: string): Promise<CaseView> {
    const row = await this.getInstance(actor, id);
    if (!isAdmin(actor)) {
      const scoped = actor.regionPath && actor.regionPath !== '/';
      if (row.department !== actor.department || (scoped && !(row.region_path ?? '/').startsWith(actor.regionPath!))) {
        throw new EngineError('forbidden', 'Only the department that owns the case may do this', '只有案件的主办部门可以执行此操作');
      }
    }
    return row;
  }

  async listInstances(actor: Actor, filter: InstanceFilter = {}): Promise<CaseView[]> {
    return (await this.instancePage(actor, filter)).items;
  }

  /** One page of the cases the actor may read, with the total and the next page's cursor. */
  async instancePage(actor: Actor, filter: InstanceFilter = {}): Promise<Page<CaseView>> {
    return listCases(this.db, actor, filter);
  }

  /** Child instances started by the call activities of an instance. */
  async childInstances(actor: Actor, id: string): Promise<InstanceRow[]> {
    const parent = await this.getInstance(actor, id);
    return childCases(this.db, actor, parent.id);
  }

  /** childInstances a page at a time. */
  async childInstancesPage(actor: Actor, id: string, paging: Paging = {}): Promise<Page<InstanceRow>> {
    const parent = await this.getInstance(actor, id);
    return pageChildren(this.db, actor, parent.id, paging);
  }

  async history(actor: Actor, instanceId: string): Promise<HistoryRow[]> {
    const instance = await this.getInstance(actor, instanceId);
    return caseHistory(this.db, instance.id);
  }

  /** history a page at a time. */
  async historyPage(actor: Actor, instanceId: string, paging: Paging = {}): Promise<Page<HistoryRow>> {
    const instance = await this.getInstance(actor, instanceId);
    return pageHistory(this.db, instance.id, paging);
  }

  // ── Instance operations ────────────────────────────────────────────────────

  /** Cancels an instance and, through its call activities, its child instances. */
  /** 终止: cancels the case (and the child instances of its call activities), with the reason on its trail. */
  /**
   * 终止 a case. `alongside` writes the caller's own record of why in the same transaction (a merged duplicate's
   * link to its master): if it fails, the case is not cancelled either.
   */
  async cancelInstance(actor: Actor, id: string, input: { reason?: string; alongside?: (tx: Db) => Promise<void> } = {}): Promise<InstanceRow> {
    return this.instanceCommand(actor, async (unit) => {
      const instance = await this.ownInstance(unit, actor, id);
      recordCaseOperation(unit, instance, 'cancel', { reason: input.reason ?? null });
      const row = await cancel(this.runner, unit, instance);
      if (input.alongside) await input.alongside(unit.tx);
      return row;
    });
  }

  /**
   * 挂起: an operational hold; the legal clock goes on unless a legal ground is given (`pauseClock`: 中止,
   * 特别程序 …, with its basis), which pauses it in the same command until the case is resumed.
   */
  async suspendInstance(actor: Actor, id: string, input: { reason?: string; pauseClock?: { kind: '补正' | '特别程序' | '中止' | '其他'; legalBasis: string } } = {}): Promise<InstanceRow> {
    return this.instanceCommand(actor, async (unit) => {
      const instance = await this.ownInstance(unit, actor, id);
      recordCaseOperation(unit, instance, 'suspend', { reason: input.reason ?? null, ...(input.pauseClock ? { pauseClock: input.pauseClock } : {}) });
      const row = await suspend(this.runner, unit, instance);
      if (input.pauseClock) await this.runner.clockOperation(unit, instance, { type: 'pause', kind: input.pauseClock.kind, reason: input.reason ?? '挂起', legalBasis: input.pauseClock.legalBasis });
      return row;
    });
  }

  /** 恢复: resumes a suspended case; a clock its suspension paused runs again. */
  async resumeInstance(actor: Actor, id: string, input: { reason?: string } = {}): Promise<InstanceRow> {
    return this.instanceCommand(actor, async (unit) => {
      const instance = await this.ownInstance(unit, actor, id);
      const clocksPaused = await suspensionPausedClocks(unit.tx, instance.id);
      recordCaseOperation(unit, instance, 'resume', { reason: input.reason ?? null });
      const row = await resume(this.runner, unit, instance);
      if (clocksPaused) await this.runner.clockOperation(unit, instance, { type: 'resume', reason: input.reason ?? '恢复办理' });
      return row;
    });
  }

  /** Camunda 8's SetVariables: from the element instance's scope (or the process) outwards, or `local` to that scope only. */
  async setVariables(actor: Actor, id: string, variables: Variables, elementInstanceId?: string, options: { local?: boolean } = {}): Promise<InstanceRow> {
    return this.instanceCommand(actor, async (unit) => assignVariables(this.runner, unit, await this.ownInstance(unit, actor, id), variables, elementInstanceId, options));
  }

  async modifyInstance(actor: Actor, id: string, modification: Modification): Promise<InstanceRow> {
    return this.instanceCommand(actor, async (unit) => modify(this.runner, unit, await this.ownInstance(unit, actor, id), modification));
  }

  async migrateInstance(actor: Actor, id: string, input: { targetDefinitionId: string; mappings: Array<{ source: string; target: string }> }): Promise<InstanceRow> {
    return this.instanceCommand(actor, async (unit) => {
      const instance = await this.ownInstance(unit, actor, id);
      const target = await departmentDefinition(unit.tx, asUuid(input.targetDefinitionId), instance.department);
      if (!target) throw notFound('process definition', input.targetDefinitionId);
      return migrate(this.runner, unit, instance, { target, mappings: input.mappings });
    });
  }

  // ── Incidents ──────────────────────────────────────────────────────────────

  /** Open (or resolved) incidents of the cases the actor may read. */
  async listIncidents(actor: Actor, filter: IncidentFilter = {}): Promise<IncidentRow[]> {
    return incidentsReadable(this.db, actor, { instanceId: filter.instanceId ? asUuid(filter.instanceId) : null, state: filter.state ?? 'active', limit: filter.limit ?? 100 });
  }

  /** listIncidents a page at a time. */
  async pageIncidents(actor: Actor, filter: IncidentFilter & { cursor?: string } = {}): Promise<Page<IncidentRow>> {
    return pageIncidents(this.db, actor, { ...filter, instanceId: filter.instanceId ? asUuid(filter.instanceId) : undefined });
  }

  async getIncident(actor: Actor, id: string): Promise<IncidentRow> {
    const row = await readableIncident(this.db, actor, asUuid(id));
    if (!row) throw notFound('incident', id);
    return row;
  }

  /** Resolves an incident: a job gets `retries` new retries; anything else is retried by the interpreter. */
  async resolveIncident(actor: Actor, id: string, input: { retries?: number } = {}): Promise<IncidentRow> {
    return this.command(actor, async (unit) => {
      const incident = await lockIncident(unit.tx, actor, asUuid(id), this.departmentFilter(actor));
      if (!incident) throw notFound('incident', id);
      await resolveIncident(this.runner, unit, incident, input.retries ?? 1);
      return (await incidentRow(unit.tx, incident.id))!;
    });
  }

  // ── User tasks ─────────────────────────────────────────────────────────────

  /** The actor's inbox (their department and region), or every task of one case they may read. */
  async listTasks(actor: Actor, filter: TaskFilter = {}): Promise<TaskView[]> {
    return (await this.taskPage(actor, filter)).items;
  }

  /** One page of tasks, with the total and the next page's cursor. */
  async taskPage(actor: Actor, filter: TaskFilter = {}): Promise<Page<TaskView>> {
    return listTasks(this.db, actor, { now: this.clock.now(), ...filter, ...(filter.instanceId ? { instanceId: asUuid(filter.instanceId) } : {}) });
  }

  async getTask(actor: Actor, id: string): Promise<TaskView> {
    const row = await readTask(this.db, actor, asUuid(id));
    if (!row) throw notFound('user task', id);
    return row;
  }

  /**
   * Claims a task for the actor (or, for an administrator, for a named user). The actor must be
   * allowed to work on it: its department and region, and its assignee, candidate users or posts.
   */
  async claimTask(actor: Actor, id: string, assignee: string = actor.userId, override: OverrideInput = {}): Promise<UserTaskRow> {
    return this.command(actor, async (unit) => {
      const task = await lockOpenTask(unit, actor, id);
      if (task.assignee && task.assignee !== assignee) {
        throw new EngineError('conflict', `Task ${id} is already claimed by ${task.assignee}`, `该任务已由 ${task.assignee} 认领`);
      }
      if (assignee === actor.userId) await mayWork(unit, actor, task, override);
      else await adminOnly(unit, actor, task, 'claim for another user', '代他人认领', override);
      const row = await setAssignee(unit.tx, task.id, assignee);
      await recordTaskEvent(unit, task, 'userTask.claimed', { assignee });
      // 签收: on a first-response step the unit's first contact (the SLA module stops the response clock).
      const instance = (await unit.instance(task.instance_id))!;
      await this.runner.taskOperation(unit, instance, { type: 'claimed', taskId: task.id, elementId: task.element_id, elementInstanceId: task.element_instance_id, assignee });
      return row;
    });
  }

  async unclaimTask(actor: Actor, id: string, override: OverrideInput = {}): Promise<UserTaskRow> {
    return this.command(actor, async (unit) => {
      const task = await lockOpenTask(unit, actor, id);
      if (task.assignee && task.assignee !== actor.userId) await adminOnly(unit, actor, task, `release a task claimed by ${task.assignee}`, `退回 ${task.assignee} 认领的任务`, override);
      else await mayWork(unit, actor, task, override);
      const row = await setAssignee(unit.tx, task.id, null);
      await recordTaskEvent(unit, task, 'userTask.unclaimed', {});
      return row;
    });
  }

  /**
   * Completes a task with variables and the person's opinion (审批意见, kept on the trail). A queued
   * signer (加签) or the owner of a delegated task (委托) gets it next instead; see operations/signers.ts.
   */
  async completeTask(actor: Actor, id: string, submitted: Variables = {}, options: { override?: OverrideInput; opinion?: string } = {}): Promise<UserTaskRow> {
    return this.command(actor, async (unit) => {
      const task = await lockOpenTask(unit, actor, id, { lock: false });
      await mayWork(unit, actor, task, options.override ?? {});
      const opinion = options.opinion?.trim() || undefined;
      const next = await handOn(unit, actor, task, submitted, opinion);
      if ('absorbed' in next) return next.absorbed;
      const { variables } = next;
      await recordTaskEvent(unit, task, 'userTask.completed', opinion ? { opinion } : {});
      await unit.defer({
        kind: 'update',
        table: 'user_tasks',
        set: { state: 'completed', ended_at: unit.now, completed_by: actor.userId, assignee: sql`COALESCE(assignee, ${actor.userId})` },
        where: { id: task.id },
        key: `task:${task.instance_id}:${task.element_instance_id}`,
      });
      const row: UserTaskRow = { ...task, state: 'completed', ended_at: unit.now, completed_by: actor.userId, assignee: task.assignee ?? actor.userId };
      // Unlocked read: the instance moves only if the task is still open and nobody else claimed it meanwhile.
      const precondition = stillOpenFor(task, actor.userId);
      await this.runner.advanceOrThrow(unit, task.instance_id, completeWithGatewayInputs(task.element_instance_id, variables), { precondition });
      return row;
    });
  }

  // ── Jobs (service tasks) ───────────────────────────────────────────────────

  /**
   * Locks up to `max` due jobs of a type for a worker; SKIP LOCKED lets any number of workers
   * share the table without ever getting the same job, and an expired lock frees a job whose
   * worker died. Jobs of suspended instances are skipped.
   */
  async activateJobs(actor: Actor, input: { type: string; worker: string; max: number; lockMs: number }): Promise<Array<JobRow & { variables: Variables }>> {
    const now = this.clock.now();
    const rows = await claimServiceJobs(this.db, this.runner.readAlongSql, {
      type: input.type,
      now,
      worker: input.worker,
      lockExpiresAt: new Date(now.getTime() + input.lockMs),
      department: this.departmentFilter(actor),
      max: input.max,
      region: regionScope(actor),
    });
    return rows.map(({ instance, along, ...job }) => {
      this.claimedJobs.remember({ job, instance, ...(along ? { along } : {}) });
      // A job carries every variable visible from its element (input mappings, a multi-instance run's element), as in Camunda 8.
      return { ...job, variables: visibleVariables(instance.state, job.element_instance_id ?? undefined) };
    });
  }

  /** Completes a job, starting from the job and instance as this engine's claim read them where it can (ClaimedJobs). */
  async completeJob(actor: Actor, id: string, variables: Variables = {}): Promise<void> {
    let claimed = this.claimedJobs.take(id, actor);
    await this.command(actor, async (unit) => {
      // The copy serves the first attempt only: a retry (the case moved since the claim) reads afresh.
      const job = claimed ? claimedJob(unit, claimed) : await lockJob(unit, actor, id, { lock: false });
      claimed = undefined;
      await completeJob(this.runner, unit, job, variables);
    });
  }

  /** A worker reports failure: retried after the backoff while retries are left, else an incident naming the job and the message. */
  async failJob(actor: Actor, id: string, input: FailInput): Promise<JobRow> {
    this.claimedJobs.forget(id);
    return this.command(actor, async (unit) => failJob(this.runner, unit, await lockJob(unit, actor, id), input));
  }

  /** A worker throws a BPMN error: caught by an error boundary or event subprocess, else an incident. */
  async throwJobError(actor: Actor, id: string, input: { errorCode: string; errorMessage?: string; variables?: Variables }): Promise<void> {
    this.claimedJobs.forget(id);
    await this.command(actor, async (unit) => throwErrorForJob(this.runner, unit, await lockJob(unit, actor, id, { lock: false }), input));
  }

  /** Sets a job's retries; a job that had run out becomes activatable again and its incident is resolved. */
  async updateJobRetries(actor: Actor, id: string, retries: number): Promise<JobRow> {
    return this.command(actor, (unit) => updateJobRetries(this.runner, unit, actor, id, retries));
  }

  // ── Timers (for the job executor) ──────────────────────────────────────────

  /**
   * Locks due timers and start timers for an executor, skipping rows another executor holds. A
   * row is free when its lock expired or its holder's lease ran out (a killed server: see
   * executor-lease.ts), whichever comes first.
   */
  async acquireDueTimers(owner: string, max: number, lockMs: number): Promise<DueTimer[]> {
    const now = this.clock.now();
    return claimDueTimers(this.db, now, owner, new Date(now.getTime() + lockMs), max);
  }

  /** Fires one acquired timer in its own command transaction (triggerTimer, or a start by a timer start event). */
  async triggerTimer(timer: DueTimer, owner: string): Promise<FireOutcome> {
    const system: Actor = { userId: 'system', department: timer.department, roles: ['admin'] };
    return this.command(system, (unit) => (timer.kind === 'timer-start' ? fireStartTimer(this.runner, unit, timer.id, owner) : fireInstanceTimer(this.runner, unit, timer.id, owner)));
  }

  /**
   * A timer whose firing threw (a bug, not a BPMN outcome: those are incidents): tried again
   * after `backoffMs`, and after its last attempt kept as 'failed' with an incident naming it,
   * which resolving retries (engine/jobs/timer-failures.ts).
   */
  async recordTimerFailure(timer: DueTimer, owner: string, error: unknown, backoffMs = 30_000): Promise<void> {
    await recordTimerFailure(this.db, timer.id, owner, error, this.clock.now(), backoffMs);
  }

  /** Alias used by the executor. */
  fireTimer(timer: DueTimer, owner: string): Promise<FireOutcome> {
    return this.triggerTimer(timer, owner);
  }

  /** Drops buffered messages whose time to live has passed. */
  async expireMessages(): Promise<number> {
    return expireBufferedMessages(this.db, this.clock.now());
  }

  // ── Messages and signals ───────────────────────────────────────────────────

  /**
   * Publishes a message in the actor's department (see engine/messaging/publish-message.ts for the rules); a
   * region-scoped actor's reaches only cases within their region, and a case it starts is one of their region.
   */
  async publishMessage(actor: Actor, input: MessageInput): Promise<PublishResult> {
    return this.command(actor, (unit) => publishMessage(this.runner, unit, actor.department, input, this.senderRegion(actor)));
  }

  /**
   * Broadcasts a signal in the actor's department: catch events, boundaries, event subprocesses and signal start
   * events; a region-scoped actor's, within their region only (as a message).
   */
  async broadcastSignal(actor: Actor, input: { name: string; variables?: Variables }): Promise<BroadcastResult> {
    return this.command(actor, (unit) => broadcastSignal(this.runner, unit, actor.department, input.name, input.variables ?? {}, undefined, this.senderRegion(actor)));
  }

  // ── Reading ────────────────────────────────────────────────────────────────

  /** zeebe:properties of a definition's process and of each of its elements that has some (custom metadata). */
  async definitionProperties(definitionId: string): Promise<{ process: Record<string, string>; elements: Record<string, Record<string, string>> }> {
    const model = await this.models.get(definitionId);
    const elements: Record<string, Record<string, string>> = {};
    for (const node of model.elements.values()) if (node.properties) elements[node.id] = { ...node.properties };
    return { process: { ...(model.properties ?? {}) }, elements };
  }

  /** Names and kinds of a definition's elements, to describe where tokens wait. */
  async elementInfo(definitionId: string): Promise<ReadonlyMap<string, { name?: string; kind: string }>> {
    return (await this.models.get(definitionId)).elements;
  }

  /**
   * The variables a user task's form sees: those visible from the task's element (its input
   * mappings, a multi-instance run's input element and loopCounter, the scopes around it, the
   * process), as Camunda 8 gives a task. Callers have already checked access to the task.
   */
  async taskVariables(task: Pick<UserTaskRow, 'instance_id' | 'element_instance_id'>): Promise<Variables> {
    const scopes = await instanceScopes(this.db, task.instance_id);
    return scopes ? visibleVariables(scopes, task.element_instance_id) : {};
  }

  /** The process variables of an instance (callers have already checked access to it). */
  async instanceVariables(instanceId: string): Promise<Variables> {
    return (await instanceVariablesOf(this.db, instanceId)) ?? {};
  }

  // ── Internals ──────────────────────────────────────────────────────────────

  private command<T>(actor: Actor, work: (unit: CommandUnit) => Promise<T>): Promise<T> {
    return runCommand(this.commandDb, actor, () => this.clock.now(), work, this.runner.readAlongSql);
  }

  /**
   * A command that answers with an instance: the row as the whole command left it, after the
   * steps that followed in the same transaction (a signal the instance threw to itself, a child
   * that completed at once), not as the first step wrote it.
   */
  private async instanceCommand(actor: Actor, work: (unit: CommandUnit) => Promise<InstanceRow>): Promise<InstanceRow> {
    let last: CommandUnit | undefined;
    const row = await this.command(actor, (unit) => {
      last = unit;
      return work(unit);
    });
    return last?.instances.get(row.id) ?? row;
  }

  /**
   * An instance the actor's department owns, within their region (operations are not for
   * departments that only hold a task of it, nor for supervisors, who read only).
   */
  private async ownInstance(unit: CommandUnit, actor: Actor, id: string): Promise<InstanceRow> {
    const row = await ownedInstanceRow(unit.tx, asUuid(id), this.departmentFilter(actor), actor.regionPath && actor.regionPath !== '/' ? `${actor.regionPath}%` : null);
    if (!row) {
      if (await readCase(unit.tx, actor, asUuid(id))) {
        throw new EngineError('forbidden', 'Only the department that owns the case may do this', '只有案件的主办部门可以执行此操作');
      }
      throw notFound('process instance', id);
    }
    unit.instances.set(row.id, row);
    return row;
  }

  /** The region a message or signal from the actor stays within (and starts its cases in); none for city-level users. */
  private senderRegion(actor: Actor): SenderRegion | undefined {
    if (!actor.regionPath || actor.regionPath === '/') return undefined;
    return { ...this.startRegion(actor, undefined), actor };
  }

  private departmentFilter(actor: Actor): string | null {
    return seesAllDepartments(actor) ? null : actor.department;
  }
}

/** The reason (and legal ground) of an operation on a whole case, on its trail beside what the interpreter records. */
function recordCaseOperation(unit: CommandUnit, instance: InstanceRow, operation: 'cancel' | 'suspend' | 'resume', data: Record<string, unknown>): void {
  unit.record(instance.id, instance.department, { type: 'case.operation', elementId: instance.process_id, elementType: 'process', data: { operation, ...data } as never });
}
