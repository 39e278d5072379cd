import type { FeelExpression } from '../expressions/index.js';

/**
 * The immutable, validated form of one executable process (DESIGN §3). Compiled once per
 * deployment; the interpreter reads only this, never moddle objects.
 */
export interface ProcessModel {
  readonly id: string;
  readonly name?: string;
  readonly versionTag?: string;
  readonly gov: GovAttributes;
  readonly elements: ReadonlyMap<string, FlowNode>;
  readonly flows: ReadonlyMap<string, SequenceFlow>;
  /** The none start event a plain start enters. */
  readonly noneStartId: string;
}

/** Element kinds the engine executes; each has one behaviour in runtime/behaviours/. */
export type ElementKind =
  | 'startEvent'
  | 'endEvent'
  | 'task'
  | 'manualTask'
  | 'userTask'
  | 'serviceTask'
  | 'exclusiveGateway'
  | 'parallelGateway';

export interface FlowNode {
  readonly id: string;
  readonly name?: string;
  readonly kind: ElementKind;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  readonly defaultFlowId?: string;
  readonly gov: GovAttributes;
  readonly userTask?: UserTaskDefinition;
  readonly job?: JobDefinition;
}

export interface SequenceFlow {
  readonly id: string;
  readonly name?: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition?: FeelExpression;
}

/** A value that is either fixed in the model or a FEEL expression (`=…`). */
export type ValueSource = { readonly static: string } | { readonly expression: FeelExpression };

export interface UserTaskDefinition {
  readonly assignee?: ValueSource;
  readonly candidateGroups?: ValueSource;
  readonly candidateUsers?: ValueSource;
  readonly dueDate?: ValueSource;
  readonly formKey?: string;
}

export interface JobDefinition {
  readonly type: ValueSource;
  readonly retries: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** Our gov: extension: which matter and department an element belongs to, and its SLA. */
export interface GovAttributes {
  readonly matterCode?: string;
  readonly department?: string;
  readonly unit?: string;
  readonly sla?: {
    readonly statutory?: string;
    readonly committed?: string;
    readonly calendar?: string;
    readonly warnAt?: number;
    readonly profile?: string;
  };
  readonly supervisionUnit?: string;
}
