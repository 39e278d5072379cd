import type { FlowNode, ProcessModel, ValueSource } from '../model/index.js';
import type { Effect, HistoryEvent } from './effects.js';
import type { ElementInstance, InstanceState } from './state.js';
import type { Json } from './variables.js';

/** The mutable working set of one command: the state being advanced and the effects so far. */
export class Execution {
  readonly effects: Effect[] = [];
  private readonly agenda: Array<() => void> = [];

  constructor(
    readonly model: ProcessModel,
    readonly state: InstanceState,
    readonly now: Date,
  ) {}

  /** Runs queued steps until every token waits or has ended. */
  run(): void {
    for (let step = this.agenda.shift(); step; step = this.agenda.shift()) step();
  }

  schedule(step: () => void): void {
    this.agenda.push(step);
  }

  newElementInstanceId(): string {
    return String(this.state.nextId++);
  }

  node(elementId: string): FlowNode {
    const node = this.model.elements.get(elementId);
    if (!node) throw new Error(`No element '${elementId}' in process '${this.model.id}'`);
    return node;
  }

  history(event: HistoryEvent): void {
    this.effects.push({ type: 'history', event });
  }

  nodeEvent(type: HistoryEvent['type'], node: FlowNode, elementInstanceId: string, data?: HistoryEvent['data']): void {
    this.history({
      type,
      elementId: node.id,
      elementType: node.kind,
      ...(node.name ? { elementName: node.name } : {}),
      elementInstanceId,
      ...(data ? { data } : {}),
    });
  }

  wait(instance: ElementInstance): void {
    this.state.waiting.push(instance);
  }

  release(elementInstanceId: string): ElementInstance | undefined {
    const index = this.state.waiting.findIndex((instance) => instance.id === elementInstanceId);
    if (index < 0) return undefined;
    return this.state.waiting.splice(index, 1)[0];
  }

  /** Evaluates a static-or-FEEL value against the process variables. */
  resolve(source: ValueSource | undefined): { ok: true; value: Json | undefined } | { ok: false; message: string; messageZh: string } {
    if (!source) return { ok: true, value: undefined };
    if ('static' in source) return { ok: true, value: source.static };
    return source.expression.evaluate(this.state.variables);
  }

  raiseIncident(node: FlowNode, elementInstanceId: string, errorType: 'EXPRESSION_FAILED' | 'NO_FLOW_TAKEN', message: string, messageZh: string): void {
    this.wait({ id: elementInstanceId, elementId: node.id, state: 'incident' });
    this.effects.push({ type: 'incident.created', elementInstanceId, elementId: node.id, errorType, message, messageZh });
    this.nodeEvent('incident.created', node, elementInstanceId, { errorType, message });
  }
}
