import { EngineError } from '../errors.js';
import type { ProcessModel } from '../model/index.js';
import { problem, type ModelProblem } from '../model/problem.js';
import { compileDmn, type DmnProblem } from './compile-dmn.js';
import type { DmnFile } from './deployed-decisions.js';

const DMN_13 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const OLDER_DMN = ['http://www.omg.org/spec/DMN/20151101/dmn.xsd', 'https://www.omg.org/spec/DMN/20180521/MODEL/'];
const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** A DMN file rather than a BPMN one: it names a DMN namespace and no BPMN one. */
export function isDmnXml(text: string): boolean {
  return !text.includes(BPMN) && (text.includes(DMN_13) || OLDER_DMN.some((namespace) => text.includes(namespace)));
}

/** Compiles every DMN file of a deployment, or throws a 422 naming each problem (file, decision, rule, cell). */
export async function compileDmnFiles(texts: readonly string[], pointer: string): Promise<DmnFile[]> {
  const files: DmnFile[] = [];
  const problems: Array<DmnProblem & { field: string }> = [];
  for (const [index, text] of texts.entries()) {
    const field = pointer === '/xml' ? pointer : `${pointer}/${index}`;
    if (!text.includes(DMN_13) && OLDER_DMN.some((namespace) => text.includes(namespace))) {
      problems.push({ code: 'dmn-version', field, message: 'Only DMN 1.3 files are deployed: save the file as DMN 1.3 (Camunda Modeler does)', messageZh: '只支持 DMN 1.3 文件：请另存为 DMN 1.3（Camunda Modeler 默认即是）' });
      continue;
    }
    const compiled = await compileDmn(text);
    if (compiled.ok) files.push({ graph: compiled.graph, xml: text });
    else problems.push(...compiled.problems.map((entry) => ({ ...entry, field })));
  }
  if (problems.length > 0) throw new EngineError('invalid', 'The decisions cannot be deployed', '决策无法部署', problems);
  return files;
}

/**
 * A business rule task bound to the decision deployed with its process (bindingType
 * deployment) must find it in this deployment, as Camunda 8 checks.
 */
export function decisionBindingProblems(process: ProcessModel, files: readonly DmnFile[]): ModelProblem[] {
  const problems: ModelProblem[] = [];
  for (const node of process.elements.values()) {
    const called = node.calledDecision;
    if (!called || called.bindingType !== 'deployment' || !('static' in called.decisionId)) continue;
    const decisionId = called.decisionId.static;
    if (files.some((file) => file.graph.decisions.has(decisionId))) continue;
    problems.push(
      problem(
        'businessRuleTask.decisionNotInDeployment',
        `Business rule task '${node.id}' calls decision '${decisionId}' with bindingType deployment, but this deployment has no such decision`,
        `业务规则任务“${node.id}”以 bindingType deployment 调用决策“${decisionId}”，但本次部署中没有该决策`,
        { elementId: node.id },
      ),
    );
  }
  return problems;
}
