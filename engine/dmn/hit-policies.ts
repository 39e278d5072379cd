import type { Json } from '../runtime/variables.js';
import type { DecisionTable, EvaluatedDecision, TableOutput } from './decision-model.js';

export type MatchedRule = EvaluatedDecision['matchedRules'][number];

export type HitResult = { ok: true; result: Json; rules: MatchedRule[] } | { ok: false; message: string; messageZh: string };

/**
 * Turns the matched rules (at least one: no match is the default outputs, evaluate-decision.ts) into the
 * table's result, as Camunda 8 evaluates it: one output column gives its value, several give a context by
 * output name.
 */
export function applyHitPolicy(table: DecisionTable, matched: MatchedRule[]): HitResult {
  const value = (rule: MatchedRule): Json => outputsValue(rule.outputs);
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        const which = matched.map((rule) => rule.ruleIndex).join(', ');
        return { ok: false, message: `hit policy UNIQUE, but rules ${which} matched`, messageZh: `命中策略为 UNIQUE（唯一），但规则 ${which} 同时命中` };
      }
      return single(matched[0], value);
    case 'FIRST':
      return single(matched[0], value);
    case 'ANY': {
      if (matched.length === 0) return single(undefined, value);
      const first = JSON.stringify(value(matched[0]));
      const other = matched.find((rule) => JSON.stringify(value(rule)) !== first);
      if (other) {
        return { ok: false, message: `hit policy ANY, but rules ${matched[0].ruleIndex} and ${other.ruleIndex} matched with different outputs`, messageZh: `命中策略为 ANY（任一），但规则 ${matched[0].ruleIndex} 与 ${other.ruleIndex} 命中且输出不同` };
      }
      return { ok: true, result: value(matched[0]), rules: matched };
    }
    case 'PRIORITY':
      return single(byPriority(table.outputs, matched)[0], value);
    case 'RULE ORDER':
      return { ok: true, result: matched.map(value), rules: matched };
    case 'OUTPUT ORDER': {
      const ordered = byPriority(table.outputs, matched);
      return { ok: true, result: ordered.map(value), rules: ordered };
    }
    case 'COLLECT':
      return table.aggregation ? aggregate(table.aggregation, matched) : { ok: true, result: matched.map(value), rules: matched };
  }
}

/** One output gives its value, several a context by output name (a rule's outputs, or the default outputs). */
export function outputsValue(outputs: ReadonlyArray<{ name: string; value: Json }>): Json {
  return outputs.length === 1 ? outputs[0].value : Object.fromEntries(outputs.map((output) => [output.name, output.value]));
}

function single(rule: MatchedRule | undefined, value: (rule: MatchedRule) => Json): HitResult {
  return rule ? { ok: true, result: value(rule), rules: [rule] } : { ok: true, result: null, rules: [] };
}

/** Stable sort by the position of each output's value in its output values (first column first). */
function byPriority(outputs: TableOutput[], matched: MatchedRule[]): MatchedRule[] {
  const rank = (rule: MatchedRule): number[] =>
    outputs.map((output, column) => {
      if (!output.priority) return 0;
      const position = output.priority.indexOf(rule.outputs[column]?.value as never);
      return position < 0 ? output.priority.length : position;
    });
  return matched
    .map((rule, order) => ({ rule, order, rank: rank(rule) }))
    .sort((a, b) => {
      for (let index = 0; index < a.rank.length; index++) if (a.rank[index] !== b.rank[index]) return a.rank[index] - b.rank[index];
      return a.order - b.order;
    })
    .map((entry) => entry.rule);
}

function aggregate(aggregation: NonNullable<DecisionTable['aggregation']>, matched: MatchedRule[]): HitResult {
  const values = matched.map((rule) => rule.outputs[0]?.value ?? null).filter((entry) => entry !== null);
  if (aggregation === 'COUNT') return { ok: true, result: values.length, rules: matched };
  if (values.length === 0) return { ok: true, result: null, rules: matched };
  if (aggregation === 'SUM') {
    if (!values.every((entry) => typeof entry === 'number')) {
      return { ok: false, message: `COLLECT SUM needs numbers, got ${JSON.stringify(values)}`, messageZh: `COLLECT SUM（求和）需要数值，实际为 ${JSON.stringify(values)}` };
    }
    return { ok: true, result: (values as number[]).reduce((sum, entry) => sum + entry, 0), rules: matched };
  }
  const comparable = values.every((entry) => typeof entry === 'number') || values.every((entry) => typeof entry === 'string');
  if (!comparable) {
    return { ok: false, message: `COLLECT ${aggregation} needs numbers or strings of one kind, got ${JSON.stringify(values)}`, messageZh: `COLLECT ${aggregation} 需要同一类型的数值或字符串，实际为 ${JSON.stringify(values)}` };
  }
  const sorted = [...(values as Array<number | string>)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ok: true, result: aggregation === 'MIN' ? sorted[0] : sorted[sorted.length - 1], rules: matched };
}
