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
  /** gov:handling of the process: who handles its user tasks unless a task names its own. */
  readonly handling?: HandlingDefinition;
  /** Every flow node of the process, nested ones included. */
  readonly elements: ReadonlyMap<string, FlowNode>;
  readonly flows: ReadonlyMap<string, SequenceFlow>;
  /** The none start event a plain start enters (undefined when the process starts only by message/timer/signal). */
  readonly noneStartId?: string;
  /** Flow scopes by id: the process (its id) and every embedded, event and transaction subprocess. */
  readonly scopes: ReadonlyMap<string, ScopeModel>;
  /** zeebe:properties of the process: custom metadata. */
  readonly properties?: Readonly<Record<string, string>>;
}

export interface ScopeModel {
  readonly id: string;
  readonly noneStartId?: string;
  /**
   * A process or subprocess without any start event starts every flow node that has no incoming
   * sequence flow (BPMN 2.0 §10.5.2, the implicit start); empty when it has a start event.
   */
  readonly implicitStartIds: readonly string[];
  /** Start events of the process that carry a trigger (message, timer, signal): only at process level. */
  readonly triggeredStartIds: readonly string[];
  /** Event subprocesses directly inside this scope. */
  readonly eventSubProcessIds: readonly string[];
  /** Flow nodes directly inside this scope (not nested deeper). */
  readonly elementIds: readonly string[];
}

/** Element kinds the engine executes; each has one behaviour in runtime/behaviours/. */
export type ElementKind =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'task'
  | 'manualTask'
  | 'userTask'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'scriptTask'
  | 'receiveTask'
  | 'subProcess'
  | 'eventSubProcess'
  | 'transaction'
  | 'adHocSubProcess'
  | 'callActivity'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway';

export interface FlowNode {
  readonly id: string;
  readonly name?: string;
  readonly kind: ElementKind;
  /** The flow scope (process id or subprocess id) the node lies in. */
  readonly scopeId: string;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  readonly defaultFlowId?: string;
  readonly gov: GovAttributes;
  readonly userTask?: UserTaskDefinition;
  readonly job?: JobDefinition;
  readonly event?: EventDefinition;
  /** Boundary events attached to this activity. */
  readonly boundaryIds: readonly string[];
  /** For a boundary event: the activity it is attached to. */
  readonly attachedToId?: string;
  /** Boundary events (cancelActivity) and event-subprocess start events (isInterrupting). */
  readonly interrupting: boolean;
  readonly inputs: readonly VariableMapping[];
  readonly outputs: readonly VariableMapping[];
  readonly multiInstance?: MultiInstanceDefinition;
  readonly loop?: StandardLoopDefinition;
  readonly script?: ScriptDefinition;
  readonly calledElement?: CalledElementDefinition;
  /** A business rule task that evaluates a DMN decision (zeebe:calledDecision). */
  readonly calledDecision?: CalledDecisionDefinition;
  readonly adHoc?: AdHocDefinition;
  /** An activity with a compensation boundary event: the handler activity (isForCompensation) that undoes it. */
  readonly compensationHandlerId?: string;
  /** A compensation handler: runs only when its activity is compensated, never through sequence flows. */
  readonly forCompensation?: boolean;
  /** For inclusive joins: for every incoming flow, the flow nodes from which a token can still reach it. */
  readonly reachableFrom?: Readonly<Record<string, readonly string[]>>;
  /** zeebe:executionListeners (model/compile-extensions.ts). */
  readonly listeners?: ExecutionListeners;
  /** zeebe:properties: custom metadata, handed to the element's task or job. */
  readonly properties?: Readonly<Record<string, string>>;
}

/** An execution listener: a job of `type` the element waits for (Camunda 8's semantics). */
export interface ExecutionListener {
  readonly type: ValueSource;
  readonly retries: number;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ExecutionListeners {
  readonly start: readonly ExecutionListener[];
  readonly end: readonly ExecutionListener[];
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

/**
 * gov:handling department as routing: a department code, or a unit code (a bureau's town
 * branch: its department and region); a FEEL expression is evaluated when the task is created
 * (e.g. `=handlingUnit`, the handling unit of the region's implementation entry). (gov:handling
 * unit stays a label for people.)
 */
export interface HandlingDefinition {
  readonly department: ValueSource;
}

export interface UserTaskDefinition {
  /** The task's own gov:handling; absent: the process's. */
  readonly handling?: HandlingDefinition;
  readonly assignee?: ValueSource;
  readonly candidateGroups?: ValueSource;
  readonly candidateUsers?: ValueSource;
  readonly dueDate?: ValueSource;
  /** zeebe:taskSchedule followUpDate. */
  readonly followUpDate?: ValueSource;
  /** zeebe:priorityDefinition: 0–100 (default 50); the inbox is sorted by it. */
  readonly priority?: ValueSource;
  /** zeebe:taskHeaders of the user task: static metadata handed to whoever shows the task. */
  readonly headers?: Readonly<Record<string, string>>;
  /** An embedded or custom form (zeebe:formDefinition formKey). */
  readonly formKey?: string;
  /** A linked form deployed on its own (zeebe:formDefinition formId). */
  readonly formId?: string;
  /** Which version of the linked form a task shows; absent: the latest when the task was created. */
  readonly formBinding?: FormBinding;
}

/** zeebe:formDefinition bindingType other than latest: the form deployed with the process, or the newest with a tag. */
export type FormBinding = { readonly bindingType: 'deployment' } | { readonly bindingType: 'versionTag'; readonly versionTag: string };

export interface JobDefinition {
  readonly type: ValueSource;
  readonly retries: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** zeebe:ioMapping: `source` is a FEEL expression, `target` a variable name (or a dotted path). */
export interface VariableMapping {
  readonly source: FeelExpression;
  readonly target: string;
}

export type EventDefinition =
  | { readonly type: 'none' }
  | { readonly type: 'message'; readonly messageName: ValueSource; readonly correlationKey?: ValueSource }
  | { readonly type: 'timer'; readonly timer: TimerDefinition }
  | { readonly type: 'signal'; readonly signalName: ValueSource }
  /** errorCode undefined: catches every error. A throw event's code may be an expression, evaluated when it throws. */
  | { readonly type: 'error'; readonly errorCode?: string; readonly errorCodeExpression?: FeelExpression; readonly errorMessage?: string }
  | { readonly type: 'escalation'; readonly escalationCode?: string; readonly escalationCodeExpression?: FeelExpression }
  | { readonly type: 'conditional'; readonly condition: FeelExpression }
  | { readonly type: 'link'; readonly linkName: string }
  | { readonly type: 'terminate' }
  /** activityRef undefined: compensate every completed activity of the scope. */
  | { readonly type: 'compensate'; readonly activityRef?: string }
  | { readonly type: 'cancel' };

export interface TimerDefinition {
  readonly kind: 'date' | 'duration' | 'cycle';
  readonly value: ValueSource;
  /** gov:calendar: durations counted on the business calendar. */
  readonly calendar?: 'working' | 'natural';
}

export interface MultiInstanceDefinition {
  readonly sequential: boolean;
  readonly inputCollection?: FeelExpression;
  readonly inputElement?: string;
  readonly outputCollection?: string;
  readonly outputElement?: FeelExpression;
  readonly completionCondition?: FeelExpression;
  /** bpmn:loopCardinality when there is no input collection. */
  readonly cardinality?: FeelExpression;
}

export interface StandardLoopDefinition {
  readonly condition?: FeelExpression;
  readonly maximum?: number;
  readonly testBefore: boolean;
}

export interface ScriptDefinition {
  readonly expression: FeelExpression;
  readonly resultVariable?: string;
}

/** An ad-hoc subprocess (Zeebe's zeebe:adHoc): which inner elements to activate and when it is done. */
export interface AdHocDefinition {
  /** A FEEL list of ids of inner elements without incoming flows; absent: none (they are activated by instance modification). */
  readonly activeElements?: FeelExpression;
  /** Checked after each inner element completes; absent: done when nothing inside is active. */
  readonly completionCondition?: FeelExpression;
  readonly cancelRemainingInstances: boolean;
}

export interface CalledDecisionDefinition {
  readonly decisionId: ValueSource;
  readonly resultVariable: string;
  readonly bindingType: 'latest' | 'deployment' | 'versionTag';
  readonly versionTag?: string;
}

export interface CalledElementDefinition {
  readonly processId: ValueSource;
  readonly propagateAllChildVariables: boolean;
  readonly propagateAllParentVariables: boolean;
  /** Which version is started: the latest, the one deployed with the calling process, or the newest with a version tag. */
  readonly bindingType: 'latest' | 'deployment' | 'versionTag';
  readonly versionTag?: string;
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
    /**
     * On a user task: it is the first-response step (首次响应): the case's response clock opens when the step is
     * created and stops when it is claimed (签收) or completed. An ISO 8601 limit, or `profile` (the SLA profile's).
     */
    readonly response?: string;
    /** On a user task: the operating-standard step (作业规范 stepKey) it implements, whose maxDuration is its limit. */
    readonly step?: string;
  };
  readonly supervisionUnit?: string;
  /** Escalation intervals of 督办 levels, e.g. "P3D,P5D" (working days). */
  readonly supervisionLevels?: string;
  /** gov:operations on a user task: which 办理操作 the designer allows (D11). */
  readonly operations?: OperationRules;
}

/** What a designer may restrict of the task operations on one user task. */
export interface OperationRules {
  /** The earlier steps 退回 may go to ('none': 退回 is not offered); absent: any step passed in the same flow scope. */
  readonly returnTo?: readonly string[] | 'none';
  /** false: the completer of this step may not take it back (撤回). */
  readonly withdraw?: boolean;
  /** How long the receiving unit may send the task back (退单), ISO 8601 (default PT24H). */
  readonly sendBackWithin?: string;
}
