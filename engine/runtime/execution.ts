import { FeelBudget, type FeelExpression } from '../expressions/index.js';
import type { FlowNode, ProcessModel, ValueSource } from '../model/index.js';
import type { Effect, HistoryEvent, IncidentType } from './effects.js';
import type { RuntimeServices } from './services.js';
import { ROOT_ID, type ElementInstanceState, type IncidentState, type InstanceState, type TimerState } from './state.js';
import type { Json, Variables } from './variables.js';
import { visibleVariables } from './visible-variables.js';

export type Evaluated = { ok: true; value: Json } | { ok: false; message: string; messageZh: string };

/**
 * How many steps one command may run before it stops: a model that loops without a wait state
 * (a cycle of flows, a token that forks in a loop, an event that triggers itself) must not freeze
 * the server. Counted, not timed, so a replayed command stops at the same step.
 */
export const COMMAND_STEP_BUDGET = 5_000;

interface Step {
  run: () => void;
  /** The element instance the step enters: over budget it gets an incident instead. */
  instanceId?: string;
  /** Over budget, a step that enters nothing is dropped; this undoes what scheduling it assumed. */
  drop?: () => void;
}

/** The mutable working set of one command: the state being advanced and the effects so far. */
export class Execution {
  readonly effects: Effect[] = [];
  private readonly agenda: Step[] = [];
  private next = 0;
  private steps = 0;
  /** Set when variables changed, so conditional events are evaluated again. */
  variablesChanged = false;
  /** What this command may spend on FEEL in all (expressions/feel-budget.ts). */
  readonly feelBudget = new FeelBudget();
  /**
   * Migration: the timers open before, by `${ownerInstanceId}/${eventElementId}` (the event's id in
   * the new model). A timer reopened on a mapped event keeps its due time: a statutory deadline
   * does not move because the process got a new version.
   */
  preservedTimers?: Map<string, Pick<TimerState, 'dueAt' | 'cycle'>>;

  constructor(
    readonly model: ProcessModel,
    readonly state: InstanceState,
    readonly now: Date,
    readonly services: RuntimeServices = {},
  ) {}

  /** Runs queued steps until every token waits or has ended, or the step budget is spent. */
  run(): void {
    while (this.next < this.agenda.length) {
      const step = this.agenda[this.next++];
      if (this.steps >= COMMAND_STEP_BUDGET) {
        this.stopOverBudget(step);
        continue;
      }
      this.steps++;
      step.run();
    }
    this.agenda.length = 0;
    this.next = 0;
  }

  schedule(run: () => void, options: Omit<Step, 'run'> = {}): void {
    this.agenda.push({ run, ...options });
  }

  /** Every element still to be entered gets an incident naming it; a retry goes on from there. */
  private stopOverBudget(step: Step): void {
    const instance = step.instanceId ? this.instance(step.instanceId) : undefined;
    if (!instance) return step.drop?.();
    if (instance.phase !== 'activating') return;
    const node = this.model.elements.get(instance.elementId);
    const label = node?.name ? `'${instance.elementId}' (${node.name})` : `'${instance.elementId}'`;
    this.raiseIncident(
      instance,
      'STEP_BUDGET_EXCEEDED',
      `The command ran ${COMMAND_STEP_BUDGET} steps without reaching a wait state and stopped before ${label}: does the model loop without a user task, job, timer or message?`,
      `本次操作已执行 ${COMMAND_STEP_BUDGET} 步仍未到达等待节点，已在“${node?.name ?? instance.elementId}”（${instance.elementId}）前停止：模型中是否存在没有人工任务、作业、定时器或消息的循环？`,
      'activate',
    );
  }

  newId(): string {
    return String(this.state.nextId++);
  }

  node(elementId: string): FlowNode {
    const node = this.model.elements.get(elementId);
    if (!node) throw new Error(`No element '${elementId}' in process '${this.model.id}'`);
    return node;
  }

  instance(id: string): ElementInstanceState | undefined {
    return this.state.elements[id];
  }

  /** Live children of a scope instance, in id order (creation order: deterministic). */
  children(scopeId: string): ElementInstanceState[] {
    const result: ElementInstanceState[] = [];
    for (const id in this.state.elements) {
      const instance = this.state.elements[id];
      if (instance.parentId === scopeId) result.push(instance);
    }
    return result.sort((a, b) => Number(a.id) - Number(b.id));
  }

  hasChildren(scopeId: string): boolean {
    for (const id in this.state.elements) if (this.state.elements[id].parentId === scopeId) return true;
    return false;
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  history(event: HistoryEvent): void {
    this.effects.push({ type: 'history', event });
  }

  nodeEvent(type: HistoryEvent['type'], instance: ElementInstanceState, data?: HistoryEvent['data']): void {
    if (instance.id === ROOT_ID) {
      this.history({ type, elementId: this.model.id, elementType: 'process', ...(this.model.name ? { elementName: this.model.name } : {}), ...(data ? { data } : {}) });
      return;
    }
    const node = this.node(instance.elementId);
    this.history({
      type,
      elementId: node.id,
      elementType: instance.body ? 'multiInstanceBody' : node.kind,
      ...(node.name ? { elementName: node.name } : {}),
      elementInstanceId: instance.id,
      ...(data ? { data } : {}),
    });
  }

  // ── Variables (Zeebe's scopes) ───────────────────────────────────────────

  /** The variables a FEEL expression sees in a scope: the process's, overlaid by each nested scope's locals. */
  visible(scopeId: string | undefined): Variables {
    return visibleVariables(this.state, scopeId);
  }

  evaluate(expression: FeelExpression, scopeId: string | undefined, extra?: Variables): Evaluated {
    const context = extra ? { ...this.visible(scopeId), ...extra } : this.visible(scopeId);
    return expression.evaluate(context, this.now, this.feelBudget);
  }

  /** Evaluates a static-or-FEEL value in a scope. */
  resolve(source: ValueSource | undefined, scopeId: string | undefined): { ok: true; value: Json | undefined } | { ok: false; message: string; messageZh: string } {
    if (!source) return { ok: true, value: undefined };
    if ('static' in source) return { ok: true, value: source.static };
    return this.evaluate(source.expression, scopeId);
  }

  setLocal(scopeId: string, name: string, value: Json): void {
    if (scopeId === ROOT_ID) {
      this.state.variables[name] = value;
    } else {
      const instance = this.instance(scopeId);
      if (!instance) return;
      (instance.variables ??= {})[name] = value;
    }
    this.variablesChanged = true;
  }

  /**
   * Zeebe's propagation: each variable is set on the nearest scope (from `scopeId` up) that
   * already has it as a local, else on the process.
   */
  propagate(scopeId: string | undefined, variables: Variables): void {
    for (const name of Object.keys(variables)) {
      let target = ROOT_ID;
      for (let instance = scopeId ? this.instance(scopeId) : undefined; instance && instance.id !== ROOT_ID; instance = instance.parentId ? this.instance(instance.parentId) : undefined) {
        if (instance.variables && Object.prototype.hasOwnProperty.call(instance.variables, name)) {
          target = instance.id;
          break;
        }
      }
      this.setLocal(target, name, variables[name]);
    }
  }

  // ── Incidents ────────────────────────────────────────────────────────────

  raiseIncident(instance: ElementInstanceState, errorType: IncidentType, message: string, messageZh: string, retry: IncidentState['retry'], variables?: Variables): void {
    instance.phase = 'incident';
    instance.incident = { errorType, message, messageZh, retry, ...(variables ? { variables } : {}) };
    this.emit({ type: 'incident.created', elementInstanceId: instance.id, elementId: instance.elementId, errorType, message, messageZh });
    this.nodeEvent('incident.created', instance, { errorType, message, messageZh });
  }
}
