import type { Json } from '../runtime/variables.js';
import type { DecisionGraph, DecisionNode, DecisionOutcome, DecisionTable, EvaluatedDecision, LiteralExpression, OutputEntry } from './decision-model.js';
import { applyHitPolicy, outputsValue, type MatchedRule } from './hit-policies.js';
import type { FeelResult } from '../expressions/index.js';

type Failure = { ok: false; message: string; messageZh: string; inputs?: EvaluatedDecision['inputs'] };
type Own = { ok: true; evaluated: EvaluatedDecision } | Failure;

/**
 * Evaluates a decision of a compiled graph: its required decisions first (each result is
 * visible to the decisions that require it under its result name), then the decision itself.
 * `now` is the command's time for FEEL's now() and today().
 */
export function evaluateDecision(graph: DecisionGraph, decisionId: string, variables: Record<string, Json>, now?: Date): DecisionOutcome {
  const target = graph.decisions.get(decisionId);
  if (!target) {
    return { ok: false, decisionId, message: `No decision '${decisionId}' in decision requirements '${graph.id}'`, messageZh: `决策需求“${graph.id}”中没有决策“${decisionId}”`, inputs: [], evaluated: [] };
  }
  const needed = requiredClosure(graph, target);
  const context: Record<string, Json> = { ...variables };
  const evaluated: EvaluatedDecision[] = [];
  for (const node of graph.decisions.values()) {
    if (!needed.has(node.id)) continue;
    const own = evaluateOwn(node, context, now);
    if (!own.ok) return { ok: false, decisionId: node.id, message: own.message, messageZh: own.messageZh, inputs: own.inputs ?? [], evaluated };
    evaluated.push(own.evaluated);
    context[node.resultName] = own.evaluated.result;
    if (node.resultName !== node.id && !(node.id in variables)) context[node.id] = own.evaluated.result;
  }
  return { ok: true, result: evaluated[evaluated.length - 1].result, evaluated };
}

function requiredClosure(graph: DecisionGraph, target: DecisionNode): Set<string> {
  const needed = new Set<string>();
  const walk = (node: DecisionNode) => {
    if (needed.has(node.id)) return;
    needed.add(node.id);
    for (const id of node.requires) {
      const required = graph.decisions.get(id);
      if (required) walk(required);
    }
  };
  walk(target);
  return needed;
}

function evaluateOwn(node: DecisionNode, context: Record<string, Json>, now?: Date): Own {
  return node.logic.kind === 'table' ? evaluateTable(node, node.logic, context, now) : evaluateLiteral(node, node.logic, context, now);
}

function named(node: DecisionNode): [string, string] {
  return [`decision '${node.id}'${node.name ? ` (${node.name})` : ''}`, `决策“${node.name ?? node.id}”`];
}

function evaluateLiteral(node: DecisionNode, logic: LiteralExpression, context: Record<string, Json>, now?: Date): Own {
  const result = logic.expression.evaluate(context, now);
  if (!result.ok) {
    const [en, zh] = named(node);
    return { ok: false, message: `${capital(en)}: ${result.message}`, messageZh: `${zh}：${result.messageZh}` };
  }
  return { ok: true, evaluated: { decisionId: node.id, ...(node.name ? { decisionName: node.name } : {}), decisionType: 'LITERAL_EXPRESSION', inputs: [], matchedRules: [], result: result.value } };
}

function evaluateTable(node: DecisionNode, table: DecisionTable, context: Record<string, Json>, now?: Date): Own {
  const [en, zh] = named(node);
  const inputs: EvaluatedDecision['inputs'] = [];
  const values: Json[] = [];
  for (const input of table.inputs) {
    let value: Json;
    if (input.path) {
      const [root, ...rest] = input.path;
      if (!Object.prototype.hasOwnProperty.call(context, root)) {
        return {
          ok: false,
          message: `${capital(en)}: input '${input.label}' needs variable '${root}', which is missing`,
          messageZh: `${zh}：输入“${input.label}”所需的变量“${root}”缺失`,
          inputs: [...inputs, { id: input.id, name: input.label, value: null }],
        };
      }
      value = walk(context[root], rest);
    } else {
      const result = input.expression.evaluate(context, now);
      if (!result.ok) return { ok: false, message: `${capital(en)}, input '${input.label}': ${result.message}`, messageZh: `${zh}的输入“${input.label}”：${result.messageZh}`, inputs };
      value = result.value;
    }
    inputs.push({ id: input.id, name: input.label, value });
    values.push(value);
    if (input.allowed && value !== null) {
      const allowed = input.allowed.test(value, context);
      if (!allowed.ok || !allowed.value) {
        return {
          ok: false,
          message: `${capital(en)}: input '${input.label}' is ${JSON.stringify(value)}, not one of its input values (${input.allowed.source})`,
          messageZh: `${zh}：输入“${input.label}”的值 ${JSON.stringify(value)} 不在允许的输入值（${input.allowed.source}）之内`,
          inputs,
        };
      }
    }
  }
  const matched: MatchedRule[] = [];
  for (const rule of table.rules) {
    let matches = true;
    for (let column = 0; column < rule.inputEntries.length; column++) {
      const entry = rule.inputEntries[column];
      if (entry.any) continue;
      const outcome = entry.test(values[column], context);
      if (!outcome.ok) {
        return { ok: false, message: `${capital(en)}, rule ${rule.index}, input '${table.inputs[column].label}': ${outcome.message}`, messageZh: `${zh}规则 ${rule.index} 的输入“${table.inputs[column].label}”求值失败：${outcome.message}`, inputs };
      }
      if (!outcome.value) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    const outputs: MatchedRule['outputs'] = [];
    for (let column = 0; column < rule.outputEntries.length; column++) {
      const entry = rule.outputEntries[column];
      const output = table.outputs[column];
      const computed = entryValue(entry, context, now);
      if (!computed.ok) return { ok: false, message: `${capital(en)}, rule ${rule.index}, output '${output.label}': ${computed.message}`, messageZh: `${zh}规则 ${rule.index} 的输出“${output.label}”：${computed.messageZh}`, inputs };
      const value = computed.value;
      if (output.allowed && value !== null) {
        const allowed = output.allowed.test(value, context);
        if (!allowed.ok || !allowed.value) {
          return {
            ok: false,
            message: `${capital(en)}, rule ${rule.index}: output '${output.label}' is ${JSON.stringify(value)}, not one of its output values (${output.allowed.source})`,
            messageZh: `${zh}规则 ${rule.index}：输出“${output.label}”的值 ${JSON.stringify(value)} 不在允许的输出值（${output.allowed.source}）之内`,
            inputs,
          };
        }
      }
      outputs.push({ id: output.id, name: output.name, value });
    }
    matched.push({ ruleId: rule.id, ruleIndex: rule.index, outputs });
    if (table.hitPolicy === 'FIRST') break;
  }
  // No rule matched: whatever the hit policy, the result is the columns' default output entries (a value for one,
  // a context by name for several), else null, as Camunda 8 evaluates it.
  if (matched.length === 0) {
    const defaults: Array<{ name: string; value: Json }> = [];
    for (const output of table.outputs) {
      if (!output.defaultEntry) continue;
      const computed = entryValue(output.defaultEntry, context, now);
      if (!computed.ok) return { ok: false, message: `${capital(en)}, default output '${output.label}': ${computed.message}`, messageZh: `${zh}默认输出“${output.label}”：${computed.messageZh}`, inputs };
      defaults.push({ name: output.name, value: computed.value });
    }
    const result = defaults.length === 0 ? null : outputsValue(defaults);
    return { ok: true, evaluated: { decisionId: node.id, ...(node.name ? { decisionName: node.name } : {}), decisionType: 'DECISION_TABLE', inputs, matchedRules: [], result } };
  }
  const hit = applyHitPolicy(table, matched);
  if (!hit.ok) return { ok: false, message: `${capital(en)}: ${hit.message}`, messageZh: `${zh}：${hit.messageZh}`, inputs };
  return {
    ok: true,
    evaluated: { decisionId: node.id, ...(node.name ? { decisionName: node.name } : {}), decisionType: 'DECISION_TABLE', inputs, matchedRules: hit.rules, result: hit.result },
  };
}

function walk(value: Json, path: string[]): Json {
  let current: Json = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return null;
    current = Object.prototype.hasOwnProperty.call(current, key) ? current[key] : null;
  }
  return current ?? null;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An output entry's value: a literal as compiled, else its FEEL expression evaluated. */
function entryValue(entry: OutputEntry, context: Record<string, Json>, now?: Date): FeelResult {
  return entry.constant ? { ok: true, value: entry.value } : entry.expression.evaluate(context, now);
}
