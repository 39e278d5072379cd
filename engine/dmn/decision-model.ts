import type { FeelExpression } from '../expressions/index.js';
import type { Json } from '../runtime/variables.js';
import type { CompiledUnaryTests, Primitive } from './unary-tests.js';

/**
 * A DMN 1.3 file compiled once per deployed version: its decision requirements graph (DRG)
 * with every decision ready to evaluate. Plain data plus compiled tests; nothing is parsed at
 * evaluation time.
 */
export interface DecisionGraph {
  /** The `definitions` id: the decision requirements id. */
  id: string;
  name?: string;
  /** `zeebe:versionTag` of the definitions or of a decision, if any (the deployment's tag wins). */
  versionTag?: string;
  /** Every decision by id, in dependency order (required decisions first). */
  decisions: Map<string, DecisionNode>;
}

export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionNode {
  id: string;
  name?: string;
  /** The name its result has in the decisions that require it (`variable name`, else the id). */
  resultName: string;
  /** Required decisions (DRD information requirements), evaluated before this one. */
  requires: string[];
  versionTag?: string;
  logic: DecisionTable | LiteralExpression;
}

export interface LiteralExpression {
  kind: 'literal';
  expression: FeelExpression;
  source: string;
}

export interface DecisionTable {
  kind: 'table';
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  inputs: TableInput[];
  outputs: TableOutput[];
  rules: TableRule[];
}

export interface TableInput {
  id: string;
  /** The label, else the expression: how people and messages name the column. */
  label: string;
  expression: FeelExpression;
  /** The variable path the expression reads, when it is only that (a missing one is an error). */
  path?: string[];
  source: string;
  /** Input values: the values the input may take (else the evaluation fails). */
  allowed?: CompiledUnaryTests;
}

export interface TableOutput {
  id: string;
  label: string;
  name: string;
  /** Output values: the values an output entry may give (else the evaluation fails), in priority order. */
  allowed?: CompiledUnaryTests;
  priority?: Primitive[];
  /** The default output entry: what the column gives when no rule matches (Camunda 8). */
  defaultEntry?: OutputEntry;
}

export interface TableRule {
  id: string;
  /** 1-based, as people count rules. */
  index: number;
  inputEntries: CompiledUnaryTests[];
  outputEntries: OutputEntry[];
}

export type OutputEntry = { constant: true; value: Json } | { constant: false; expression: FeelExpression; source: string };

/** One decision's evaluation as the trail records it (Camunda 8's EvaluatedDecision, in short). */
export interface EvaluatedDecision {
  decisionId: string;
  decisionName?: string;
  decisionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION';
  inputs: Array<{ id: string; name: string; value: Json }>;
  matchedRules: Array<{ ruleId: string; ruleIndex: number; outputs: Array<{ id: string; name: string; value: Json }> }>;
  result: Json;
}

export type DecisionOutcome =
  | { ok: true; result: Json; evaluated: EvaluatedDecision[] }
  | { ok: false; decisionId: string; message: string; messageZh: string; inputs: Array<{ id: string; name: string; value: Json }>; evaluated: EvaluatedDecision[] };
