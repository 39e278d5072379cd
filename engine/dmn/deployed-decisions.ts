import { createHash } from 'node:crypto';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import type { Json } from '../runtime/variables.js';
import {
  definitionsOfRequirements,
  insertDecisionDefinition,
  latestDecisionVersion,
  latestMatchingDecision,
  type DecisionDefinitionRow,
} from '../store/dmn/decision-definitions.js';
import { insertRequirements, latestRequirements, requirementsXml, type DecisionRequirementsRow } from '../store/dmn/decision-requirements.js';
import { compileDmn } from './compile-dmn.js';
import type { DecisionGraph, DecisionOutcome, EvaluatedDecision } from './decision-model.js';
import { evaluateDecision } from './evaluate-decision.js';

// The stored rows and the plain listings, so the engine and the API's decision routes find the decisions' surface in one module.
export { listDecisionDefinitions, readDecisionDefinition, type DecisionDefinitionRow } from '../store/dmn/decision-definitions.js';
export type { DecisionRequirementsRow } from '../store/dmn/decision-requirements.js';

export interface DecisionDeployment {
  definition: DecisionDefinitionRow;
  requirements: Pick<DecisionRequirementsRow, 'id' | 'requirements_id' | 'version'>;
  unchanged: boolean;
}

/** A DMN file ready to be written: compiled (so it is known to be valid) with its text. */
export interface DmnFile {
  graph: DecisionGraph;
  xml: string;
}

/** Which version a business rule task (or an integrator) calls. */
export type DecisionBinding =
  | { bindingType: 'latest'; version?: number }
  | { bindingType: 'deployment'; deploymentId: string }
  | { bindingType: 'versionTag'; versionTag: string };

/**
 * Writes DMN files in the caller's deployment transaction: a file identical to the latest
 * version of its DRG (same XML, same tag) creates nothing; otherwise the DRG and each of its
 * decisions get the next version of the department. `ensureDeployment` writes the deployment
 * row the first time something new is written.
 */
export async function deployDecisionFiles(
  tx: Db,
  input: { department: string; files: readonly DmnFile[]; deploymentId: string; versionTag?: string; actor: string; now: Date; ensureDeployment: () => Promise<void> },
): Promise<DecisionDeployment[]> {
  const seen = new Map<string, string>();
  for (const file of input.files) {
    for (const decisionId of file.graph.decisions.keys()) {
      const other = seen.get(decisionId);
      if (other !== undefined) {
        throw new EngineError('invalid', 'The decisions cannot be deployed', '决策无法部署', [
          { code: 'dmn-decision-twice', elementId: decisionId, message: `Decision '${decisionId}' is in two files of the deployment (${other}, ${file.graph.id})`, messageZh: `决策“${decisionId}”在本次部署的两个文件中重复出现（${other}、${file.graph.id}）` },
        ]);
      }
      seen.set(decisionId, file.graph.id);
    }
  }
  const deployed: DecisionDeployment[] = [];
  for (const file of input.files) {
    const versionTag = input.versionTag ?? file.graph.versionTag ?? null;
    const hash = createHash('sha256').update(file.xml).update(`\u0000${versionTag ?? ''}`).digest('hex');
    const latest = await latestRequirements(tx, input.department, file.graph.id);
    if (latest && latest.xml_hash === hash) {
      const rows = await definitionsOfRequirements(tx, latest.id);
      for (const definition of rows) deployed.push({ definition, requirements: latest, unchanged: true });
      continue;
    }
    await input.ensureDeployment();
    const requirements = await insertRequirements(tx, {
      deployment_id: input.deploymentId,
      department: input.department,
      requirements_id: file.graph.id,
      name: file.graph.name ?? null,
      version: (latest?.version ?? 0) + 1,
      version_tag: versionTag,
      xml: file.xml,
      xml_hash: hash,
      created_by: input.actor,
      created_at: input.now,
    });
    for (const node of file.graph.decisions.values()) {
      const previous = await latestDecisionVersion(tx, input.department, node.id);
      const definition = await insertDecisionDefinition(tx, {
        requirements_key: requirements.id,
        deployment_id: input.deploymentId,
        department: input.department,
        decision_id: node.id,
        name: node.name ?? null,
        version: (previous ?? 0) + 1,
        version_tag: input.versionTag ?? node.versionTag ?? versionTag,
        created_at: input.now,
      });
      deployed.push({ definition, requirements, unchanged: false });
    }
  }
  return deployed;
}

/** The decision a binding names in a department, or undefined. */
export async function findDecision(db: Db, department: string, decisionId: string, binding: DecisionBinding): Promise<DecisionDefinitionRow | undefined> {
  const version = binding.bindingType === 'latest' ? (binding.version ?? null) : null;
  const tag = binding.bindingType === 'versionTag' ? binding.versionTag : null;
  const deployment = binding.bindingType === 'deployment' ? binding.deploymentId : null;
  return latestMatchingDecision(db, department, decisionId, { version, versionTag: tag, deploymentId: deployment });
}

/** What the trail and the API say about one evaluation (Camunda 8's decision evaluation record, in short). */
export interface DecisionEvaluationRecord {
  decisionKey: string;
  decisionId: string;
  decisionName: string | null;
  decisionVersion: number;
  versionTag: string | null;
  decisionRequirementsId: string;
  decisionRequirementsKey: string;
  result: Json;
  inputs: EvaluatedDecision['inputs'];
  matchedRules: EvaluatedDecision['matchedRules'];
  evaluatedDecisions: EvaluatedDecision[];
  failure?: { decisionId: string; message: string; messageZh: string; inputs: EvaluatedDecision['inputs'] };
}

/**
 * Compiled decision graphs by their stored key: a deployed version never changes, so it is
 * compiled once (at deployment, or on the first evaluation after a restart).
 */
export class DecisionGraphCache {
  private readonly graphs = new Map<string, DecisionGraph>();

  constructor(private readonly limit = 500) {}

  remember(requirementsKey: string, graph: DecisionGraph): void {
    if (this.graphs.size >= this.limit) this.graphs.delete(this.graphs.keys().next().value as string);
    this.graphs.set(requirementsKey, graph);
  }

  /** The graph, compiled from the stored XML if needed; `db` is the caller's transaction when there is one. */
  async get(db: Db, requirementsKey: string): Promise<DecisionGraph> {
    const cached = this.graphs.get(requirementsKey);
    if (cached) return cached;
    const xml = await requirementsXml(db, requirementsKey);
    if (xml === undefined) throw new EngineError('not-found', `No decision requirements ${requirementsKey}`, `决策需求 ${requirementsKey} 不存在`);
    const compiled = await compileDmn(xml);
    if (!compiled.ok) throw new Error(`Stored decision requirements ${requirementsKey} no longer compile: ${compiled.problems[0]?.message}`);
    this.remember(requirementsKey, compiled.graph);
    return compiled.graph;
  }

  /** Evaluates a stored decision and describes the evaluation for the trail. */
  async evaluate(db: Db, definition: DecisionDefinitionRow, variables: Record<string, Json>, now?: Date): Promise<{ outcome: DecisionOutcome; record: DecisionEvaluationRecord }> {
    let graph: DecisionGraph;
    try {
      graph = await this.get(db, definition.requirements_key);
    } catch (error) {
      // A stored file that a later release compiles differently fails its evaluation (an incident), never the command.
      const message = error instanceof Error ? error.message : String(error);
      graph = { id: definition.requirements_key, decisions: new Map() };
      const outcome: DecisionOutcome = { ok: false, decisionId: definition.decision_id, message, messageZh: `已部署的决策无法编译：${message}`, inputs: [], evaluated: [] };
      return { outcome, record: recordOf(definition, graph, outcome) };
    }
    const outcome = evaluateDecision(graph, definition.decision_id, variables, now);
    return { outcome, record: recordOf(definition, graph, outcome) };
  }
}

function recordOf(definition: DecisionDefinitionRow, graph: DecisionGraph, outcome: DecisionOutcome): DecisionEvaluationRecord {
  const own = outcome.evaluated.find((entry) => entry.decisionId === definition.decision_id);
  return {
    decisionKey: definition.id,
    decisionId: definition.decision_id,
    decisionName: definition.name,
    decisionVersion: definition.version,
    versionTag: definition.version_tag,
    decisionRequirementsId: graph.id,
    decisionRequirementsKey: definition.requirements_key,
    result: outcome.ok ? outcome.result : null,
    inputs: own?.inputs ?? (outcome.ok ? [] : outcome.decisionId === definition.decision_id ? outcome.inputs : []),
    matchedRules: own?.matchedRules ?? [],
    evaluatedDecisions: outcome.evaluated,
    ...(outcome.ok ? {} : { failure: { decisionId: outcome.decisionId, message: outcome.message, messageZh: outcome.messageZh, inputs: outcome.inputs } }),
  };
}
