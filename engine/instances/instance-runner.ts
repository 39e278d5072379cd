import { definitionDeployedWith, deploymentOf, latestDefinition, latestTaggedDefinition } from '../store/deployments.js';
import { runningChildrenOf } from '../store/instance-waits.js';
import { randomUUID } from 'node:crypto';
import { EngineError, OptimisticConflict } from '../errors.js';
import type { ClockOperation, CommandScope, EngineExtension, TaskOperation } from '../extension.js';
import type { ProcessModel } from '../model/index.js';
import {
  cancelInstance,
  catchesError,
  childTerminated,
  completeCallActivity,
  completeDecision,
  decisionFailed,
  escalate,
  raiseIncident,
  startInstance,
  throwError,
  type ChildInstanceCancelRequested,
  type ChildInstanceRequested,
  type DecisionRequested,
  type Effect,
  type ErrorPropagated,
  type EscalationPropagated,
  type InstanceState,
  type MessageThrown,
  type SignalThrown,
  type StepRefusal,
  type StepResult,
  type Variables,
} from '../runtime/index.js';
import { applyEffects, type EffectHost } from '../store/apply-effects.js';
import type { IncidentCause } from '../store/effects/incidents.js';
import { InstanceScope } from '../store/effects/instance-scope.js';
import { jsonb } from '../store/jsonb.js';
import type { SqlFragment } from '../store/sql-fragment.js';
import type { DefinitionRow, InstanceRow } from '../store/rows.js';
import { broadcastSignal, signalReceivers } from '../messaging/broadcast-signal.js';
import { offerBufferedMessages } from '../messaging/buffered-messages.js';
import { publishMessage } from '../messaging/publish-message.js';
import { startWaitingMessage } from '../messaging/start-events.js';
import { DecisionGraphCache, findDecision, type DecisionBinding } from '../dmn/deployed-decisions.js';
import { readAlongSql, type CommandUnit } from './command-unit.js';
import type { ModelCache } from './model-cache.js';

/** The optional services the interpreter takes (the business calendar for working-day timers). */
export type RuntimeServices = NonNullable<Parameters<typeof startInstance>[3]>['services'];

/** One interpreter command on one instance's model and state. */
export type Step = (model: ProcessModel, state: InstanceState, now: Date, services: RuntimeServices) => StepResult;

export type Advanced = { ok: true; row: InstanceRow; effects: readonly Effect[] } | { ok: false; reason: StepRefusal; message: string; messageZh: string };

const ENDED = new Set(['completed', 'canceled', 'terminated']);

export interface AdvanceOptions {
  cause?: IncidentCause;
  quietToParent?: boolean;
  precondition?: SqlFragment;
}

export interface StartInput {
  definition: DefinitionRow;
  variables: Variables;
  businessKey?: string | null;
  startEventId?: string;
  calledBy?: { instanceId: string; elementInstanceId: string };
  /** The case's region (D10): where it and its tasks belong; a child inherits its parent's. */
  region?: { code: string | null; path: string };
  /** Fingerprint of a start request with a business key (idempotent retries). */
  startRequest?: string | null;
  /** The correlation key of the message that starts the case by a message start event (not empty). */
  startCorrelationKey?: string;
}

/**
 * Runs interpreter steps against stored instances inside a command's unit of work: loads the
 * state, writes the next one with an optimistic revision check (D4) and performs the effects,
 * including those that reach other instances (child instances, parents, signals, messages).
 */
export class InstanceRunner implements EffectHost {
  /** Modules that react to a command's effects in its transaction (SLA deadlines, …). */
  readonly extensions: EngineExtension[] = [];
  /** Compiled DMN decision graphs (engine/dmn), shared with deployments and the evaluation API. */
  readonly decisions = new DecisionGraphCache();

  private along = { extensions: 0, sql: '' };

  /** What the modules read along with a command's job or task (EngineExtension.readAlong), as SQL columns; made once. */
  get readAlongSql(): string {
    if (this.along.extensions !== this.extensions.length) {
      this.along = { extensions: this.extensions.length, sql: readAlongSql(this.extensions.flatMap((extension) => (extension.readAlong ? [extension.readAlong] : []))) };
    }
    return this.along.sql;
  }

  constructor(
    readonly models: ModelCache,
    readonly services: RuntimeServices,
  ) {}

  async start(unit: CommandUnit, input: StartInput): Promise<InstanceRow> {
    const { definition } = input;
    const model = await this.models.get(definition.id, unit.tx);
    const run = (services: RuntimeServices) =>
      startInstance(model, input.variables, unit.now, {
        ...(input.startEventId ? { startEventId: input.startEventId } : {}),
        ...(input.calledBy ? { calledBy: input.calledBy } : {}),
        services,
      });
    const step = await this.keepingUncaughtErrors(unit, run);
    if (!step.ok) {
      const reason = step.message ?? step.reason;
      throw new EngineError('invalid', `The instance cannot start: ${reason}`, `实例无法启动：${step.messageZh ?? step.reason}`);
    }
    const status = step.state.status;
    const row: InstanceRow = {
      id: randomUUID(),
      department: definition.department,
      definition_id: definition.id,
      process_id: definition.process_id,
      version: definition.version,
      business_key: input.businessKey ?? null,
      status,
      state: step.state,
      revision: 1,
      started_by: unit.actor.userId,
      started_at: unit.now,
      ended_at: ENDED.has(status) ? unit.now : null,
      parent_instance_id: input.calledBy?.instanceId ?? null,
      parent_element_instance_id: input.calledBy?.elementInstanceId ?? null,
      region_code: input.region?.code ?? null,
      region_path: input.region?.path ?? '/',
      start_correlation_key: input.startCorrelationKey ?? null,
    };
    await unit.defer({
      kind: 'insert',
      table: 'process_instances',
      values: {
        id: row.id, department: row.department, definition_id: row.definition_id, process_id: row.process_id, version: row.version, business_key: row.business_key, status: row.status,
        state: jsonb(row.state), revision: row.revision, started_by: row.started_by, started_at: row.started_at, ended_at: row.ended_at,
        parent_instance_id: row.parent_instance_id, parent_element_instance_id: row.parent_element_instance_id, region_code: row.region_code, region_path: row.region_path, start_request: input.startRequest ?? null,
        start_correlation_key: input.startCorrelationKey ?? null,
      },
      key: `instance:${row.id}`,
    });
    unit.instances.set(row.id, row);
    await this.afterStep(unit, row, 'active', step.effects, {});
    return row;
  }

  /**
   * Loads an instance, runs one step and writes it; a refusal leaves everything untouched.
   * `precondition` (an SQL condition) must still hold when the state is written, with the revision.
   */
  async advance(unit: CommandUnit, instanceId: string, step: Step, options: AdvanceOptions = {}): Promise<Advanced> {
    const instance = await unit.instance(instanceId);
    if (!instance) return { ok: false, reason: 'not-active', message: `No process instance ${instanceId}`, messageZh: `流程实例“${instanceId}”不存在` };
    const model = await this.models.get(instance.definition_id, unit.tx);
    const result = await this.keepingUncaughtErrors(unit, (services) => step(model, instance.state, unit.now, services));
    if (!result.ok) return { ok: false, reason: result.reason, ...refusalText(result.reason, result.message, result.messageZh) };
    const status = result.state.status;
    const row: InstanceRow = { ...instance, state: result.state, status, revision: instance.revision + 1, ended_at: ENDED.has(status) ? (instance.ended_at ?? unit.now) : null };
    // The revision check (D4): if another command moved the instance since we read it, this changes no row and the command is retried.
    await unit.defer({
      kind: 'update',
      table: 'process_instances',
      set: { state: jsonb(row.state), status, revision: row.revision, ended_at: row.ended_at },
      where: { id: instanceId, revision: instance.revision },
      also: options.precondition,
      key: `instance:${instanceId}`,
      fails: () => new OptimisticConflict(instanceId),
    });
    unit.instances.set(instanceId, row);
    await this.afterStep(unit, row, instance.status, result.effects, options);
    return { ok: true, row, effects: result.effects };
  }

  /**
   * Runs a step of an instance a call activity started. When it passes an error up and no calling instance catches
   * it, the step runs again (steps are pure) keeping the error here, as an incident on the element that threw it, so
   * it can be fixed where it happened and the callers wait (Camunda 8); before, the child ended and the incident went
   * to the call activity.
   */
  private async keepingUncaughtErrors<R extends { ok: boolean; effects?: readonly Effect[] }>(unit: CommandUnit, run: (services: RuntimeServices) => R): Promise<R> {
    const result = run(this.services);
    const passed = result.ok ? result.effects?.find((effect): effect is ErrorPropagated => effect.type === 'error.propagated') : undefined;
    if (!passed || (await this.callersCatch(unit, passed.calledBy, passed.errorCode))) return result;
    return run({ ...this.services, callersCatch: () => false });
  }

  /** Whether the calling instance, or one calling it in turn, catches an error of this code at its call activity. */
  private async callersCatch(unit: CommandUnit, calledBy: { instanceId: string; elementInstanceId: string }, errorCode: string): Promise<boolean> {
    for (let caller: typeof calledBy | undefined = calledBy; caller; ) {
      const instanceId: string = caller.instanceId;
      const row = await unit.instance(instanceId);
      if (!row) return true;
      const model = await this.models.get(row.definition_id, unit.tx);
      if (catchesError(model, row.state, caller.elementInstanceId, errorCode)) return true;
      caller = row.state.calledBy;
    }
    return false;
  }

  /** Hands a clock operation (补正, 延期, a legal suspension) to the modules that keep clocks, in the command's transaction. */
  async clockOperation(unit: CommandUnit, instance: InstanceRow, operation: ClockOperation): Promise<void> {
    if (!this.extensions.some((extension) => extension.clockOperation)) return;
    const model = await this.models.get(instance.definition_id, unit.tx);
    const scope = { instanceId: instance.id, department: instance.department, definitionId: instance.definition_id, model, actor: unit.actor.userId, now: unit.now, variables: instance.state.variables, writes: unit };
    for (const extension of this.extensions) await extension.clockOperation?.(unit.tx, scope, operation);
  }

  /** Hands a task operation (签收) to the modules that react to one, in the command's transaction. */
  async taskOperation(unit: CommandUnit, instance: InstanceRow, operation: TaskOperation): Promise<void> {
    if (!this.extensions.some((extension) => extension.taskOperation)) return;
    const model = await this.models.get(instance.definition_id, unit.tx);
    const scope = { instanceId: instance.id, department: instance.department, definitionId: instance.definition_id, model, actor: unit.actor.userId, now: unit.now, variables: instance.state.variables, writes: unit };
    for (const extension of this.extensions) await extension.taskOperation?.(unit.tx, scope, operation);
  }

  /** `advance`, with a refusal turned into a 409 naming the reason. */
  async advanceOrThrow(unit: CommandUnit, instanceId: string, step: Step, options: AdvanceOptions = {}): Promise<InstanceRow> {
    const result = await this.advance(unit, instanceId, step, options);
    if (!result.ok) throw new EngineError('conflict', `The instance cannot move on: ${result.message}`, `实例无法继续：${result.messageZh}`);
    return result.row;
  }

  private async afterStep(unit: CommandUnit, row: InstanceRow, previousStatus: string, effects: readonly Effect[], options: { cause?: IncidentCause; quietToParent?: boolean }): Promise<void> {
    const scope = new InstanceScope(unit, row.id, row.department, row.definition_id, { code: row.region_code ?? null, path: row.region_path ?? '/' });
    await applyEffects(scope, effects, this, options.cause);
    // A case a message started has ended: a message with its key that waited meanwhile starts the next one.
    if (row.start_correlation_key && ENDED.has(row.status) && !ENDED.has(previousStatus)) await startWaitingMessage(this, unit, row);
    if (this.extensions.length > 0) {
      // No flush here: a module's first query sends what is pending (and opens the transaction), so a command
      // in which no module has anything to read or write stays one autocommitted statement.
      const model = await this.models.get(row.definition_id, unit.tx);
      const commandScope: CommandScope = {
        instanceId: row.id,
        department: row.department,
        definitionId: row.definition_id,
        model,
        actor: unit.actor.userId,
        now: unit.now,
        variables: row.state.variables,
        writes: unit,
      };
      for (const extension of this.extensions) await extension.afterEffects(unit.tx, commandScope, effects);
    }
    if (!row.parent_instance_id || !row.parent_element_instance_id || ENDED.has(previousStatus) || !ENDED.has(row.status)) return;
    if (options.quietToParent || effects.some((effect) => effect.type === 'error.propagated')) return;
    const parentId = row.parent_instance_id;
    const elementInstanceId = row.parent_element_instance_id;
    // Completed, or ended by a terminate end event: either way the call activity is done (BPMN 2.0 §10.5.4).
    if (row.status === 'completed' || row.status === 'terminated') {
      const variables = row.state.variables;
      unit.later(async () => {
        await this.advance(unit, parentId, (model, state, now, services) => completeCallActivity(model, state, elementInstanceId, variables, now, services));
      });
    } else {
      unit.later(async () => {
        await this.advance(unit, parentId, (model, state, now, services) => childTerminated(model, state, elementInstanceId, now, services));
      });
    }
  }

  // ── EffectHost: what reaches other instances ────────────────────────────────

  async childRequested(scope: InstanceScope, effect: ChildInstanceRequested): Promise<void> {
    const { unit } = scope;
    const definition = await this.calledDefinition(unit, scope, effect);
    const calledBy = { instanceId: scope.instanceId, elementInstanceId: effect.elementInstanceId };
    if (definition) {
      await this.start(unit, { definition, variables: effect.variables, businessKey: effect.businessKey ?? null, calledBy, region: scope.region });
      return;
    }
    const which =
      effect.bindingType === 'deployment'
        ? { en: ' in the deployment of the calling process', zh: '（与调用流程同一次部署）' }
        : effect.bindingType === 'versionTag'
          ? { en: ` with version tag '${effect.versionTag}'`, zh: `（版本标签“${effect.versionTag}”）` }
          : { en: '', zh: '' };
    const message = `Call activity '${effect.elementId}': no process '${effect.processId}'${which.en} is deployed in department ${scope.department}`;
    const messageZh = `调用活动“${effect.elementId}”：本部门（${scope.department}）未部署流程“${effect.processId}”${which.zh}`;
    unit.later(async () => {
      await this.advance(unit, scope.instanceId, (model, state, now) => raiseIncident(model, state, effect.elementInstanceId, 'CALLED_ELEMENT_ERROR', message, messageZh, now), {
        cause: { data: { calledProcessId: effect.processId } },
      });
    });
  }

  /** The version a call activity starts, as its binding says (zeebe:calledElement bindingType, as in Camunda 8). */
  private async calledDefinition(unit: CommandUnit, scope: InstanceScope, effect: ChildInstanceRequested): Promise<DefinitionRow | undefined> {
    if (effect.bindingType === 'deployment') return definitionDeployedWith(unit.tx, effect.processId, scope.department, scope.definitionId);
    if (effect.bindingType === 'versionTag') return latestTaggedDefinition(unit.tx, effect.processId, scope.department, effect.versionTag ?? '');
    return latestDefinition(unit.tx, effect.processId, scope.department);
  }

  async childCancelRequested(scope: InstanceScope, effect: ChildInstanceCancelRequested): Promise<void> {
    for (const childId of await runningChildrenOf(scope.unit.tx, scope.instanceId, effect.elementInstanceId)) {
      await this.advance(scope.unit, childId, (model, state, now) => cancelInstance(model, state, now), { quietToParent: true });
    }
  }

  /**
   * A business rule task calls a decision: found by its binding in the instance's department,
   * evaluated here in the command's transaction (never on engine.db), written to the trail,
   * and handed back to the task; a missing decision or a failed evaluation is an incident
   * naming the decision and its inputs.
   */
  async decisionRequested(scope: InstanceScope, effect: DecisionRequested): Promise<void> {
    const { unit } = scope;
    let binding: DecisionBinding;
    if (effect.bindingType === 'deployment') {
      binding = { bindingType: 'deployment', deploymentId: (await deploymentOf(unit.tx, scope.definitionId))! };
    } else if (effect.bindingType === 'versionTag') {
      binding = { bindingType: 'versionTag', versionTag: effect.versionTag ?? '' };
    } else {
      binding = { bindingType: 'latest' };
    }
    const fail = (message: string, messageZh: string, data: Record<string, unknown>) => {
      unit.later(async () => {
        await this.advance(unit, scope.instanceId, (model, state, now) => decisionFailed(model, state, effect.elementInstanceId, message, messageZh, now), { cause: { data } });
      });
    };
    const decision = await findDecision(unit.tx, scope.department, effect.decisionId, binding);
    if (!decision) {
      const which = binding.bindingType === 'deployment' ? ' deployed with this process' : binding.bindingType === 'versionTag' ? ` with version tag '${binding.versionTag}'` : '';
      const whichZh = binding.bindingType === 'deployment' ? '（与本流程一同部署的）' : binding.bindingType === 'versionTag' ? `（版本标签“${binding.versionTag}”）` : '';
      fail(
        `Business rule task '${effect.elementId}': no decision '${effect.decisionId}'${which} is deployed in department ${scope.department}`,
        `业务规则任务“${effect.elementId}”：本部门（${scope.department}）未部署决策“${effect.decisionId}”${whichZh}`,
        { decisionId: effect.decisionId, bindingType: effect.bindingType },
      );
      return;
    }
    const { outcome, record } = await this.decisions.evaluate(unit.tx, decision, effect.variables, unit.now);
    scope.record({ type: 'decision.evaluated', elementId: effect.elementId, elementType: 'businessRuleTask', elementInstanceId: effect.elementInstanceId, data: { ...record, resultVariable: effect.resultVariable } });
    if (outcome.ok) {
      const result = outcome.result;
      unit.later(async () => {
        await this.advance(unit, scope.instanceId, (model, state, now, services) => completeDecision(model, state, effect.elementInstanceId, result, now, services));
      });
      return;
    }
    const inputs = outcome.inputs.map((input) => `${input.name} = ${JSON.stringify(input.value)}`).join(', ') || '—';
    fail(
      `Decision '${decision.decision_id}' version ${decision.version} failed: ${outcome.message} (inputs: ${inputs})`,
      `决策“${decision.name ?? decision.decision_id}”（${decision.decision_id}，版本 ${decision.version}）求值失败：${outcome.messageZh}（输入：${inputs}）`,
      { decisionId: decision.decision_id, decisionKey: decision.id, decisionVersion: decision.version, failedDecisionId: outcome.decisionId, inputs: outcome.inputs },
    );
  }

  errorPropagated(scope: InstanceScope, effect: ErrorPropagated): void {
    const { calledBy } = effect;
    scope.unit.later(async () => {
      await this.advance(scope.unit, calledBy.instanceId, (model, state, now, services) =>
        throwError(model, state, calledBy.elementInstanceId, effect.errorCode, effect.errorMessage, effect.variables, now, services),
      );
    });
  }

  escalationPropagated(scope: InstanceScope, effect: EscalationPropagated): void {
    const { calledBy } = effect;
    scope.unit.later(async () => {
      await this.advance(scope.unit, calledBy.instanceId, (model, state, now, services) => escalate(model, state, calledBy.elementInstanceId, effect.escalationCode, now, services));
    });
  }

  /** The receivers are read now, when the signal is thrown (signals are not stored); delivered once this instance is written. */
  async signalThrown(scope: InstanceScope, effect: SignalThrown): Promise<void> {
    const receivers = await signalReceivers(scope.unit, scope.department, effect.signalName);
    scope.unit.later(async () => {
      await broadcastSignal(this, scope.unit, scope.department, effect.signalName, effect.variables, receivers);
    });
  }

  /**
   * A message thrown by a process is published like one from the API, but one nobody takes
   * must not undo the thrower's command: it is recorded on the thrower's trail instead.
   */
  messageThrown(scope: InstanceScope, effect: MessageThrown): void {
    scope.unit.later(async () => {
      try {
        await publishMessage(this, scope.unit, scope.department, { name: effect.messageName, correlationKey: effect.correlationKey, variables: effect.variables });
      } catch (error) {
        if (!(error instanceof EngineError) || error.kind !== 'not-found') throw error;
        scope.record({
          type: 'message.unclaimed',
          elementId: effect.elementId,
          elementInstanceId: effect.elementInstanceId,
          data: { messageName: effect.messageName, correlationKey: effect.correlationKey, reason: error.message, reasonZh: error.messageZh },
        });
      }
    });
  }

  messageSubscriptionOpened(scope: InstanceScope, subscriptionId: string): void {
    scope.unit.later(async () => {
      await offerBufferedMessages(this, scope.unit, subscriptionId);
    });
  }
}

const REFUSALS: Record<string, [string, string]> = {
  'not-active': ['the instance is not active', '实例不处于运行状态'],
  suspended: ['the instance is suspended', '实例已挂起'],
  'no-such-element-instance': ['the element is no longer waiting', '该节点已不在等待状态'],
  'element-has-incident': ['the element has an open incident', '该节点存在未解决的事件（incident）'],
  'no-such-timer': ['the timer is no longer active', '定时器已失效'],
  'no-such-subscription': ['the subscription is no longer open', '订阅已关闭'],
  'no-incident': ['the element has no incident', '该节点没有未解决的事件（incident）'],
  'no-such-element': ['no such element in the process', '流程中没有该节点'],
  'invalid-modification': ['the modification is not valid', '实例修改无效'],
  'migration-unmapped': ['active elements have no target in the new version', '有活动节点在新版本中没有对应节点'],
  'no-such-start-event': ['no such start event', '没有该启动事件'],
  'listener-job': ['an execution listener job cannot throw a BPMN error', '执行监听器作业不能抛出 BPMN 错误'],
};

function refusalText(reason: StepRefusal, message?: string, messageZh?: string): { message: string; messageZh: string } {
  const [en, zh] = REFUSALS[reason] ?? [reason, reason];
  return { message: message ?? en, messageZh: messageZh ?? zh };
}
