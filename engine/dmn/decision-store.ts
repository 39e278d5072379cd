import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../db/index.js';
import { EngineError } from '../errors.js';
import type { Json } from '../runtime/variables.js';
import { compileDmn } from './compile-dmn.js';
import type { DecisionGraph, DecisionOutcome, EvaluatedDecision } from './decision-model.js';
import { evaluateDecision } from './evaluate-decision.js';

export interface DecisionRequirementsRow {
  id: string;
  deployment_id: string;
  department: string;
  requirements_id: string;
  name: string | null;
  version: number;
  version_tag: string | null;
  xml: string;
  xml_hash: string;
  created_by: string;
  created_at: Date;
}

export interface DecisionDefinitionRow {
  id: string;
  requirements_key: string;
  deployment_id: string;
  department: string;
  decision_id: string;
  name: string | null;
  version: number;
  version_tag: string | null;
  created_at: Date;
}

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
    const [latest] = await tx.query<DecisionRequirementsRow>(
      'SELECT id, requirements_id, version, xml_hash FROM decision_requirements WHERE department = $1 AND requirements_id = $2 ORDER BY version DESC LIMIT 1',
      [input.department, file.graph.id],
    );
    if (latest && latest.xml_hash === hash) {
      const rows = await tx.query<DecisionDefinitionRow>('SELECT * FROM decision_definitions WHERE requirements_key = $1 ORDER BY decision_id', [latest.id]);
      for (const definition of rows) deployed.push({ definition, requirements: latest, unchanged: true });
      continue;
    }
    await input.ensureDeployment();
    const [requirements] = await tx.query<DecisionRequirementsRow>(
      `INSERT INTO decision_requirements (id, deployment_id, department, requirements_id, name, version, version_tag, xml, xml_hash, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id, requirements_id, version`,
      [randomUUID(), input.deploymentId, input.department, file.graph.id, file.graph.name ?? null, (latest?.version ?? 0) + 1, versionTag, file.xml, hash, input.actor, input.now],
    );
    for (const node of file.graph.decisions.values()) {
      const [previous] = await tx.query<{ version: number }>('SELECT version FROM decision_definitions WHERE department = $1 AND decision_id = $2 ORDER BY version DESC LIMIT 1', [input.department, node.id]);
      const [definition] = await tx.query<DecisionDefinitionRow>(
        `INSERT INTO decision_definitions (id, requirements_key, deployment_id, department, decision_id, name, version, version_tag, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [randomUUID(), requirements.id, input.deploymentId, input.department, node.id, node.name ?? null, (previous?.version ?? 0) + 1, input.versionTag ?? node.versionTag ?? versionTag, input.now],
      );
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
  const [row] = await db.query<DecisionDefinitionRow>(
    `SELECT * FROM decision_definitions WHERE department = $1 AND decision_id = $2 AND ($3::int IS NULL OR version = $3) AND ($4::text IS NULL OR version_tag = $4)
       AND ($5::uuid IS NULL OR deployment_id = $5) ORDER BY version DESC LIMIT 1`,
    [department, decisionId, version, tag, deployment],
  );
  return row;
}

/** Every version of the decisions of a department (null: every department), newest first. */
export async function listDecisionDefinitions(db: Db, department: string | null, decisionId: string | null): Promise<DecisionDefinitionRow[]> {
  return db.query<DecisionDefinitionRow>(
    `SELECT * FROM decision_definitions WHERE ($1::text IS NULL OR department = $1) AND ($2::text IS NULL OR decision_id = $2) ORDER BY decision_id, version DESC LIMIT 500`,
    [department, decisionId],
  );
}

/** One decision definition with its DMN file's XML, within a department (null: any). */
export async function readDecisionDefinition(db: Db, key: string, department: string | null): Promise<(DecisionDefinitionRow & { xml: string; requirements_id: string }) | undefined> {
  const [row] = await db.query<DecisionDefinitionRow & { xml: string; requirements_id: string }>(
    `SELECT d.*, r.xml, r.requirements_id FROM decision_definitions d JOIN decision_requirements r ON r.id = d.requirements_key WHERE d.id = $1 AND ($2::text IS NULL OR d.department = $2)`,
    [key, department],
  );
  return row;
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
    const [row] = await db.query<{ xml: string }>('SELECT xml FROM decision_requirements WHERE id = $1', [requirementsKey]);
    if (!row) throw new EngineError('not-found', `No decision requirements ${requirementsKey}`, `决策需求 ${requirementsKey} 不存在`);
    const compiled = await compileDmn(row.xml);
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
