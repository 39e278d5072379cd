import { createHash, randomUUID } from 'node:crypto';
import type { Db } from './db/index.js';
import { isUniqueViolation } from './db/index.js';
import { seesAllDepartments, type Actor } from './actor.js';
import { EngineError, OptimisticConflict } from './errors.js';
import { compileDeployment, type ProcessModel } from './model/index.js';
import { completeWaitingElement, startInstance, type Effect, type StepResult, type Variables } from './runtime/index.js';
import type { CommandScope, EngineExtension } from './extension.js';
import { applyEffects } from './store/apply-effects.js';
import { jsonb } from './store/jsonb.js';
import type { DefinitionRow, HistoryRow, InstanceRow, JobRow, UserTaskRow } from './store/rows.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface DeployResult {
  deploymentId: string;
  definitions: DefinitionRow[];
  /** True when every process was identical to its latest version: nothing new was created. */
  unchanged: boolean;
}

export interface TaskFilter {
  department?: string;
  candidateGroup?: string;
  assignee?: string;
  instanceId?: string;
  state?: 'created' | 'completed' | 'canceled';
  limit?: number;
}

export interface InstanceFilter {
  processId?: string;
  businessKey?: string;
  status?: string;
  limit?: number;
}

const MAX_OPTIMISTIC_RETRIES = 5;

/**
 * The engine's public face: every command runs in one transaction until the next wait
 * state (D4) and every query is limited to the actor's department.
 */
export class Engine {
  private readonly models = new Map<string, ProcessModel>();

  private readonly extensions: EngineExtension[] = [];

  constructor(
    readonly db: Db,
    readonly clock: Clock = systemClock,
  ) {}

  /** Adds a module that runs inside every command's transaction after its effects are written. */
  use(extension: EngineExtension): this {
    this.extensions.push(extension);
    return this;
  }

  // ── Deployments and definitions ────────────────────────────────────────────

  async deploy(input: { xml: string; name?: string; actor: Actor }): Promise<DeployResult> {
    const compiled = await compileDeployment(input.xml);
    if (!compiled.ok) {
      throw new EngineError('invalid', 'The model cannot be deployed', '模型无法部署', compiled.problems);
    }
    const department = input.actor.department;
    const hash = createHash('sha256').update(input.xml).digest('hex');
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      // Serialise deployments of one department so that version numbers never collide.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`deploy:${department}`]);
      const deploymentId = randomUUID();
      const definitions: DefinitionRow[] = [];
      let unchanged = true;
      let deploymentWritten = false;
      for (const process of compiled.processes) {
        const [latest] = await tx.query<DefinitionRow>(
          'SELECT * FROM process_definitions WHERE process_id = $1 AND department = $2 ORDER BY version DESC LIMIT 1',
          [process.id, department],
        );
        if (latest && latest.xml_hash === hash) {
          definitions.push(latest);
          continue;
        }
        if (!deploymentWritten) {
          await tx.query('INSERT INTO deployments (id, department, name, xml, xml_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
            deploymentId,
            department,
            input.name ?? null,
            input.xml,
            hash,
            input.actor.userId,
            now,
          ]);
          deploymentWritten = true;
        }
        unchanged = false;
        const [definition] = await tx.query<DefinitionRow>(
          `INSERT INTO process_definitions (id, deployment_id, process_id, department, version, version_tag, name, xml_hash, gov, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
          [randomUUID(), deploymentId, process.id, department, (latest?.version ?? 0) + 1, process.versionTag ?? null, process.name ?? null, hash, jsonb(process.gov), now],
        );
        definitions.push(definition);
        this.models.set(definition.id, process);
      }
      return { deploymentId: unchanged ? definitions[0].deployment_id : deploymentId, definitions, unchanged };
    });
  }

  async listDefinitions(actor: Actor, filter: { processId?: string } = {}): Promise<DefinitionRow[]> {
    return this.db.query<DefinitionRow>(
      `SELECT * FROM process_definitions
       WHERE ($1::text IS NULL OR department = $1) AND ($2::text IS NULL OR process_id = $2)
       ORDER BY process_id, version DESC LIMIT 500`,
      [this.departmentFilter(actor), filter.processId ?? null],
    );
  }

  async getDefinition(actor: Actor, id: string): Promise<DefinitionRow & { xml: string }> {
    const [row] = await this.db.query<DefinitionRow & { xml: string }>(
      `SELECT d.*, x.xml FROM process_definitions d JOIN deployments x ON x.id = d.deployment_id
       WHERE d.id = $1 AND ($2::text IS NULL OR d.department = $2)`,
      [asUuid(id), this.departmentFilter(actor)],
    );
    if (!row) throw notFound('process definition', id);
    return row;
  }

  // ── Instances ──────────────────────────────────────────────────────────────

  async startInstance(input: { processId: string; version?: number; businessKey?: string; variables?: Variables; actor: Actor }): Promise<InstanceRow> {
    const department = input.actor.department;
    const [definition] = await this.db.query<DefinitionRow>(
      `SELECT * FROM process_definitions WHERE process_id = $1 AND department = $2 AND ($3::int IS NULL OR version = $3)
       ORDER BY version DESC LIMIT 1`,
      [input.processId, department, input.version ?? null],
    );
    if (!definition) {
      const which = input.version ? `${input.processId} version ${input.version}` : input.processId;
      throw new EngineError('not-found', `No process '${which}' is deployed in department ${department}`, `本部门（${department}）未部署流程“${which}”`);
    }
    const model = await this.model(definition.id);
    const now = this.clock.now();
    const step = startInstance(model, input.variables ?? {}, now);
    if (!step.ok) throw new EngineError('invalid', `The instance cannot start: ${step.reason}`, `实例无法启动：${step.reason}`);
    const id = randomUUID();
    try {
      return await this.db.transaction(async (tx) => {
        const [row] = await tx.query<InstanceRow>(
          `INSERT INTO process_instances (id, department, definition_id, process_id, version, business_key, status, state, revision, started_by, started_at, ended_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11) RETURNING *`,
          [id, department, definition.id, definition.process_id, definition.version, input.businessKey ?? null, step.state.status, jsonb(step.state), input.actor.userId, now, step.state.status === 'active' ? null : now],
        );
        await applyEffects(tx, { instanceId: id, department, actor: input.actor.userId, now }, step.effects);
        await this.runExtensions(tx, { instanceId: id, department, definitionId: definition.id, model, actor: input.actor.userId, now }, step.effects);
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new EngineError('conflict', `Business key '${input.businessKey}' is already used by an instance of ${input.processId}`, `业务编号“${input.businessKey}”已被流程“${input.processId}”的另一个实例使用`);
      }
      throw error;
    }
  }

  async getInstance(actor: Actor, id: string): Promise<InstanceRow> {
    const [row] = await this.db.query<InstanceRow>(
      `SELECT * FROM process_instances i WHERE i.id = $1 AND ($2::text IS NULL OR i.department = $2
         OR EXISTS (SELECT 1 FROM user_tasks t WHERE t.instance_id = i.id AND t.department = $2))`,
      [asUuid(id), this.departmentFilter(actor)],
    );
    if (!row) throw notFound('process instance', id);
    return row;
  }

  async listInstances(actor: Actor, filter: InstanceFilter = {}): Promise<InstanceRow[]> {
    return this.db.query<InstanceRow>(
      `SELECT * FROM process_instances
       WHERE ($1::text IS NULL OR department = $1) AND ($2::text IS NULL OR process_id = $2)
         AND ($3::text IS NULL OR business_key = $3) AND ($4::text IS NULL OR status = $4)
       ORDER BY started_at DESC LIMIT $5`,
      [this.departmentFilter(actor), filter.processId ?? null, filter.businessKey ?? null, filter.status ?? null, filter.limit ?? 100],
    );
  }

  async history(actor: Actor, instanceId: string): Promise<HistoryRow[]> {
    await this.getInstance(actor, instanceId);
    return this.db.query<HistoryRow>('SELECT * FROM history WHERE instance_id = $1 ORDER BY id', [instanceId]);
  }

  // ── User tasks ─────────────────────────────────────────────────────────────

  async listTasks(actor: Actor, filter: TaskFilter = {}): Promise<UserTaskRow[]> {
    const own = this.departmentFilter(actor);
    if (own && filter.department && filter.department !== own) return [];
    return this.db.query<UserTaskRow>(
      `SELECT * FROM user_tasks
       WHERE ($1::text IS NULL OR department = $1) AND ($2::text IS NULL OR $2 = ANY (candidate_groups))
         AND ($3::text IS NULL OR assignee = $3) AND ($4::uuid IS NULL OR instance_id = $4)
         AND state = $5
       ORDER BY due_date NULLS LAST, created_at LIMIT $6`,
      [own ?? filter.department ?? null, filter.candidateGroup ?? null, filter.assignee ?? null, filter.instanceId ? asUuid(filter.instanceId) : null, filter.state ?? 'created', filter.limit ?? 100],
    );
  }

  async getTask(actor: Actor, id: string): Promise<UserTaskRow> {
    const [row] = await this.db.query<UserTaskRow>('SELECT * FROM user_tasks WHERE id = $1 AND ($2::text IS NULL OR department = $2)', [asUuid(id), this.departmentFilter(actor)]);
    if (!row) throw notFound('user task', id);
    return row;
  }

  async claimTask(actor: Actor, id: string, assignee: string = actor.userId): Promise<UserTaskRow> {
    return this.db.transaction(async (tx) => {
      const task = await this.lockOpenTask(tx, actor, id);
      if (task.assignee && task.assignee !== assignee) {
        throw new EngineError('conflict', `Task ${id} is already claimed by ${task.assignee}`, `该任务已由 ${task.assignee} 认领`);
      }
      const [row] = await tx.query<UserTaskRow>('UPDATE user_tasks SET assignee = $2 WHERE id = $1 RETURNING *', [task.id, assignee]);
      await this.appendHistory(tx, task, actor, 'userTask.claimed', { assignee });
      return row;
    });
  }

  async unclaimTask(actor: Actor, id: string): Promise<UserTaskRow> {
    return this.db.transaction(async (tx) => {
      const task = await this.lockOpenTask(tx, actor, id);
      if (task.assignee && task.assignee !== actor.userId && !seesAllDepartments(actor)) {
        throw new EngineError('conflict', `Task ${id} is claimed by ${task.assignee}`, `该任务已由 ${task.assignee} 认领，只有认领人可以退回`);
      }
      const [row] = await tx.query<UserTaskRow>('UPDATE user_tasks SET assignee = NULL WHERE id = $1 RETURNING *', [task.id]);
      await this.appendHistory(tx, task, actor, 'userTask.unclaimed', {});
      return row;
    });
  }

  async completeTask(actor: Actor, id: string, variables: Variables = {}): Promise<UserTaskRow> {
    return this.command(async (tx) => {
      const task = await this.lockOpenTask(tx, actor, id);
      if (task.assignee && task.assignee !== actor.userId) {
        throw new EngineError('conflict', `Task ${id} is claimed by ${task.assignee}`, `该任务已由 ${task.assignee} 认领，不能由他人办理`);
      }
      await this.appendHistory(tx, task, actor, 'userTask.completed', {});
      const [row] = await tx.query<UserTaskRow>(
        `UPDATE user_tasks SET state = 'completed', ended_at = $2, completed_by = $3, assignee = COALESCE(assignee, $3) WHERE id = $1 RETURNING *`,
        [task.id, this.clock.now(), actor.userId],
      );
      await this.advance(tx, task.instance_id, actor, (model, state, now) => completeWaitingElement(model, state, task.element_instance_id, variables, now));
      return row;
    });
  }

  // ── Jobs (service tasks) ───────────────────────────────────────────────────

  /** Locks up to `max` due jobs of a type for a worker; SKIP LOCKED lets workers share the table. */
  async activateJobs(actor: Actor, input: { type: string; worker: string; max: number; lockMs: number }): Promise<Array<JobRow & { variables: Variables }>> {
    const now = this.clock.now();
    const rows = await this.db.query<JobRow & { variables: Variables }>(
      `UPDATE jobs j SET state = 'activated', lock_owner = $3, lock_expires_at = $4
       FROM (SELECT id FROM jobs
             WHERE type = $1 AND ($5::text IS NULL OR department = $5) AND due_at <= $2
               AND (state = 'activatable' OR (state = 'activated' AND lock_expires_at < $2))
             ORDER BY due_at LIMIT $6 FOR UPDATE SKIP LOCKED) due
       WHERE j.id = due.id
       RETURNING j.*, (SELECT i.state -> 'variables' FROM process_instances i WHERE i.id = j.instance_id) AS variables`,
      [input.type, now, input.worker, new Date(now.getTime() + input.lockMs), this.departmentFilter(actor), input.max],
    );
    return rows;
  }

  async completeJob(actor: Actor, id: string, variables: Variables = {}): Promise<void> {
    await this.command(async (tx) => {
      const [job] = await tx.query<JobRow>('SELECT * FROM jobs WHERE id = $1 AND ($2::text IS NULL OR department = $2) FOR UPDATE', [asUuid(id), this.departmentFilter(actor)]);
      if (!job) throw notFound('job', id);
      if (job.state !== 'activated' && job.state !== 'activatable') {
        throw new EngineError('conflict', `Job ${id} is ${job.state}`, `作业已处于“${job.state}”状态`);
      }
      await tx.query(`UPDATE jobs SET state = 'completed', lock_owner = NULL, lock_expires_at = NULL WHERE id = $1`, [job.id]);
      await this.advance(tx, job.instance_id, actor, (model, state, now) => completeWaitingElement(model, state, job.element_instance_id, variables, now));
    });
  }

  /** Names and kinds of a definition's elements, to describe where tokens wait. */
  async elementInfo(definitionId: string): Promise<ReadonlyMap<string, { name?: string; kind: string }>> {
    return (await this.model(definitionId)).elements;
  }

  /** The process variables of an instance (callers have already checked access to it). */
  async instanceVariables(instanceId: string): Promise<Variables> {
    const [row] = await this.db.query<{ variables: Variables }>("SELECT state -> 'variables' AS variables FROM process_instances WHERE id = $1", [instanceId]);
    return row?.variables ?? {};
  }

  // ── Internals ──────────────────────────────────────────────────────────────

  /** Runs a command transaction, retrying it on fresh state when another command won the race. */
  private async command<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(work);
      } catch (error) {
        if (!(error instanceof OptimisticConflict) || attempt >= MAX_OPTIMISTIC_RETRIES) throw error;
      }
    }
  }

  /** Loads an instance, runs one interpreter step and writes it with an optimistic revision check. */
  private async advance(tx: Db, instanceId: string, actor: Actor, step: (model: ProcessModel, state: InstanceRow['state'], now: Date) => StepResult): Promise<void> {
    const [instance] = await tx.query<InstanceRow>('SELECT * FROM process_instances WHERE id = $1', [instanceId]);
    const model = await this.model(instance.definition_id, tx);
    const now = this.clock.now();
    const result = step(model, instance.state, now);
    if (!result.ok) {
      throw new EngineError('conflict', `The instance cannot move on: ${result.reason}`, `实例无法继续：${result.reason}`);
    }
    const updated = await tx.query(
      `UPDATE process_instances SET state = $3, status = $4, revision = revision + 1, ended_at = $5 WHERE id = $1 AND revision = $2 RETURNING id`,
      [instanceId, instance.revision, jsonb(result.state), result.state.status, result.state.status === 'active' ? null : now],
    );
    if (updated.length === 0) throw new OptimisticConflict(instanceId);
    await applyEffects(tx, { instanceId, department: instance.department, actor: actor.userId, now }, result.effects);
    await this.runExtensions(tx, { instanceId, department: instance.department, definitionId: instance.definition_id, model, actor: actor.userId, now }, result.effects);
  }

  private async runExtensions(tx: Db, scope: CommandScope, effects: readonly Effect[]): Promise<void> {
    for (const extension of this.extensions) await extension.afterEffects(tx, scope, effects);
  }

  private async lockOpenTask(tx: Db, actor: Actor, id: string): Promise<UserTaskRow> {
    const [task] = await tx.query<UserTaskRow>('SELECT * FROM user_tasks WHERE id = $1 AND ($2::text IS NULL OR department = $2) FOR UPDATE', [asUuid(id), this.departmentFilter(actor)]);
    if (!task) throw notFound('user task', id);
    if (task.state !== 'created') {
      const by = task.completed_by ? ` by ${task.completed_by}` : '';
      throw new EngineError('conflict', `Task ${id} is already ${task.state}${by}`, `该任务已${task.state === 'completed' ? '办结' : '取消'}${task.completed_by ? `（办理人：${task.completed_by}）` : ''}`);
    }
    return task;
  }

  private async appendHistory(tx: Db, task: UserTaskRow, actor: Actor, type: string, data: Record<string, unknown>): Promise<void> {
    const [instance] = await tx.query<{ department: string }>('SELECT department FROM process_instances WHERE id = $1', [task.instance_id]);
    await tx.query(
      `INSERT INTO history (instance_id, department, at, type, element_id, element_type, element_name, element_instance_id, actor, data)
       VALUES ($1, $2, $3, $4, $5, 'userTask', $6, $7, $8, $9)`,
      [task.instance_id, instance.department, this.clock.now(), type, task.element_id, task.name, task.element_instance_id, actor.userId, jsonb({ ...data, taskId: task.id })],
    );
  }

  /**
   * The compiled model of a definition; compiled from its stored XML once per process.
   * Inside a command it must read through the command's transaction: PGlite has one
   * connection, and a query beside an open transaction would wait for it forever.
   */
  private async model(definitionId: string, db: Db = this.db): Promise<ProcessModel> {
    const cached = this.models.get(definitionId);
    if (cached) return cached;
    const [row] = await db.query<{ process_id: string; xml: string }>(
      'SELECT d.process_id, x.xml FROM process_definitions d JOIN deployments x ON x.id = d.deployment_id WHERE d.id = $1',
      [definitionId],
    );
    const compiled = await compileDeployment(row.xml);
    const model = compiled.ok ? compiled.processes.find((process) => process.id === row.process_id) : undefined;
    if (!model) throw new Error(`Stored definition ${definitionId} no longer compiles`);
    this.models.set(definitionId, model);
    return model;
  }

  private departmentFilter(actor: Actor): string | null {
    return seesAllDepartments(actor) ? null : actor.department;
  }
}

function notFound(what: string, id: string): EngineError {
  const zh: Record<string, string> = { 'process definition': '流程定义', 'process instance': '流程实例', 'user task': '用户任务', job: '作业' };
  return new EngineError('not-found', `No ${what} '${id}'`, `${zh[what] ?? what}“${id}”不存在`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is simply not found: it must not reach SQL as an invalid uuid error. */
function asUuid(id: string): string {
  return UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}
