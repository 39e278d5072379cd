import { DmnModdle } from 'dmn-moddle';
import { compileFeel, isFeelSyntaxProblem, type FeelExpression } from '../expressions/index.js';
import { xmlTextProblem } from '../model/parse-bpmn.js';
import { withoutDeclaredEncoding } from '../model/xml-encoding.js';
import type { Aggregation, DecisionGraph, DecisionNode, DecisionTable, HitPolicy, OutputEntry, TableInput, TableOutput, TableRule } from './decision-model.js';
import { compileUnaryTests, literalList, literalValue, type CompiledUnaryTests } from './unary-tests.js';

/** Why a DMN file cannot be deployed: the decision, the rule and the cell, in words and in fields. */
export interface DmnProblem {
  code: string;
  message: string;
  messageZh: string;
  /** The decision id (the API reports it as elementId, like a BPMN element). */
  elementId?: string;
  ruleIndex?: number;
  line?: number;
  column?: number;
}

export type CompiledDmn = { ok: true; graph: DecisionGraph; xml: string } | { ok: false; problems: DmnProblem[] };

const HIT_POLICIES = new Set<HitPolicy>(['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER']);
const AGGREGATIONS = new Set<Aggregation>(['SUM', 'MIN', 'MAX', 'COUNT']);
const FEEL_LANGUAGES = new Set(['', 'feel', 'https://www.omg.org/spec/DMN/20191111/FEEL/', 'http://www.omg.org/spec/FEEL/20140401']);
/** DRG elements that only document (inputs, sources of knowledge, notes): nothing to execute. */
const DOCUMENTING = new Set(['dmn:InputData', 'dmn:KnowledgeSource', 'dmn:TextAnnotation', 'dmn:Association', 'dmn:Group']);
const PATH = /^[\p{L}_$][\p{L}\p{N}_$]*(\.[\p{L}_$][\p{L}\p{N}_$]*)*$/u;
const NOT_PATHS = new Set(['true', 'false', 'null', 'not']);

// dmn-moddle elements are loosely typed objects; only what is read here is described.
type El = { $type: string; id?: string; name?: string; [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Parses a DMN 1.3 file with dmn-moddle and compiles every decision, or names every problem. */
export async function compileDmn(xml: string): Promise<CompiledDmn> {
  const unsafe = xmlTextProblem(xml, 'DMN');
  if (unsafe) return fail({ code: unsafe.code, message: unsafe.message, messageZh: unsafe.messageZh, ...(unsafe.line ? { line: unsafe.line, column: unsafe.column } : {}) });
  let root: El;
  try {
    const parsed = await new DmnModdle().fromXML(withoutDeclaredEncoding(xml), 'dmn:Definitions');
    root = parsed.rootElement as El;
    const [warning] = parsed.warnings as Array<{ message: string }>;
    if (warning) return fail({ code: 'dmn-xml', message: `The DMN file cannot be read: ${warning.message}`, messageZh: `DMN 文件无法解析：${warning.message}` });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail({ code: 'dmn-xml', message: `The DMN file cannot be read: ${message}`, messageZh: `DMN 文件无法解析：${message}` });
  }
  if (root?.$type !== 'dmn:Definitions') return fail({ code: 'dmn-root', message: 'The file is not a DMN 1.3 definitions document', messageZh: '文件不是 DMN 1.3 definitions 文档' });
  const problems: DmnProblem[] = [];
  if (!FEEL_LANGUAGES.has(String(root.expressionLanguage ?? '').toLowerCase()) && !FEEL_LANGUAGES.has(String(root.expressionLanguage ?? ''))) {
    problems.push({ code: 'dmn-expression-language', message: `Expression language '${root.expressionLanguage}' is not supported: only FEEL`, messageZh: `不支持表达式语言“${root.expressionLanguage}”：仅支持 FEEL` });
  }
  problems.push(...camundaSevenAttributes(root));
  const nodes = new Map<string, DecisionNode>();
  for (const element of (root.drgElement ?? []) as El[]) {
    if (element.$type === 'dmn:Decision') {
      const node = compileDecision(element, problems);
      if (node) {
        if (nodes.has(node.id)) problems.push(at(node.id, 'dmn-decision-twice', `Decision '${node.id}' appears twice`, `决策“${node.id}”重复出现`));
        nodes.set(node.id, node);
      }
    } else if (!DOCUMENTING.has(element.$type)) {
      const kind = element.$type.replace('dmn:', '');
      problems.push(at(element.id, 'dmn-unsupported', `${kind} '${element.id}' is not executed by Matterflow (decision tables, literal expressions and required decisions are)`, `不支持 ${kind}“${element.id}”（支持决策表、字面表达式和依赖决策）`));
    }
  }
  if (nodes.size === 0 && problems.length === 0) problems.push({ code: 'dmn-no-decision', message: 'The DMN file has no decision', messageZh: 'DMN 文件中没有决策' });
  const ordered = dependencyOrder(nodes, problems);
  if (problems.length > 0) return { ok: false, problems };
  const tags = [...nodes.values()].map((node) => node.versionTag).filter((tag): tag is string => Boolean(tag));
  const versionTag = zeebeVersionTag(root) ?? tags[0];
  return { ok: true, xml, graph: { id: String(root.id ?? ''), ...(root.name ? { name: String(root.name) } : {}), ...(versionTag ? { versionTag } : {}), decisions: ordered } };
}

/**
 * Camunda 7 attributes (`camunda:inputVariable`, `camunda:versionTag`, `camunda:historyTimeToLive`, …) have no
 * effect here, as in Camunda 8: refused by name rather than ignored (dmn-moddle keeps them in $attrs).
 */
function camundaSevenAttributes(root: El): DmnProblem[] {
  const problems: DmnProblem[] = [];
  const seen = new Set<object>();
  const visit = (element: El, decisionId: string | undefined): void => {
    if (seen.has(element)) return;
    seen.add(element);
    const owner = element.$type === 'dmn:Decision' ? element.id : decisionId;
    for (const name of Object.keys((element.$attrs ?? {}) as Record<string, unknown>)) {
      if (!name.startsWith('camunda:')) continue;
      const what = `${element.$type.replace('dmn:', '')}${element.id ? ` '${element.id}'` : ''}`;
      problems.push(at(owner, 'dmn-camunda7', `${what}: the Camunda 7 attribute ${name} is not executed (remove it, as for Camunda 8)`, `${what}：不支持 Camunda 7 属性 ${name}（请删除，与 Camunda 8 相同）`));
    }
    for (const key of Object.keys(element)) {
      if (key.startsWith('$')) continue;
      const value = element[key];
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof (child as El).$type === 'string') visit(child as El, owner);
      }
    }
  };
  visit(root, undefined);
  return problems;
}

function fail(problem: DmnProblem): CompiledDmn {
  return { ok: false, problems: [problem] };
}

function at(decisionId: string | undefined, code: string, message: string, messageZh: string, ruleIndex?: number): DmnProblem {
  return { code, message, messageZh, ...(decisionId ? { elementId: decisionId } : {}), ...(ruleIndex ? { ruleIndex } : {}) };
}

function zeebeVersionTag(element: El): string | undefined {
  const values = (element.extensionElements?.values ?? []) as El[];
  const tag = values.find((value) => value.$type === 'zeebe:versionTag' || value.$type === 'zeebe:VersionTag');
  const text = tag?.value ?? tag?.$attrs?.value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

function compileDecision(element: El, problems: DmnProblem[]): DecisionNode | undefined {
  const id = String(element.id ?? '');
  if (!id) {
    problems.push({ code: 'dmn-decision-id', message: `A decision${element.name ? ` ('${element.name}')` : ''} has no id`, messageZh: `决策${element.name ? `“${element.name}”` : ''}缺少 id` });
    return undefined;
  }
  // The id is the decision's key in an index and in requests (decisionId, at most 200 characters).
  if (id.length > 200) {
    problems.push({ code: 'dmn-decision-id', message: `The decision id '${id.slice(0, 40)}…' has ${id.length} characters; ids may have at most 200`, messageZh: `决策标识“${id.slice(0, 40)}…”有 ${id.length} 个字符，最多 200 个字符` });
    return undefined;
  }
  const requires: string[] = [];
  for (const requirement of (element.informationRequirement ?? []) as El[]) {
    const href = requirement.requiredDecision?.href;
    if (typeof href === 'string') requires.push(href.replace(/^#/, ''));
  }
  if ((element.knowledgeRequirement ?? []).length > 0) {
    problems.push(at(id, 'dmn-unsupported', `Decision '${id}': knowledge requirements (business knowledge models) are not executed`, `决策“${id}”：不支持知识需求（业务知识模型）`));
  }
  const logic = element.decisionLogic as El | undefined;
  const label = `decision ${id}${element.name ? ` (${element.name})` : ''}`;
  const labelZh = `决策“${element.name ?? id}”`;
  let compiled: DecisionNode['logic'] | undefined;
  if (!logic) {
    problems.push(at(id, 'dmn-no-logic', `${capital(label)} has no decision table or literal expression`, `${labelZh}没有决策表或字面表达式`));
  } else if (logic.$type === 'dmn:DecisionTable') {
    compiled = compileTable(id, label, labelZh, logic, problems);
  } else if (logic.$type === 'dmn:LiteralExpression') {
    languageProblem(id, label, labelZh, logic, problems);
    const source = String(logic.text ?? '').trim();
    const expression = feel(source, problems, id, `${capital(label)}, literal expression`, `${labelZh}的字面表达式`);
    if (expression) compiled = { kind: 'literal', expression, source };
  } else {
    const kind = logic.$type.replace('dmn:', '');
    problems.push(at(id, 'dmn-unsupported', `${capital(label)}: ${kind} is not executed (decision tables and literal expressions are)`, `${labelZh}：不支持 ${kind}（支持决策表和字面表达式）`));
  }
  if (!compiled) return undefined;
  const versionTag = zeebeVersionTag(element);
  return {
    id,
    ...(element.name ? { name: String(element.name) } : {}),
    resultName: String(element.variable?.name ?? element.name ?? id),
    requires,
    ...(versionTag ? { versionTag } : {}),
    logic: compiled,
  };
}

function compileTable(id: string, label: string, labelZh: string, table: El, problems: DmnProblem[]): DecisionTable | undefined {
  const before = problems.length;
  languageProblem(id, label, labelZh, table, problems);
  const hitPolicy = String(table.hitPolicy ?? 'UNIQUE') as HitPolicy;
  if (!HIT_POLICIES.has(hitPolicy)) problems.push(at(id, 'dmn-hit-policy', `${capital(label)}: hit policy '${hitPolicy}' is not known`, `${labelZh}：未知的命中策略“${hitPolicy}”`));
  const aggregation = table.aggregation ? (String(table.aggregation) as Aggregation) : undefined;
  if (aggregation && (!AGGREGATIONS.has(aggregation) || hitPolicy !== 'COLLECT')) {
    problems.push(at(id, 'dmn-aggregation', `${capital(label)}: aggregation '${aggregation}' is allowed only with hit policy COLLECT (SUM, MIN, MAX, COUNT)`, `${labelZh}：聚合“${aggregation}”只能用于 COLLECT 命中策略（SUM、MIN、MAX、COUNT）`));
  }
  const inputs: TableInput[] = ((table.input ?? []) as El[]).map((input, index) => {
    const source = String(input.inputExpression?.text ?? '').trim();
    const name = String(input.label ?? (source || `#${index + 1}`));
    const where = `${capital(label)}, input '${name}'`;
    const whereZh = `${labelZh}的输入“${name}”`;
    const expression = source ? feel(source, problems, id, `${where}, expression`, `${whereZh}表达式`) : undefined;
    if (!source) problems.push(at(id, 'dmn-input-expression', `${where} has no input expression`, `${whereZh}缺少输入表达式`));
    const allowed = input.inputValues?.text ? tests(String(input.inputValues.text), problems, id, `${where}, input values`, `${whereZh}的输入值`) : undefined;
    const path = PATH.test(source) && !NOT_PATHS.has(source) ? source.split('.') : undefined;
    return { id: String(input.id ?? `input${index + 1}`), label: name, expression: expression as FeelExpression, source, ...(path ? { path } : {}), ...(allowed ? { allowed } : {}) };
  });
  const outputs: TableOutput[] = ((table.output ?? []) as El[]).map((output, index) => {
    const name = String(output.name ?? '');
    const shown = String(output.label ?? (name || `#${index + 1}`));
    const where = `${capital(label)}, output '${shown}'`;
    const whereZh = `${labelZh}的输出“${shown}”`;
    if (!name && (table.output?.length ?? 0) > 1) problems.push(at(id, 'dmn-output-name', `${where} needs a name: a table with several outputs gives a context of them`, `${whereZh}需要名称（name）：多输出的决策表按名称返回结果`));
    const defaultEntry = output.defaultOutputEntry ? outputEntryOf(output.defaultOutputEntry as El, problems, id, `${where}, default output entry`, `${whereZh}的默认输出项`) : undefined;
    const text = output.outputValues?.text ? String(output.outputValues.text) : undefined;
    const allowed = text ? tests(text, problems, id, `${where}, output values`, `${whereZh}的输出值`) : undefined;
    const priority = text ? literalList(text) : undefined;
    return { id: String(output.id ?? `output${index + 1}`), label: shown, name: name || shown, ...(allowed ? { allowed } : {}), ...(priority ? { priority } : {}), ...(defaultEntry ? { defaultEntry } : {}) };
  });
  if (outputs.length === 0) problems.push(at(id, 'dmn-no-output', `${capital(label)} has no output column`, `${labelZh}没有输出列`));
  if (aggregation && outputs.length > 1) problems.push(at(id, 'dmn-aggregation', `${capital(label)}: an aggregation needs exactly one output column`, `${labelZh}：聚合只能用于单个输出列`));
  if ((hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') && !outputs.some((output) => output.priority)) {
    problems.push(at(id, 'dmn-priority', `${capital(label)}: hit policy ${hitPolicy} needs output values (a list of literals) to order the outputs by`, `${labelZh}：命中策略 ${hitPolicy} 需要输出值（字面量列表）来确定优先级`));
  }
  const rules: TableRule[] = ((table.rule ?? []) as El[]).map((rule, index) => {
    const ruleIndex = index + 1;
    const where = `${capital(label)}, rule ${ruleIndex}`;
    const whereZh = `${labelZh}的规则 ${ruleIndex} `;
    const entries = (rule.inputEntry ?? []) as El[];
    const outputEntries = (rule.outputEntry ?? []) as El[];
    if (entries.length !== inputs.length || outputEntries.length !== outputs.length) {
      problems.push(at(id, 'dmn-rule-shape', `${where} has ${entries.length} input and ${outputEntries.length} output entries; the table has ${inputs.length} inputs and ${outputs.length} outputs`, `${whereZh}有 ${entries.length} 个输入项和 ${outputEntries.length} 个输出项，而决策表有 ${inputs.length} 个输入和 ${outputs.length} 个输出`, ruleIndex));
    }
    const inputEntries = entries.map((entry, column) => {
      languageProblem(id, label, labelZh, entry, problems);
      const name = inputs[column]?.label ?? `#${column + 1}`;
      return tests(String(entry.text ?? ''), problems, id, `${where}, input '${name}'`, `${whereZh}的输入“${name}”`, ruleIndex) ?? ANY;
    });
    const compiledOutputs = outputEntries.map((entry, column): OutputEntry => {
      const name = outputs[column]?.label ?? `#${column + 1}`;
      return outputEntryOf(entry, problems, id, `${where}, output '${name}'`, `${whereZh}的输出“${name}”`, ruleIndex);
    });
    return { id: String(rule.id ?? `rule${ruleIndex}`), index: ruleIndex, inputEntries, outputEntries: compiledOutputs };
  });
  if (problems.length > before) return undefined;
  return { kind: 'table', hitPolicy, ...(aggregation ? { aggregation } : {}), inputs, outputs, rules };
}

const ANY = compileUnaryTests('-') as CompiledUnaryTests;

function languageProblem(id: string, label: string, labelZh: string, element: El, problems: DmnProblem[]): void {
  const language = element.expressionLanguage;
  if (language && !FEEL_LANGUAGES.has(String(language)) && !FEEL_LANGUAGES.has(String(language).toLowerCase())) {
    problems.push(at(id, 'dmn-expression-language', `${capital(label)}: expression language '${language}' is not supported: only FEEL`, `${labelZh}：不支持表达式语言“${language}”，仅支持 FEEL`));
  }
}

function feel(source: string, problems: DmnProblem[], id: string, where: string, whereZh: string, ruleIndex?: number): FeelExpression | undefined {
  if (source === '') {
    problems.push(at(id, 'dmn-feel', `${where} is empty`, `${whereZh}为空`, ruleIndex));
    return undefined;
  }
  const compiled = compileFeel(source);
  if (isFeelSyntaxProblem(compiled)) {
    problems.push(at(id, 'dmn-feel', `${where}: '${source}' is not valid FEEL: ${compiled.message}`, `${whereZh}：“${source}”不是有效的 FEEL：${compiled.messageZh}`, ruleIndex));
    return undefined;
  }
  return compiled;
}

function tests(source: string, problems: DmnProblem[], id: string, where: string, whereZh: string, ruleIndex?: number): CompiledUnaryTests | undefined {
  const compiled = compileUnaryTests(source);
  if ('test' in compiled) return compiled;
  problems.push(at(id, 'dmn-unary-test', `${where}: ${compiled.message}`, `${whereZh}：${compiled.messageZh}`, ruleIndex));
  return undefined;
}

/** Required decisions first; a missing one or a cycle is a problem naming the decisions. */
function dependencyOrder(nodes: Map<string, DecisionNode>, problems: DmnProblem[]): Map<string, DecisionNode> {
  const ordered = new Map<string, DecisionNode>();
  const visiting = new Set<string>();
  const visit = (node: DecisionNode, path: string[]): void => {
    if (ordered.has(node.id)) return;
    if (visiting.has(node.id)) {
      const cycle = [...path.slice(path.indexOf(node.id)), node.id].join(' → ');
      problems.push(at(node.id, 'dmn-cycle', `Required decisions form a cycle: ${cycle}`, `依赖决策形成循环：${cycle}`));
      return;
    }
    visiting.add(node.id);
    for (const required of node.requires) {
      const target = nodes.get(required);
      if (!target) problems.push(at(node.id, 'dmn-required-decision', `Decision '${node.id}' requires decision '${required}', which is not in the file`, `决策“${node.id}”依赖的决策“${required}”不在文件中`));
      else visit(target, [...path, node.id]);
    }
    visiting.delete(node.id);
    ordered.set(node.id, node);
  };
  for (const node of nodes.values()) visit(node, []);
  return ordered;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An output entry (of a rule, or a column's default): a literal kept as its value, else a compiled FEEL expression. */
function outputEntryOf(entry: El, problems: DmnProblem[], id: string, where: string, whereZh: string, ruleIndex?: number): OutputEntry {
  const source = String(entry.text ?? '').trim();
  if (source === '') return { constant: true, value: null };
  const literal = literalValue(source);
  if (literal) return { constant: true, value: literal.value };
  const expression = feel(source, problems, id, where, whereZh, ruleIndex);
  return expression ? { constant: false, expression, source } : { constant: true, value: null };
}
