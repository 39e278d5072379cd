import type { ProcessModel } from '../../../engine/model/index.js';
import {
  cancelInstance,
  completeCallActivity,
  completeWaitingElement,
  correlateMessage,
  migrateInstance,
  modifyInstance,
  retryIncident,
  setVariables,
  startInstance,
  throwError,
  triggerSignal,
  triggerTimer,
  type Effect,
  type InstanceState,
  type Modification,
  type RuntimeServices,
  type StartOptions,
  type StepResult,
  type Variables,
} from '../../../engine/runtime/index.js';

/**
 * Drives the pure interpreter the way the store does: keeps the state, collects effects,
 * and (with `roundTrip`) writes the state to JSON and reads it back after every step, as
 * a restart would.
 */
export class PureRunner {
  state!: InstanceState;
  readonly effects: Effect[] = [];
  now: Date;

  constructor(
    public model: ProcessModel,
    private readonly options: { roundTrip?: boolean; now?: Date; services?: RuntimeServices } = {},
  ) {
    this.now = options.now ?? new Date('2025-09-25T01:00:00Z');
  }

  start(variables: Variables = {}, options: Omit<StartOptions, 'services'> = {}): this {
    return this.apply(startInstance(this.model, variables, this.now, { ...options, services: this.options.services }));
  }

  /** The id of the one waiting (or incident) instance of an element; fails when there is not exactly one. */
  waiting(elementId: string): string {
    const found = this.state.waiting.filter((entry) => entry.elementId === elementId);
    if (found.length !== 1) throw new Error(`Expected one waiting '${elementId}', found ${found.length}: ${JSON.stringify(this.state.waiting)}`);
    return found[0].id;
  }

  waitingIds(): string[] {
    return this.state.waiting.map((entry) => entry.elementId).sort();
  }

  complete(elementId: string, variables: Variables = {}): this {
    return this.apply(completeWaitingElement(this.model, this.state, this.waiting(elementId), variables, this.now, this.options.services));
  }

  completeAt(elementInstanceId: string, variables: Variables = {}): this {
    return this.apply(completeWaitingElement(this.model, this.state, elementInstanceId, variables, this.now, this.options.services));
  }

  throwError(elementId: string, errorCode: string, variables: Variables = {}): this {
    return this.apply(throwError(this.model, this.state, this.waiting(elementId), errorCode, '', variables, this.now, this.options.services));
  }

  /** Fires the open timer of an event element (advancing the clock to its due time). */
  fireTimer(eventElementId: string): this {
    const entry = Object.entries(this.state.timers).find(([, timer]) => timer.elementId === eventElementId);
    if (!entry) throw new Error(`No open timer for '${eventElementId}': ${JSON.stringify(this.state.timers)}`);
    this.now = new Date(Math.max(this.now.getTime(), new Date(entry[1].dueAt).getTime()));
    return this.apply(triggerTimer(this.model, this.state, entry[0], this.now, this.options.services));
  }

  timerDue(eventElementId: string): string | undefined {
    return Object.values(this.state.timers).find((timer) => timer.elementId === eventElementId)?.dueAt;
  }

  /** Publishes a message as the store would: to the open subscription with that name and key. */
  correlate(messageName: string, correlationKey: string, variables: Variables = {}): this {
    const opened = this.openSubscriptions('message').find((entry) => entry.name === messageName && entry.correlationKey === correlationKey);
    if (!opened) throw new Error(`No subscription for message '${messageName}' / '${correlationKey}'`);
    return this.apply(correlateMessage(this.model, this.state, opened.ownerId, opened.elementId, variables, this.now, this.options.services));
  }

  signal(signalName: string, variables: Variables = {}): this {
    for (const opened of this.openSubscriptions('signal').filter((entry) => entry.name === signalName)) {
      const step = triggerSignal(this.model, this.state, opened.ownerId, opened.elementId, variables, this.now, this.options.services);
      if (step.ok) this.apply(step);
    }
    return this;
  }

  openSubscriptions(kind: 'message' | 'signal' | 'timer' | 'conditional'): Array<{ ownerId: string; elementId: string; name?: string; correlationKey?: string }> {
    const result = [];
    for (const instance of Object.values(this.state.elements)) {
      for (const subscription of instance.subscriptions ?? []) {
        if (subscription.kind === kind) result.push({ ownerId: instance.id, elementId: subscription.elementId, name: subscription.name, correlationKey: subscription.correlationKey });
      }
    }
    return result;
  }

  setVariables(variables: Variables, scopeId?: string): this {
    return this.apply(setVariables(this.model, this.state, scopeId, variables, this.now, this.options.services));
  }

  completeChild(callActivityId: string, childVariables: Variables): this {
    return this.apply(completeCallActivity(this.model, this.state, this.waiting(callActivityId), childVariables, this.now, this.options.services));
  }

  retry(elementId: string): this {
    return this.apply(retryIncident(this.model, this.state, this.waiting(elementId), this.now, this.options.services));
  }

  cancel(): this {
    return this.apply(cancelInstance(this.model, this.state, this.now));
  }

  modify(modification: Modification): this {
    return this.apply(modifyInstance(this.model, this.state, modification, this.now, this.options.services));
  }

  migrate(newModel: ProcessModel, mapping: Record<string, string> = {}): StepResult {
    const step = migrateInstance(this.model, newModel, this.state, mapping, this.now, this.options.services);
    if (step.ok) {
      this.model = newModel;
      this.apply(step);
    }
    return step;
  }

  advance(ms: number): this {
    this.now = new Date(this.now.getTime() + ms);
    return this;
  }

  apply(step: StepResult): this {
    if (!step.ok) throw new Error(`Refused: ${step.reason} ${step.message ?? ''}`);
    this.state = this.options.roundTrip ? (JSON.parse(JSON.stringify(step.state)) as InstanceState) : step.state;
    this.effects.push(...step.effects);
    return this;
  }

  /** Effects of a type, e.g. runner.of('job.created'). */
  of<T extends Effect['type']>(type: T): Array<Extract<Effect, { type: T }>> {
    return this.effects.filter((effect): effect is Extract<Effect, { type: T }> => effect.type === type);
  }

  /** History event types in order, optionally only for one element. */
  historyOf(elementId?: string): string[] {
    return this.of('history')
      .filter((effect) => !elementId || effect.event.elementId === elementId)
      .map((effect) => effect.event.type);
  }

  /** Element ids that completed, in order. */
  completed(): string[] {
    return this.of('history')
      .filter((effect) => effect.event.type === 'element.completed')
      .map((effect) => effect.event.elementId as string);
  }

  get status(): string {
    return this.state.status;
  }

  get variables(): Variables {
    return this.state.variables;
  }
}
